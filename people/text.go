package people

// This file holds the string comparators. Jaro–Winkler is written here
// rather than taken from a library because it is the hot path of the
// resolver (hundreds of millions of calls at scale): this version works on
// bytes of already normalised ASCII names with fixed stack buffers and
// allocates nothing, where github.com/adrg/strutil converts to runes and
// allocates per call.

// JaroWinkler returns the Jaro–Winkler similarity of a and b in [0,1],
// with the standard prefix scale 0.1 and prefix length up to 4. It
// compares bytes, so callers pass normalised (lower-case ASCII) names.
func JaroWinkler(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > 64 || lb > 64 {
		if la > 64 {
			a, la = a[:64], 64
		}
		if lb > 64 {
			b, lb = b[:64], 64
		}
	}
	win := max(la, lb)/2 - 1
	if win < 0 {
		win = 0
	}
	var ma, mb [64]bool
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-win), min(lb-1, i+win)
		for j := lo; j <= hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	fm := float64(m)
	jaro := (fm/float64(la) + fm/float64(lb) + (fm-float64(t)/2)/fm) / 3
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// Soundex returns the American Soundex code of a normalised name
// ("robert" gives "R163"), or "" for an empty name.
func Soundex(s string) string {
	var out [4]byte
	n := 0
	var last byte
	for i := 0; i < len(s) && n < 4; i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		if c < 'a' || c > 'z' {
			continue
		}
		d := soundexDigit[c-'a']
		if n == 0 {
			out[0] = c - 32
			n = 1
			last = d
			continue
		}
		if d == '0' {
			if c != 'h' && c != 'w' {
				last = '0'
			}
			continue
		}
		if d != last {
			out[n] = d
			n++
		}
		last = d
	}
	if n == 0 {
		return ""
	}
	for n < 4 {
		out[n] = '0'
		n++
	}
	return string(out[:])
}

// abcdefghijklmnopqrstuvwxyz
var soundexDigit = []byte("01230120022455012623010202")

// NYSIIS returns the New York State Identification and Intelligence
// System phonetic code of a normalised name, truncated to 8 letters.
func NYSIIS(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' {
			b = append(b, c-32)
		} else if c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return ""
	}
	s := string(b)
	// Prefixes.
	switch {
	case hasPrefix(s, "MAC"):
		s = "MCC" + s[3:]
	case hasPrefix(s, "KN"):
		s = "NN" + s[2:]
	case hasPrefix(s, "K"):
		s = "C" + s[1:]
	case hasPrefix(s, "PH"), hasPrefix(s, "PF"):
		s = "FF" + s[2:]
	case hasPrefix(s, "SCH"):
		s = "SSS" + s[3:]
	}
	// Suffixes.
	switch {
	case hasSuffix(s, "EE"), hasSuffix(s, "IE"):
		s = s[:len(s)-2] + "Y"
	case hasSuffix(s, "DT"), hasSuffix(s, "RT"), hasSuffix(s, "RD"), hasSuffix(s, "NT"), hasSuffix(s, "ND"):
		s = s[:len(s)-2] + "D"
	}
	w := []byte(s)
	key := []byte{w[0]}
	isVowel := func(c byte) bool { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' }
	for i := 1; i < len(w); i++ {
		var rep []byte
		c := w[i]
		switch {
		case c == 'E' && i+1 < len(w) && w[i+1] == 'V':
			rep = []byte("AF")
			w[i+1] = 'F'
		case isVowel(c):
			rep = []byte{'A'}
		case c == 'Q':
			rep = []byte{'G'}
		case c == 'Z':
			rep = []byte{'S'}
		case c == 'M':
			rep = []byte{'N'}
		case c == 'K':
			if i+1 < len(w) && w[i+1] == 'N' {
				rep = []byte{'N'}
			} else {
				rep = []byte{'C'}
			}
		case c == 'S' && i+2 < len(w) && w[i+1] == 'C' && w[i+2] == 'H':
			rep = []byte("SSS")
			w[i+1], w[i+2] = 'S', 'S'
		case c == 'P' && i+1 < len(w) && w[i+1] == 'H':
			rep = []byte("FF")
			w[i+1] = 'F'
		case c == 'H' && (!isVowel(w[i-1]) || (i+1 < len(w) && !isVowel(w[i+1])) || i+1 == len(w)):
			rep = []byte{key[len(key)-1]}
		case c == 'W' && isVowel(w[i-1]):
			rep = []byte{key[len(key)-1]}
		default:
			rep = []byte{c}
		}
		for _, r := range rep[:1] {
			if key[len(key)-1] != r {
				key = append(key, r)
			}
		}
		if len(rep) > 1 {
			// The other letters of a multi-letter replacement were written
			// back into w and are handled on the next iterations.
			_ = rep
		}
	}
	if len(key) > 1 && key[len(key)-1] == 'S' {
		key = key[:len(key)-1]
	}
	if len(key) > 2 && key[len(key)-2] == 'A' && key[len(key)-1] == 'Y' {
		key = append(key[:len(key)-2], 'Y')
	}
	if len(key) > 1 && key[len(key)-1] == 'A' {
		key = key[:len(key)-1]
	}
	if len(key) > 8 {
		key = key[:8]
	}
	return string(key)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
func hasSuffix(s, p string) bool { return len(s) >= len(p) && s[len(s)-len(p):] == p }
