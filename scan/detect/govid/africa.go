package govid

// zaID returns the length of the South African identity number at v's
// start, or 0: thirteen digits, plain or 6-4-3 with blanks: the date of
// birth YYMMDD, four digits of sex and serial, a citizenship digit (0 a
// citizen, 1 a permanent resident, 2 a refugee), a digit that was once
// race and is now 8 or 9 (not checked: older numbers keep theirs), and a
// Luhn check digit (the Department of Home Affairs' scheme as public
// descriptions give it). 800101 5009 087, the example those descriptions
// print, is no one's.
func zaID(v []byte) int {
	var d [13]byte
	i := grouped(v, d[:], []int{6, 4, 3}, " ")
	if i == 0 || i < len(v) && isWord(v[i]) || !ddmm(d[4]*10+d[5], d[2]*10+d[3]) || d[10] > 2 || !luhn(d[:]) {
		return 0
	}
	if string(d[:]) == "\x08\x00\x00\x01\x00\x01\x05\x00\x00\x09\x00\x08\x07" {
		return 0
	}
	return i
}

// luhn reports whether the digits d pass the Luhn check: from the right,
// every second digit doubled (less 9 when over 9), the sum a multiple of
// ten.
func luhn(d []byte) bool {
	sum := 0
	for k := range d {
		x := int(d[len(d)-1-k])
		if k%2 == 1 {
			if x *= 2; x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return sum%10 == 0
}

// nin returns the length of a Nigerian National Identification Number at
// v's start, or 0: eleven digits, assigned at random (NIMC), so only its
// label says what it is.
func nin(v []byte) int {
	var d [11]byte
	i := grouped(v, d[:], []int{11}, "")
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	return i
}
