package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Element names as strings, for truth lines.
const (
	tSSN   = "SSN"
	tITIN  = "ITIN"
	tDOB   = "DOB"
	tEmail = "EMAIL"
	tPhone = "PHONE"
	tAddr  = "ADDRESS"
	tName  = "PERSON_NAME"
	tBank  = "BANK_ACCOUNT"
	tRout  = "ROUTING_NUMBER"
	tCard  = "CARD_NUMBER"
	tDL    = "DRIVERS_LICENSE"
	// tLoan is the user-defined identifier for the servicer's loan numbers.
	tLoan = "CUSTOM_LOAN_NUMBER"
)

// nameView is how one record spells a person's name.
type nameView struct {
	given, middle, surname string
}

func (n nameView) full() string {
	if n.middle == "" {
		return n.given + " " + n.surname
	}
	return n.given + " " + n.middle + " " + n.surname
}

// viewName varies the name: nicknames, typos, initials, missing middle
// names and letter case.
func viewName(r *rand.Rand, p *Person, caseStyle int) nameView {
	v := nameView{p.Given, p.Middle, p.Surname}
	switch n := r.IntN(100); {
	case n < 14:
		if nick := nickname(r, p.Given); nick != "" {
			v.given = nick
		}
	case n < 19:
		v.given = typo(r, v.given)
	case n < 22:
		v.surname = typo(r, v.surname)
	}
	switch n := r.IntN(10); {
	case n < 4 && v.middle != "":
		v.middle = v.middle[:1]
	case n < 7:
		v.middle = ""
	}
	if caseStyle < 0 {
		switch n := r.IntN(20); {
		case n < 2:
			caseStyle = 1
		case n < 3:
			caseStyle = 2
		default:
			caseStyle = 0
		}
	}
	switch caseStyle {
	case 1:
		v.given, v.middle, v.surname = strings.ToUpper(v.given), strings.ToUpper(v.middle), strings.ToUpper(v.surname)
	case 2:
		v.given, v.middle, v.surname = strings.ToLower(v.given), strings.ToLower(v.middle), strings.ToLower(v.surname)
	}
	return v
}

// typo swaps, drops or doubles one letter, keeping the first letter.
func typo(r *rand.Rand, s string) string {
	if len(s) < 4 {
		return s
	}
	b := []byte(s)
	i := 1 + r.IntN(len(b)-2)
	switch r.IntN(3) {
	case 0:
		if b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			return string(b)
		}
		fallthrough
	case 1:
		return string(b[:i]) + string(b[i+1:])
	}
	return string(b[:i+1]) + string(b[i:])
}

// fmtTaxID formats NNN-NN-NNNN as dashed, plain or spaced.
func fmtTaxID(s string, style int) string {
	switch style {
	case 1:
		return s[:3] + s[4:6] + s[7:]
	case 2:
		return s[:3] + " " + s[4:6] + " " + s[7:]
	}
	return s
}

func randTaxStyle(r *rand.Rand) int {
	switch n := r.IntN(10); {
	case n < 6:
		return 0
	case n < 9:
		return 1
	}
	return 2
}

// date styles
const (
	dISO = iota
	dUS
	dLong
	dUS2
	dShort
	nDateStyles
)

func fmtDate(t time.Time, style int) string {
	switch style {
	case dUS:
		return t.Format("01/02/2006")
	case dLong:
		return t.Format("January 2, 2006")
	case dUS2:
		return t.Format("1/2/2006")
	case dShort:
		return t.Format("02-Jan-2006")
	}
	return t.Format("2006-01-02")
}

// fmtPhone formats NNN-NNN-NNNN in one of several common ways.
func fmtPhone(p string, style int) string {
	a, e, l := p[:3], p[4:7], p[8:]
	switch style {
	case 1:
		return "(" + a + ") " + e + "-" + l
	case 2:
		return a + "." + e + "." + l
	case 3:
		return a + e + l
	case 4:
		return "+1 " + a + "-" + e + "-" + l
	case 5:
		return "1-" + a + "-" + e + "-" + l
	}
	return p
}

func fmtCard(c string, spaced bool) string {
	if !spaced {
		return c
	}
	if len(c) == 15 {
		return c[:4] + " " + c[4:10] + " " + c[10:]
	}
	return c[:4] + " " + c[4:8] + " " + c[8:12] + " " + c[12:]
}

// Decoy values.

func decoyUUID(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func decoySHA(r *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	s := sha256.Sum256(b[:])
	return hex.EncodeToString(s[:])
}

// decoyInvalidSSN returns an SSN-shaped number that fails ValidSSN and
// ValidITIN: area 000, 666 or 9XX with a non-ITIN group, or group 00.
func decoyInvalidSSN(r *rand.Rand) string {
	g, s := 1+r.IntN(99), 1+r.IntN(9999)
	var a int
	switch r.IntN(4) {
	case 0:
		a = 0
	case 1:
		a = 666
	case 2:
		a = 900 + r.IntN(100)
		g = 1 + r.IntN(49)
	default:
		a, g = 1+r.IntN(665), 0
	}
	return fmt.Sprintf("%03d-%02d-%04d", a, g, s)
}

// decoyBadPhone returns a phone-shaped number whose area code is invalid.
func decoyBadPhone(r *rand.Rand) string {
	var a int
	switch r.IntN(3) {
	case 0:
		a = 100 + r.IntN(100)
	case 1:
		a = r.IntN(100)
	default:
		a = (2+r.IntN(8))*100 + 11
	}
	return fmt.Sprintf("(%03d) %03d-%04d", a, 200+r.IntN(800), r.IntN(10000))
}

// decoyLuhnFail returns a card-shaped 16-digit number failing Luhn.
func decoyLuhnFail(r *rand.Rand) string {
	b := []byte{"4"[0]}
	if r.IntN(2) == 0 {
		b = []byte{'5', byte('1' + r.IntN(5))}
	}
	for len(b) < 15 {
		b = append(b, byte('0'+r.IntN(10)))
	}
	c := luhnDigit(string(b))
	c = '0' + (c-'0'+1+byte(r.IntN(9)))%10
	return string(append(b, c))
}

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + r.IntN(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// dueDate is a payment due date near RefDate (first of a month).
func dueDate(r *rand.Rand) time.Time {
	return time.Date(2025, time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
}

// txnTime is a time in the year before RefDate.
func txnTime(r *rand.Rand) time.Time {
	return RefDate.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))
}
