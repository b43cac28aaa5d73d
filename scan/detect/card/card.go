// Package card recognises payment card numbers (PANs): 13 to 19 digits
// that pass the Luhn check and carry a known issuer prefix with a length
// that issuer uses (Visa, Mastercard including 2221–2720, American
// Express, Discover, Diners Club, JCB, UnionPay), bare or in the groups
// printed on cards (4-4-4-4, 4-6-5, 4-6-4). Cards of regional and debit
// schemes (Maestro, Mir, Troy, Hipercard, Elo, RuPay) are recognised
// too, but only where a label or a card column says the number is a card:
// their prefixes cover so much of the number space that one random
// number in twenty or so would pass. The test numbers payment
// processors publish (4111 1111 1111 1111 and its like) are cards by
// their form but belong to no cardholder: Test tells them, and callers
// report them only near a card word or in a card column, at a confidence
// that says so. ParseTrack reads a magnetic stripe's tracks, the card
// data point-of-sale breaches take.
package card

import "github.com/breachkit/breachkit/scan/detect/internal/sample"

// Keywords are the words that, near a number, say it is a card number.
var Keywords = []string{"card", "cc", "pan", "visa", "mastercard", "amex", "discover", "credit", "debit", "cardnumber", "ccn", "payment", "jcb", "maestro", "diners", "unionpay", "tarjeta", "carte", "kreditkarte", "carta"}

// Luhn reports whether the digits pass the Luhn (mod 10) check.
func Luhn(d []byte) bool {
	sum, alt := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if alt {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		alt = !alt
	}
	return len(d) > 0 && sum%10 == 0
}

func prefix(d []byte, n int) int {
	v := 0
	for i := 0; i < n && i < len(d); i++ {
		v = v*10 + int(d[i]-'0')
	}
	return v
}

// Issuer names the issuer of a card number by prefix and length, or ""
// when no known issuer uses that prefix with that length.
func Issuer(d []byte) string {
	n := len(d)
	p1, p2, p3, p4, p6 := prefix(d, 1), prefix(d, 2), prefix(d, 3), prefix(d, 4), prefix(d, 6)
	switch {
	case p1 == 4 && (n == 13 || n == 16 || n == 19):
		return "visa"
	case (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) && n == 16:
		return "mastercard"
	case (p2 == 34 || p2 == 37) && n == 15:
		return "amex"
	case (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925) && n >= 16 && n <= 19:
		return "discover"
	case (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39 || p4 == 3095) && n >= 14 && n <= 19:
		return "diners"
	case p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19:
		return "jcb"
	case p2 == 62 && n >= 16 && n <= 19:
		return "unionpay"
	}
	return ""
}

// Regional names the scheme of a card number whose prefix and length
// only a regional or debit scheme uses, or "": Maestro (12 to 19 digits
// from 50 or 56–69 where no major issuer is), Mir (2200–2204), Troy
// (9792), UnionPay's 810–817 and Hipercard (606282). Elo's, RuPay's and
// InstaPayment's ranges lie within those and the major issuers'. Ranges
// as read 2026-12-06 from Wikipedia's "Payment card number" IIN table (as
// mirrored at ldapwiki.com/wiki/Issuer Identification Number and
// iiab.me's 2023-10 copy) and Braintree's credit-card-type
// (github.com/braintree/credit-card-type, its UnionPay and Hipercard
// patterns).
func Regional(d []byte) string {
	if Issuer(d) != "" {
		return ""
	}
	n := len(d)
	p2, p3, p4, p6 := prefix(d, 2), prefix(d, 3), prefix(d, 4), prefix(d, 6)
	switch {
	case p4 >= 2200 && p4 <= 2204 && n >= 16 && n <= 19:
		return "mir"
	case p6 == 606282 && (n == 16 || n == 19):
		return "hipercard"
	case p4 == 9792 && n == 16:
		return "troy"
	case p3 >= 810 && p3 <= 817 && n >= 16 && n <= 19:
		return "unionpay"
	case (p2 == 50 || p2 >= 56 && p2 <= 69) && n >= 12 && n <= 19:
		return "maestro"
	}
	return ""
}

// Valid reports whether the digits are a plausible card number of a
// major issuer (Issuer).
func Valid(d []byte) bool {
	return len(d) >= 13 && checked(d) && Issuer(d) != ""
}

// ValidRegional reports whether the digits are a plausible card number of
// a regional or debit scheme (Regional): a card only where its label or
// column says so.
func ValidRegional(d []byte) bool {
	return len(d) >= 12 && checked(d) && Regional(d) != ""
}

// checked reports whether d is 19 digits or fewer, passes Luhn and is
// no placeholder; a published test number passes (Test).
func checked(d []byte) bool {
	if len(d) > 19 {
		return false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
	}
	if allSame(d) || longRun(d) {
		return testPANs[string(d)] // 4111 1111 1111 1111
	}
	return Luhn(d) && (!sample.Number(d) || testPANs[string(d)])
}

// Test reports whether d is a card number that payment processors
// publish for testing (testPANs).
func Test(d []byte) bool { return testPANs[string(d)] }

// longRun reports eight or more of one digit in a row (2238000000000000,
// 390625000000000000): a number of a program's or a test's, not an issued
// card's, where such a run comes once in tens of millions.
func longRun(d []byte) bool {
	n := 1
	for i := 1; i < len(d); i++ {
		if d[i] == d[i-1] {
			n++
			if n >= 8 {
				return true
			}
		} else {
			n = 1
		}
	}
	return false
}

// testPANs are card numbers that payment processors publish for testing:
// they fill the test and staging databases that leak with production
// ones, and belong to no cardholder; a customer types one to get past a
// form, and test suites of data-loss tools use them. Read 2026-12-05 from PayPal's
// Payflow list (paypalobjects.com/en_US/vhelp/paypalmanager_help/
// credit_card_numbers.htm), TabaPay's sandbox cards
// (developers.tabapay.com/docs/sandbox-test-cards) and Stripe's testing
// page (docs.stripe.com/testing); the last row read 2026-12-06 from the
// list Auric Systems published, as gist.github.com/Dottenpixel/2852948
// keeps it (5500 0000 0000 0004, 3400 0000 0000 009, …), whose runs of
// zeros are otherwise a program's number.
var testPANs = map[string]bool{
	"378282246310005": true, "371449635398431": true, "378734493671000": true, "30569309025904": true,
	"38520000023237": true, "6011111111111117": true, "6011000990139424": true, "3530111333300000": true,
	"3566002020360505": true, "5555555555554444": true, "5105105105105100": true, "4111111111111111": true,
	"4012888888881881": true, "4222222222222": true, "4242424242424242": true, "4000056655665556": true,
	"5200828282828210": true, "2223003122003222": true, "2223000048400011": true, "4000000000000002": true,
	"4005519200000004": true, "4012000077777777": true, "4500600000000061": true, "4217651111111119": true,
	"5403879999999997": true, "6011000000000004": true, "3566111111111113": true, "5454545454545454": true,
	"5500000000000004": true, "340000000000009": true, "370000000000002": true, "30000000000004": true, "6334000000000004": true,
}

func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}

// Score validates a digit candidate (see ssn.Score for the arguments).
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	base := 0.8
	if Valid(digits) {
		if Test(digits) {
			base = 0.3 // only a card word makes a test number worth reporting
		}
	} else {
		if !ValidRegional(digits) {
			return 0, false
		}
		// A card keyword must speak for it: with one near, the score
		// rises above the minimum; alone, it stays below.
		base = 0.3
	}
	if len(groups) == 1 {
		return base, true
	}
	for _, s := range seps {
		if s != seps[0] || (s != ' ' && s != '-') {
			return 0, false
		}
	}
	for i, g := range groups {
		if i < len(groups)-1 && g != 4 && !(i == 1 && (g == 6)) {
			return 0, false
		}
	}
	return base + 0.1, true
}

// Track is a magnetic stripe's track 1 or track 2 (ISO/IEC 7813) as a
// card reader writes it and point-of-sale memory scrapers dump it:
// "%B4556…^GARCIA/JOSE A^2712101…?" and ";4556…=2712101…?", with or
// without the sentinels, and track 2's equivalent in an EMV chip's data,
// where a D stands for the "=". Each field is a [start, end) range of the
// text; Name is zero on track 2.
type Track struct {
	PAN  [2]int // the card number
	Name [2]int // the cardholder, SURNAME/GIVEN MIDDLE.TITLE
	// Data is the discretionary data after the expiry date and service
	// code, which holds the card's verification value for use in person.
	Data [2]int
	End  int // just past the track, its end sentinel included
}

// ParseTrack reads a track that starts at b[i]: its start sentinel ('%'
// and the format code B, or ';') or the first digit of its card number.
// The card number must pass the checks of Valid or ValidRegional (a track
// is a card's whatever its scheme), the expiry be a year and month, and
// the service code start with a digit ISO/IEC 7813 assigns.
func ParseTrack(b []byte, i int) (Track, bool) {
	var t Track
	k, one, two := i, false, false
	switch {
	case k+1 < len(b) && b[k] == '%' && b[k+1] == 'B':
		k, one = k+2, true
	case k < len(b) && b[k] == ';':
		k, two = k+1, true
	}
	t.PAN[0] = k
	for k < len(b) && b[k] >= '0' && b[k] <= '9' {
		k++
	}
	t.PAN[1] = k
	pan := b[t.PAN[0]:t.PAN[1]]
	if len(pan) < 12 || len(pan) > 19 || k >= len(b) || !checked(pan) || Test(pan) || Issuer(pan) == "" && Regional(pan) == "" {
		return t, false
	}
	switch {
	case b[k] == '^' && !two:
		one = true
		k++
		t.Name[0] = k
		for k < len(b) && k-t.Name[0] <= 26 && nameByte(b[k]) {
			k++
		}
		t.Name[1] = k
		if k >= len(b) || b[k] != '^' || k-t.Name[0] < 2 {
			return t, false
		}
		k++
	case (b[k] == '=' || b[k] == 'D') && !one:
		k++
	default:
		return t, false
	}
	// Expiry (YYMM) and service code.
	if k+7 > len(b) || !digits(b[k:k+7]) || b[k+2] == '0' && b[k+3] == '0' || (b[k+2]-'0')*10+b[k+3]-'0' > 12 {
		return t, false
	}
	switch b[k+4] {
	case '1', '2', '5', '6', '7', '9':
	default:
		return t, false
	}
	k += 7
	t.Data[0] = k
	limit := i + 79 // track 1's length; track 2's is 40
	if !one {
		limit = i + 40
	}
	for k < len(b) && k < limit && (b[k] >= '0' && b[k] <= '9' || one && b[k] > ' ' && b[k] < 0x7F && b[k] != '?' && b[k] != '^') {
		k++
	}
	t.Data[1] = k
	if k < len(b) && b[k] == '?' {
		k++
	}
	t.End = k
	return t, true
}

// nameByte reports a byte a track 1 name may hold.
func nameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == ' ' || c == '/' || c == '.' || c == '-' || c == '\''
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
