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
	return !same && !placeholder(d)
}

// placeholder reports the numbers that documentation writes for an
// account: counting up (123456789012) or runs of one digit
// (111122223333, the AWS documentation's).
func placeholder(d []byte) bool {
	up := true
	for i := 1; i < len(d) && up; i++ {
		up = d[i] == d[i-1]+1 || d[i-1] == '9' && d[i] == '0'
	}
	if up && (d[0] == '0' || d[0] == '1') {
		return true
	}
	for i := 0; i < len(d); {
		j := i
		for j < len(d) && d[j] == d[i] {
			j++
		}
		if j-i < 3 {
			return false
		}
		i = j
	}
	return true
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
	return 0, true
}
