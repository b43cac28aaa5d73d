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

// cpf returns the length of the Brazilian CPF (Cadastro de Pessoas
// Físicas) at v's start, or 0: eleven digits, plain or "529.982.247-25",
// the last two check digits modulo 11 over the nine before each (weights
// 10 to 2, then 11 to 2; a remainder under 2 gives 0). Eleven equal
// digits pass the check and are no one's.
func cpf(v []byte) int {
	var d [11]byte
	i := grouped(v, d[:], []int{11}, "")
	if i == 0 {
		if i = grouped(v, d[:9], []int{3, 3, 3}, "."); i == 0 || i >= len(v) || v[i] != '-' && v[i] != '.' {
			return 0
		}
		if i = digitsAt(v, i+1, d[9:]); i < 0 || i < len(v) && digit(v[i]) {
			return 0
		}
	}
	same := true
	for _, x := range d[1:] {
		same = same && x == d[0]
	}
	if same {
		return 0
	}
	for n := 9; n <= 10; n++ {
		sum := 0
		for k := range n {
			sum += int(d[k]) * (n + 1 - k)
		}
		c := 11 - sum%11
		if c >= 10 {
			c = 0
		}
		if int(d[n]) != c {
			return 0
		}
	}
	if i < len(v) && isWord(v[i]) {
		return 0
	}
	return i
}

// run returns the length of the Chilean RUN (Rol Único Nacional, the RUT
// of a person) at v's start, or 0: seven or eight digits, plain or with
// dots in thousands (12.345.678), then a hyphen or nothing and a check
// digit or K: 11 less the sum of the digits weighted 2 to 7 from the
// right, over and over, modulo 11 (11 gives 0, 10 gives K), as the
// Registro Civil's and the SII's descriptions give it. A person's number
// is under 50,000,000 (companies' RUTs are above); 12.345.678-5, the
// example, is no one's.
func run(v []byte) int {
	var d [9]byte
	n, i, dots := 0, 0, 0
	for i < len(v) {
		switch {
		case digit(v[i]):
			if n == len(d) {
				return 0
			}
			d[n] = v[i] - '0'
			n++
		case v[i] == '.' && n > 0 && i+1 < len(v) && digit(v[i+1]):
			dots++
		default:
			goto dv
		}
		i++
	}
dv:
	if dots > 0 && (dots != 2 || v[i-4] != '.' || v[i-8] != '.') {
		return 0 // 12.345.678: dots in thousands only
	}
	var c byte
	switch {
	case i+1 < len(v) && v[i] == '-':
		c = v[i+1] &^ 0x20 // k is K; digits keep their values below
		if digit(v[i+1]) {
			c = v[i+1]
		}
		i += 2
	case dots > 0:
		return 0 // 12.345.678 5: the check digit after a hyphen
	case i < len(v) && v[i]|0x20 == 'k':
		c = 'K'
		i++
	case n > 0:
		n--
		c = '0' + d[n]
	}
	if n < 7 || n > 8 || i < len(v) && isWord(v[i]) {
		return 0
	}
	body, sum := 0, 0
	for k := range n {
		body = body*10 + int(d[k])
		sum += int(d[n-1-k]) * (2 + k%6)
	}
	if body < 1_000_000 || body >= 50_000_000 || body == 12_345_678 {
		return 0
	}
	want := byte('0' + (11-sum%11)%11)
	if want == '0'+10 {
		want = 'K'
	}
	if c != want {
		return 0
	}
	return i
}
