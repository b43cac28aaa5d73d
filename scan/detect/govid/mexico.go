package govid

import "bytes"

// curpStates are the two letters a CURP gives for the state of birth,
// NE for a person born abroad (the catalogue of states of the
// Instructivo Normativo para la Asignación de la CURP, DOF 2021-10-18).
const curpStates = "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE"

// curpValues orders the characters a CURP's check digit weighs: digits,
// then the Spanish alphabet with Ñ after N.
const curpValues = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"

// curp returns the length of the CURP at v's start, 18, or 0: four
// letters of the name (the second a vowel, or X), the date of birth
// YYMMDD, H or M, the state of birth, three consonants of the
// name, a digit (born before 2000) or letter (from 2000) that tells
// people apart, and a check digit: ten less the sum of each character's
// value times 18 less its index, modulo 10.
func curp(v []byte) int {
	if len(v) < 18 || len(v) > 18 && isWord(v[18]) {
		return 0
	}
	for k := 0; k < 17; k++ {
		c := v[k]
		switch {
		case k < 4 || k == 10 || k == 11 || k == 12:
			if !upper(c) {
				return 0
			}
		case k < 10:
			if !digit(c) {
				return 0
			}
		case k < 16:
			if !upper(c) || bytes.IndexByte([]byte("AEIOU"), c) >= 0 {
				return 0
			}
		default:
			if !upper(c) && !digit(c) {
				return 0
			}
		}
	}
	if !bytes.ContainsRune([]byte("AEIOUX"), rune(v[1])) || v[10] != 'H' && v[10] != 'M' || !digit(v[17]) {
		return 0
	}
	var d [6]byte
	digitsAt(v, 4, d[:])
	if month := d[2]*10 + d[3]; month < 1 || month > 12 || !ddmm(d[4]*10+d[5], month) {
		return 0
	}
	if st := bytes.Index([]byte(curpStates), v[11:13]); st < 0 || st%3 != 0 {
		return 0
	}
	sum := 0
	for k := 0; k < 17; k++ {
		x := bytes.IndexByte([]byte(curpValues), v[k])
		if x > 24 {
			x-- // Ñ is two bytes in curpValues
		}
		sum += x * (18 - k)
	}
	if int(v[17]-'0') != (10-sum%10)%10 {
		return 0
	}
	return 18
}
