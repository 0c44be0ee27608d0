package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/searchkey"
)

// Prepared is a document made ready to be stored: everything Put works
// out without the database (the JSON of its metadata and attributes, its
// passages with their search columns, the filter of its ~fragments), so that
// the analysis workers of an ingest can do it in parallel and the single
// writer only writes. Prepare makes one; Store.PutPrepared stores it.
type Prepared struct {
	d        *quellen.Document
	meta     string
	source   any   // the addressable text, or nil (NULL) when it is Raw
	clean    any   // the repaired text, or nil when it is Source
	attrs    []any // per finding: its attributes as JSON text, or nil
	passages []searchkey.Passage
	grams    []byte // the fragment filter (grams.go)
}

// Prepare does the work of storing d that needs no database. It may run on
// any goroutine, many at once; it fills d.SHA256 when empty and the status
// of findings that have none, and changes nothing else. Corrections are
// applied by PutPrepared, which prepares again the rare document that has
// some.
func Prepare(d *quellen.Document) (*Prepared, error) {
	if d.SHA256 == "" {
		sum := sha256.Sum256(d.Raw)
		d.SHA256 = hex.EncodeToString(sum[:])
	}
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return nil, fmt.Errorf("%s: metadata: %w", d.Name, err)
	}
	p := &Prepared{d: d, meta: string(meta)}
	if d.Source != string(d.Raw) {
		p.source = d.Source
	}
	if d.Clean != d.Source {
		p.clean = d.Clean
	}
	if err := p.prepareFindings(); err != nil {
		return nil, err
	}
	return p, nil
}

// prepareFindings encodes the attributes of the findings and works out the
// passages and the fragment filter from them.
func (p *Prepared) prepareFindings() error {
	d := p.d
	p.attrs = make([]any, len(d.Findings))
	for i := range d.Findings {
		f := &d.Findings[i]
		if f.Status == "" {
			f.Status = quellen.StatusAutomatic
		}
		a, err := marshalAttrs(f.Attrs)
		if err != nil {
			return fmt.Errorf("%s: finding %d (%s): %w", d.Name, i, f.Kind, err)
		}
		p.attrs[i] = a
	}
	if d.Unanalysed {
		// Stored without its analysis: no passages yet, and an empty
		// filter (nothing in it is found), both replaced by Reanalyse.
		p.passages, p.grams = nil, gramFilter("", nil)
		return nil
	}
	p.passages = searchkey.Passages(d)
	p.grams = gramFilter(d.Clean, p.passages)
	return nil
}
