// Package itin recognises Individual Taxpayer Identification Numbers:
// nine digits 9XX-GG-XXXX whose group GG is 50–65, 70–88, 90–92 or 94–99,
// written like an SSN.
package itin

import "github.com/breachkit/breachkit/scan/detect/ssn"

// Keywords are the words that, near a number, say it is an ITIN.
var Keywords = []string{"itin", "taxpayer", "taxid", "tin", "tax"}

// Valid reports whether nine digits are a structurally valid ITIN.
func Valid(d []byte) bool {
	if len(d) != 9 || d[0] != '9' {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	if string(d) == "999999999" || string(d[5:]) == "0000" {
		return false // placeholder, or no serial
	}
	if string(d[:8]) == "98765432" {
		return false // 987-65-4320 to 4329: the SSA's advertising numbers, in every sample form
	}
	g := int(d[3]-'0')*10 + int(d[4]-'0')
	return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99)
}

// Score validates a digit candidate; see ssn.Score.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Valid(digits) {
		return 0, false
	}
	return ssn.Shape(groups, seps)
}
