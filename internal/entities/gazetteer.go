package entities

import (
	"bufio"
	_ "embed"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/quellen/quellen/internal/names"
	"github.com/quellen/quellen/internal/translit"
)

//go:embed data/places.tsv
var placesTSV string

//go:embed data/learnt.tsv
var learntTSV string

var learntTab = newStrTable(parseLearnt(learntTSV))

// learnt holds, per folded word, the counts learnt from annotated
// newspapers: lower case, then capitalised outside a name, in a person,
// place, organisation, product (publication) and time mention.
type learnt [7]int

func (l learnt) entity() int { return l[2] + l[3] + l[4] + l[5] }

func (l learnt) common() int { return l[0] + l[1] }

// typeOf returns the type the counts favour, if they favour one clearly.
func (l learnt) typeOf() string {
	n := l.entity()
	if n < 2 {
		return ""
	}
	best, k := 0, -1
	for i := 2; i <= 5; i++ {
		if l[i] > best {
			best, k = l[i], i
		}
	}
	if best*10 < n*6 {
		return ""
	}
	return [...]string{"", "", "person", "place", "org", "publication"}[k]
}

func parseLearnt(s string) map[string]learnt {
	m := map[string]learnt{}
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			continue
		}
		var l learnt
		for i := range l {
			n := 0
			for _, c := range f[i+1] {
				n = n*10 + int(c-'0')
			}
			l[i] = n
		}
		m[f[0]] = l
	}
	return m
}

// Entry is one gazetteer line: a name, its type and its canonical name.
type Entry struct {
	Name, Type, Canonical string
}

// Gazetteer maps folded names to entries, and knows given names.
type Gazetteer struct {
	names map[string]Entry
	given map[string]bool
	// seen holds a bit per hash of the keys of names and given: most words
	// looked up are in neither, and the filter says so without the maps.
	seen   bloom
	learnt *strTable[learnt]
	// longest is the most words of any name, for phrase look-ups.
	longest int
	// edits counts the files read into it: what the runs keep of its
	// answers (see run.info) is kept for one count.
	edits int
}

// Lookup returns the entry for a name, folded (accents and case ignored);
// a name with hyphens is also looked up with spaces (New-York, Rhode-Island,
// as older newspapers write them).
func (g *Gazetteer) Lookup(name string) (Entry, bool) {
	var buf [96]byte
	if k, ok := asciiKey(buf[:0], name, true); ok {
		var e Entry
		ok := false
		if g.seen.has(k) {
			e, ok = g.names[string(k)] // no allocation
		}
		if !ok && strings.IndexByte(name, '-') > 0 {
			for i, c := range k {
				if c == '-' {
					k[i] = ' '
				}
			}
			if g.seen.has(k) {
				e, ok = g.names[string(k)]
			}
		}
		return e, ok
	}
	e, ok := g.names[gkey(name)]
	if !ok && strings.IndexByte(name, '-') > 0 {
		e, ok = g.names[gkey(strings.ReplaceAll(name, "-", " "))]
	}
	return e, ok
}

// Given reports whether w is a known given name.
func (g *Gazetteer) Given(w string) bool {
	var buf [64]byte
	if k, ok := asciiKey(buf[:0], w, false); ok {
		return g.seen.has(k) && g.given[string(k)]
	}
	if !strings.Contains(w, "’") {
		return g.given[fold(w)] // fold keeps the forms outside ASCII
	}
	return g.given[translit.Fold(w)]
}

// asciiKey appends to b the key of an ASCII name (lower case; with fields,
// runs of white space as one space and no space at either end); ok is false
// for a name outside ASCII or longer than b can hold, left to gkey.
func asciiKey(b []byte, s string, fields bool) ([]byte, bool) {
	if len(s) > cap(b) {
		return nil, false
	}
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if fields && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

func gkey(s string) string {
	// fold is translit.Fold with ’ as ', its forms kept.
	return strings.Join(strings.Fields(fold(s)), " ")
}

// ReadTSV adds the entries of a name<TAB>type<TAB>canonical file; blank
// lines and lines starting with # are skipped, a missing canonical is the
// name itself, and a line with type "given" adds a given name.
func (g *Gazetteer) ReadTSV(r io.Reader) error {
	g.edits++
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		name := strings.TrimSpace(f[0])
		if name == "" {
			continue
		}
		typ := "other"
		if len(f) > 1 && strings.TrimSpace(f[1]) != "" {
			typ = strings.TrimSpace(f[1])
		}
		if typ == "given" {
			g.given[translit.Fold(name)] = true
			g.seen.add(translit.Fold(name))
			continue
		}
		canon := name
		if len(f) > 2 && strings.TrimSpace(f[2]) != "" {
			canon = strings.TrimSpace(f[2])
		}
		g.names[gkey(name)] = Entry{Name: name, Type: typ, Canonical: canon}
		g.seen.add(gkey(name))
		if n := len(strings.Fields(name)); n > g.longest {
			g.longest = n
		}
	}
	return sc.Err()
}

// NewGazetteer returns the built-in gazetteer.
func NewGazetteer() *Gazetteer {
	g := &Gazetteer{names: map[string]Entry{}, given: map[string]bool{}, learnt: learntTab}
	_ = g.ReadTSV(strings.NewReader(placesTSV))
	for w := range names.All() {
		k := translit.Fold(w)
		g.given[k] = true
		g.seen.add(k)
	}
	return g
}

// DataDir is where a user's gazetteer lives: $QUELLEN_DATA, else
// ~/.local/share/quellen.
func DataDir() string {
	if d := os.Getenv("QUELLEN_DATA"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "quellen")
}

// UserFile is the name of the user's gazetteer in the data directory.
const UserFile = "gazetteer.tsv"

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the built-in gazetteer extended by the user's file, read once.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		defaultGaz = NewGazetteer()
		if dir := DataDir(); dir != "" {
			if f, err := os.Open(filepath.Join(dir, UserFile)); err == nil {
				_ = defaultGaz.ReadTSV(f)
				f.Close()
			}
		}
	})
	return defaultGaz
}

// bloom is a filter of 2^17 bits with two hashes.
type bloom [1 << 11]uint64

func bloomHash[T string | []byte](k T) (uint32, uint32) {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h = (h ^ uint64(k[i])) * 1099511628211
	}
	return uint32(h) & (1<<17 - 1), uint32(h>>32) & (1<<17 - 1)
}

func (b *bloom) add(k string) {
	h1, h2 := bloomHash(k)
	b[h1>>6] |= 1 << (h1 & 63)
	b[h2>>6] |= 1 << (h2 & 63)
}

func (b *bloom) has(k []byte) bool {
	h1, h2 := bloomHash(k)
	return b[h1>>6]&(1<<(h1&63)) != 0 && b[h2>>6]&(1<<(h2&63)) != 0
}
