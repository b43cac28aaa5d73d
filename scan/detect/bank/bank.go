// Package bank recognises bank account numbers. US account numbers have
// no check digit and no fixed length (commonly 6 to 17 digits), so a
// number is a bank account only when a keyword ("account", "acct") or a
// column says so; the shape alone gives no confidence. IBANs carry a
// country code, a fixed length and a check, and are recognised on their
// own.
package bank

// Keywords are the words that, near a number, say it is a bank account.
var Keywords = []string{"account", "acct", "accountnumber", "checking", "savings", "dda", "iban", "bankaccount"}

// Valid reports whether the digits can be a bank account number.
func Valid(d []byte) bool {
	if len(d) < 6 || len(d) > 17 {
		return false
	}
	same := true
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
		same = same && c == d[0]
	}
	return !same
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if !Valid(digits) {
		return 0, false
	}
	if len(seps) > 0 && seps[0] == ' ' {
		// "4410 2298 7731": written in fours, as long numbers are read
		// out; other spaced groups are phone numbers and the like.
		for k, g := range groups {
			if k < len(groups)-1 && (g != 4 || seps[k] != ' ') || k == len(groups)-1 && g > 4 {
				return 0, false
			}
		}
		return 0, true
	}
	for _, s := range seps {
		if s != '-' {
			return 0, false
		}
	}
	if len(digits) == 8 && (len(seps) == 0 && compactDate(digits) || len(groups) == 2 && groups[0] == 4 && year(digits[:4]) && year(digits[4:]) ||
		len(groups) == 3 && groups[0] == 4 && groups[1] == 2 && compactDate(digits)) {
		return 0, false // 20190302, 2004-2022, 2021-02-01: a date, years
	}
	// A dashed account has eight digits or more: 200-299 is a range.
	return 0, len(seps) == 0 || len(digits) >= 8
}

// year reports four digits from 1900 to 2099.
func year(d []byte) bool {
	return d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0'
}

// compactDate reports eight digits that are a date written YYYYMMDD.
func compactDate(d []byte) bool {
	m := int(d[4]-'0')*10 + int(d[5]-'0')
	day := int(d[6]-'0')*10 + int(d[7]-'0')
	return year(d[:4]) && m >= 1 && m <= 12 && day >= 1 && day <= 31
}
