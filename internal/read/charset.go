package read

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/text"
)

// declaredRe finds a markup file's own charset declaration: <meta
// charset>, <meta http-equiv content="...; charset=...">, or an XML
// declaration's encoding.
var declaredRe = regexp.MustCompile(`(?i)(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([a-z0-9_.:-]{1,40})`)

// decodeDeclared decodes a markup file. Valid UTF-8 is taken as it is
// (whatever it declares); otherwise a declared single-byte charset
// (windows-1251, koi8-r, iso-8859-x, ...) is used, byte for byte with
// its map, and failing that Decode's Windows-1252.
func decodeDeclared(name string, data []byte) (string, *text.Map, []quellen.Problem) {
	if utf8.Valid(data) {
		return Decode(name, data)
	}
	head := data[:min(len(data), 2048)]
	m := declaredRe.FindSubmatch(head)
	if m == nil {
		return Decode(name, data)
	}
	label := strings.ToLower(string(m[1]))
	enc, err := htmlindex.Get(label)
	if err != nil {
		return Decode(name, data)
	}
	cm, ok := enc.(*charmap.Charmap)
	if !ok || cm == charmap.Windows1252 {
		return Decode(name, data)
	}
	s := string(data)
	b := text.NewBuilder(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			b.CopyTo(i)
			b.Replace(i, i+1, string(cm.DecodeByte(c)))
		}
	}
	out, mp := b.Finish()
	return out, mp, []quellen.Problem{{
		Severity: "warning", Code: "encoding.declared", Offset: -1,
		Message: fmt.Sprintf("%s: not UTF-8; decoded as its declared %s", name, label),
	}}
}

// compose joins a decoding map (decoded text back to the file) and a
// reader's map (its text back to the decoded text), skipping the work
// when the decoding changed nothing.
func compose(dec, next *text.Map) *text.Map {
	if ps := dec.Pieces(); dec.InLen() == dec.OutLen() && (len(ps) == 0 || len(ps) == 1 && ps[0].Copy) {
		return next
	}
	return dec.Then(next)
}
