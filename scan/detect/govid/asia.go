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

// tckn returns the length of the Turkish identity number (T.C. Kimlik
// No) at v's start, or 0: eleven digits, the first not 0; the tenth is
// seven times the sum of the odd-placed digits less the sum of the
// even-placed ones (of the first nine), modulo 10; the eleventh the sum
// of the first ten, modulo 10 (the MERNİS scheme as public descriptions
// give it). 10000000146, the first number issued and every
// description's example, is no one's to notify.
func tckn(v []byte) int {
	var d [11]byte
	i := grouped(v, d[:], []int{11}, "")
	if i == 0 || d[0] == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	odd := int(d[0] + d[2] + d[4] + d[6] + d[8])
	even := int(d[1] + d[3] + d[5] + d[7])
	sum := 0
	for _, x := range d[:10] {
		sum += int(x)
	}
	if int(d[9]) != ((odd*7-even)%10+10)%10 || int(d[10]) != sum%10 || string(v[:i]) == "10000000146" {
		return 0
	}
	return i
}

// thPIN returns the length of the Thai personal identification number at
// v's start, or 0: thirteen digits, plain or 1-4-5-2-1 with hyphens or
// blanks: a kind of person (1 to 8), a province (10 to 96), district and
// serial digits, and a check digit: 11 less the sum of the first twelve
// weighted 13 down to 2, modulo 11, modulo 10.
func thPIN(v []byte) int {
	var d [13]byte
	i := grouped(v, d[:], []int{1, 4, 5, 2, 1}, "- ")
	if i == 0 || i < len(v) && isWord(v[i]) || d[0] < 1 || d[0] > 8 {
		return 0
	}
	if p := d[1]*10 + d[2]; p < 10 || p > 96 {
		return 0
	}
	if sum := weighted(d[:12], 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2); int(d[12]) != (11-sum%11)%10 {
		return 0
	}
	return i
}

// saNID returns the length of the Saudi national ID or Iqama number at
// v's start, or 0: ten digits, the first 1 (a citizen) or 2 (a
// resident), the last a Luhn check digit (the Ministry of Interior's
// computer number as SAMA's rulebook and public descriptions give it).
func saNID(v []byte) int {
	var d [10]byte
	i := grouped(v, d[:], []int{10}, "")
	if i == 0 || i < len(v) && isWord(v[i]) || d[0] != 1 && d[0] != 2 || !luhn(d[:]) {
		return 0
	}
	return i
}

// ilID returns the length of the Israeli identity number (Mispar Zehut)
// at v's start, or 0: nine digits (older numbers written with a 0
// first), plain or with a hyphen before the last, which is a Luhn check
// digit. 123456782, the validators' example, is no one's.
func ilID(v []byte) int {
	var d [9]byte
	i := grouped(v, d[:], []int{8, 1}, "-")
	if i == 0 || i < len(v) && isWord(v[i]) || !luhn(d[:]) || string(d[:8]) == "\x00\x00\x00\x00\x00\x00\x00\x00" || string(v[:i]) == "123456782" {
		return 0
	}
	return i
}

// myNumber returns the length of the Japanese individual number (My
// Number) at v's start, or 0: twelve digits, plain or 4-4-4 with blanks
// or hyphens, the last a check digit: the eleven before it, numbered 1
// from the right, weighted n+1 up to the sixth and n-5 from the seventh;
// the sum modulo 11 gives 0 for 0 or 1, else 11 less it.
func myNumber(v []byte) int {
	var d [12]byte
	i := grouped(v, d[:], []int{4, 4, 4}, " -")
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	sum, zero := 0, true
	for n := 1; n <= 11; n++ {
		q := n + 1
		if n >= 7 {
			q = n - 5
		}
		sum += int(d[11-n]) * q
		zero = zero && d[11-n] == 0
	}
	c := 0
	if r := sum % 11; r > 1 {
		c = 11 - r
	}
	if zero || int(d[11]) != c {
		return 0
	}
	return i
}

// pan returns the length of an Indian Permanent Account Number of an
// individual at v's start, or 0: three letters, P (the holder is a
// person; companies, firms and trusts have other letters and are not
// personal data), the surname's initial, four digits not all 0 and a
// letter, in capitals. AAAPZ1234C, the example, is no one's.
func pan(v []byte) int {
	if len(v) < 10 || len(v) > 10 && isWord(v[10]) || v[3] != 'P' || !upper(v[9]) {
		return 0
	}
	for _, c := range v[:5] {
		if !upper(c) {
			return 0
		}
	}
	if digits(v[5:9]) != 4 || string(v[5:9]) == "0000" || string(v[:10]) == "AAAPZ1234C" {
		return 0
	}
	return 10
}

// myNRIC returns the length of the Malaysian identity card number
// (MyKad, NRIC) at v's start, or 0: twelve digits, plain or 6-2-4 with
// hyphens: the date of birth YYMMDD, a place of birth code (a state, or
// a country for those born abroad; 00, 17 to 20, 69, 73, 80, 81 and 94
// to 97 are not assigned), and four digits, the last odd for a man.
func myNRIC(v []byte) int {
	var d [12]byte
	i := grouped(v, d[:], []int{6, 2, 4}, "-")
	if i == 0 || i < len(v) && isWord(v[i]) || !ddmm(d[4]*10+d[5], d[2]*10+d[3]) {
		return 0
	}
	switch d[6]*10 + d[7] {
	case 0, 17, 18, 19, 20, 69, 73, 80, 81, 94, 95, 96, 97:
		return 0
	}
	return i
}

// nik returns the length of the Indonesian population identification
// number (Nomor Induk Kependudukan) at v's start, or 0: sixteen digits:
// the province (a code of the Ministry of Home Affairs' list), regency
// and district where it was first registered (not 00), the date of
// birth DDMMYY with 40 added to a woman's day, and a serial from 0001
// (Dukcapil's description of the number).
func nik(v []byte) int {
	var d [16]byte
	i := grouped(v, d[:], []int{16}, "")
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	switch p := d[0]*10 + d[1]; {
	case p >= 11 && p <= 19, p == 21, p >= 31 && p <= 36, p >= 51 && p <= 53, p >= 61 && p <= 65, p >= 71 && p <= 76, p == 81, p == 82, p >= 91 && p <= 96:
	default:
		return 0
	}
	day := d[6]*10 + d[7]
	if day > 40 {
		day -= 40
	}
	if d[2]+d[3] == 0 || d[4]+d[5] == 0 || !ddmm(day, d[8]*10+d[9]) || d[12]+d[13]+d[14]+d[15] == 0 {
		return 0
	}
	return i
}

// sss, crn and philHealth return the length of a Philippine Social
// Security System number (10 digits, 2-7-1), a UMID card's Common
// Reference Number (12, 4-7-1) or a PhilHealth number (12, 2-9-1) at v's
// start, plain or with hyphens, or 0. None has a published check, so
// only a label or a column says which.
func sss(v []byte) int        { return plainGroups(v, 2, 7, 1) }
func crn(v []byte) int        { return plainGroups(v, 4, 7, 1) }
func philHealth(v []byte) int { return plainGroups(v, 2, 9, 1) }

// plainGroups returns the length of the digits in groups of the given
// sizes at v's start, joined by hyphens or by nothing, or 0.
func plainGroups(v []byte, sizes ...int) int {
	var d [16]byte
	n := 0
	for _, s := range sizes {
		n += s
	}
	i := grouped(v, d[:n], sizes, "-")
	if i == 0 || i < len(v) && isWord(v[i]) {
		return 0
	}
	return i
}
