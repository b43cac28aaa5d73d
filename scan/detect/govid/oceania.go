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
	sum := 0
	for k, w := range [9]int{1, 4, 3, 7, 5, 8, 6, 9, 10} {
		sum += int(d[k]) * w
	}
	if sum%11 != 0 || string(d[:]) == "\x01\x02\x03\x04\x05\x06\x07\x08\x02" {
		return 0
	}
	return i
}
