package read

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Detect names the format of a file from its name and its first bytes.
func Detect(name string, data []byte) string {
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("application/epub+zip")) || strings.EqualFold(filepath.Ext(name), ".epub") {
			return "epub"
		}
		return "zip"
	}
	lower := bytes.ToLower(head)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "pdf"
	case ".epub":
		return "epub"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".md", ".markdown":
		return "markdown"
	case ".tei":
		return "tei"
	case ".xml":
		if bytes.Contains(lower, []byte("<tei")) {
			return "tei"
		}
		return "xml"
	}
	if bytes.Contains(lower, []byte("<tei")) && bytes.Contains(lower, []byte("tei-c.org")) {
		return "tei"
	}
	trim := bytes.TrimLeft(lower, " \t\r\n\ufeff")
	if bytes.HasPrefix(trim, []byte("<!doctype html")) || bytes.HasPrefix(trim, []byte("<html")) {
		return "html"
	}
	// XHTML with an XML declaration or a leading comment.
	if (bytes.HasPrefix(trim, []byte("<?xml")) || bytes.HasPrefix(trim, []byte("<!--"))) && bytes.Contains(lower, []byte("<html")) {
		return "html"
	}
	return "text"
}
