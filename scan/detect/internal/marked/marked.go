// Package marked reads the test texts of the detectors' label rules,
// where a keyword is written between bars ("my |student| ID 2834722"), so
// that a table of cases shows where the keyword is.
package marked

import "strings"

// Keyword returns s without its two bars and the range of the keyword
// that stood between them; ks and ke are -1 when s has no two bars.
func Keyword(s string) (text []byte, ks, ke int) {
	a := strings.IndexByte(s, '|')
	if a < 0 {
		return []byte(s), -1, -1
	}
	b := strings.IndexByte(s[a+1:], '|')
	if b < 0 {
		return []byte(s), -1, -1
	}
	b += a + 1
	return []byte(s[:a] + s[a+1:b] + s[b+1:]), a, b - 1
}
