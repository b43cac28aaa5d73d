// Package routing recognises ABA routing transit numbers: nine digits
// with a Federal Reserve prefix (00–12, 21–32, 61–72, 80) and a valid
// 3-7-1 checksum. One random nine-digit number in twenty passes both, so
// a routing number needs a keyword or a column to be reported.
package routing

// Keywords are the words that, near a number, say it is a routing number.
var Keywords = []string{"routing", "aba", "rtn", "transit", "routingnumber"}

// Valid reports whether nine digits are a valid ABA routing number.
func Valid(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	p := int(d[0]-'0')*10 + int(d[1]-'0')
	if !(p <= 12 || p >= 21 && p <= 32 || p >= 61 && p <= 72 || p == 80) {
		return false
	}
	if string(d) == "000000000" {
		return false
	}
	w := [3]int{3, 7, 1}
	sum := 0
	for i, c := range d {
		sum += int(c-'0') * w[i%3]
	}
	return sum%10 == 0
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(groups) != 1 || !Valid(digits) {
		return 0, false
	}
	return 0.2, true
}
