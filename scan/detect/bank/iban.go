package bank

// ibanLengths is the length of an IBAN by country, from the IBAN
// registry that SWIFT keeps for ISO 13616.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
	"RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// IBANAt finds an International Bank Account Number starting at text[i],
// written in one piece (DE89370400440532013000) or in groups of four
// (DE89 3704 0044 0532 0130 00): a country code, the country's length and
// the ISO 7064 mod-97 check. It returns the end of the IBAN.
func IBANAt(text []byte, i int) (int, bool) {
	if i > 0 && alnum(text[i-1]) || i+4 > len(text) || !upper(text[i]) || !upper(text[i+1]) || !digit(text[i+2]) || !digit(text[i+3]) {
		return 0, false
	}
	n, ok := ibanLengths[string(text[i:i+2])]
	if !ok {
		return 0, false
	}
	var buf [34]byte
	k, j := 0, i
	for k < n && j < len(text) {
		c := text[j]
		switch {
		case alnum(c):
			buf[k] = c
			k++
			j++
		case c == ' ' && k%4 == 0 && k > 0 && j+1 < len(text) && alnum(text[j+1]):
			j++ // a space between groups of four
		default:
			return 0, false
		}
	}
	if k < n || j < len(text) && alnum(text[j]) {
		return 0, false
	}
	if !ValidIBAN(buf[:n]) {
		return 0, false
	}
	return j, true
}

// ValidIBAN reports whether s (no spaces) is an IBAN: a known country,
// its length, upper-case letters and digits, and the mod-97 check.
func ValidIBAN(s []byte) bool {
	if len(s) < 4 || !upper(s[0]) || !upper(s[1]) || !digit(s[2]) || !digit(s[3]) {
		return false
	}
	if n, ok := ibanLengths[string(s[:2])]; !ok || n != len(s) {
		return false
	}
	// The first four characters move to the end; letters count as 10..35.
	rem := 0
	for k := 0; k < len(s); k++ {
		c := s[(k+4)%len(s)]
		switch {
		case digit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case upper(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

func digit(c byte) bool { return c >= '0' && c <= '9' }
func upper(c byte) bool { return c >= 'A' && c <= 'Z' }
func alnum(c byte) bool { return digit(c) || upper(c) || c >= 'a' && c <= 'z' }
