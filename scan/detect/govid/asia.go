package govid

// aadhaar returns the length of the Indian Aadhaar number at v's start,
// or 0: twelve digits, the first 2 to 9, plain or in fours with blanks or
// hyphens, the last a Verhoeff check digit (UIDAI's numbering scheme).
func aadhaar(v []byte) int {
	var d [12]byte
	i := grouped(v, d[:], []int{4, 4, 4}, " -")
	if i == 0 || d[0] < 2 || i < len(v) && isWord(v[i]) {
		return 0
	}
	c := 0
	for k := range d {
		c = verhoeffD[c][verhoeffP[k%8][d[11-k]]]
	}
	if c != 0 {
		return 0
	}
	return i
}

// verhoeffD and verhoeffP are the Verhoeff scheme's multiplication table
// (of the dihedral group D5) and its permutation table.
var (
	verhoeffD = [10][10]int{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
		{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]int{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
		{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// nric returns the length of the Singapore NRIC or FIN at v's start, or
// 0: S or T (citizens and permanent residents born before and from
// 2000), F or G (foreigners), seven digits, and a check letter of the
// digits' weighted sum (2, 7, 6, 5, 4, 3, 2; plus 4 for T and G) modulo
// 11. S1234567D, every description's example, is no one's.
func nric(v []byte) int {
	if len(v) < 9 || len(v) > 9 && isWord(v[9]) {
		return 0
	}
	var d [7]byte
	if digitsAt(v, 1, d[:]) < 0 {
		return 0
	}
	sum := weighted(d[:], 2, 7, 6, 5, 4, 3, 2)
	var letters string
	switch v[0] {
	case 'S':
		letters = "JZIHGFEDCBA"
	case 'T':
		letters, sum = "JZIHGFEDCBA", sum+4
	case 'F':
		letters = "XWUTRQPNMLK"
	case 'G':
		letters, sum = "XWUTRQPNMLK", sum+4
	default:
		return 0
	}
	if v[8] != letters[sum%11] || string(v[:9]) == "S1234567D" {
		return 0
	}
	return 9
}

// rrn returns the length of the South Korean resident registration
// number at v's start, or 0: the date of birth YYMMDD, a hyphen or
// nothing, a digit of sex and century (1 to 4; 5 to 8 for foreigners),
// five digits and a check digit: 11 less the sum weighted 2 to 9, then 2
// to 5, modulo 11, modulo 10. Numbers issued from October 2020 have no
// check digit and are not found.
func rrn(v []byte) int {
	var d [13]byte
	i := grouped(v, d[:], []int{6, 7}, "-")
	if i == 0 || i < len(v) && isWord(v[i]) || d[6] < 1 || d[6] > 8 || !ddmm(d[4]*10+d[5], d[2]*10+d[3]) {
		return 0
	}
	sum := 0
	for k := range 12 {
		sum += int(d[k]) * (2 + k%8)
	}
	if int(d[12]) != (11-sum%11)%10 {
		return 0
	}
	return i
}
