package govid

// tfn returns the length of the Australian tax file number at v's start,
// or 0: nine digits, plain or 3-3-3 with blanks, whose sum weighted 1, 4,
// 3, 7, 5, 8, 6, 9, 10 is a multiple of 11. 123 456 782, the ATO's
// example, is no one's.
func tfn(v []byte) int {
	var d [9]byte
	i := grouped(v, d[:], []int{3, 3, 3}, " -")
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	if weighted(d[:], 1, 4, 3, 7, 5, 8, 6, 9, 10)%11 != 0 || string(d[:]) == "\x01\x02\x03\x04\x05\x06\x07\x08\x02" {
		return 0
	}
	return i
}

// ird returns the length of the New Zealand IRD number at v's start, or
// 0: eight or nine digits (an eight-digit number has a 0 put before it),
// plain or 3-3-3 (2-3-3) with hyphens or blanks, from 10,000,000 to
// 150,000,000, the last a check digit: 11 less the sum weighted 3, 2, 7,
// 6, 5, 4, 3, 2 modulo 11 (0 for 0), or where that gives 10, the same
// with the weights 7, 4, 3, 2, 5, 2, 7, 6, and no number where it gives
// 10 again (Inland Revenue's RWT and NRWT specification).
func ird(v []byte) int {
	var d [9]byte
	i := grouped(v, d[:], []int{3, 3, 3}, "- ")
	if i == 0 {
		i = grouped(v, d[1:], []int{2, 3, 3}, "- ")
		d[0] = 0
	}
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	n := 0
	for _, x := range d[:8] {
		n = n*10 + int(x)
	}
	if n < 1_000_000 || n > 15_000_000 {
		return 0
	}
	for _, sum := range [2]int{weighted(d[:8], 3, 2, 7, 6, 5, 4, 3, 2), weighted(d[:8], 7, 4, 3, 2, 5, 2, 7, 6)} {
		c := 0
		if r := sum % 11; r != 0 {
			c = 11 - r
		}
		if c != 10 {
			if int(d[8]) != c {
				return 0
			}
			return i
		}
	}
	return 0
}

// weighted returns the sum of the digits d, each times its weight in w.
func weighted(d []byte, w ...int) int {
	sum := 0
	for k, x := range d {
		sum += int(x) * w[k]
	}
	return sum
}
