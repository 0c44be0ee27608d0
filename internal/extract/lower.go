package extract

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Lower is strings.ToLower(s), made in buf when s is in ASCII (the string
// returned may share buf's storage, so buf must not be written while it is
// in use): a hot path's lower-casing without an allocation a call.
func Lower(s string, buf []byte) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	if len(buf) == 0 {
		return ""
	}
	return unsafe.String(&buf[0], len(buf))
}
