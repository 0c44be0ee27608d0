// Package export writes findings and links in the formats of the field, one
// file per format: JSON Lines in the extraction contract, CSV, and (as the
// layers arrive) TEI, Web Annotation, CSL-JSON, GraphML and TimelineJS.
package export
