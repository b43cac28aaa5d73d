package breachkit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mask returns a rendering of a personal value that is safe to show in
// output, logs and errors: enough to recognise it, not enough to use it
// (an SSN becomes ***-**-6789). Every output shows masked values unless
// the user asks for --reveal, which is audited.
func Mask(e Element, v string) string {
	v = strings.TrimSpace(v)
	switch e {
	case SSN, ITIN:
		return "***-**-" + lastDigits(v, 4)
	case CardNumber, BankAccount, RoutingNumber, HealthID, Passport, DriversLicense, GovID:
		d := lastDigits(v, 4)
		return strings.Repeat("*", max(len(digitsOnly(v))-4, 4)) + d
	case Phone:
		return "(***) ***-" + lastDigits(v, 4)
	case Email:
		at := strings.LastIndexByte(v, '@')
		if at <= 0 {
			return "***"
		}
		r, _ := utf8.DecodeRuneInString(v)
		return string(r) + "***@" + v[at+1:]
	case DOB:
		return "****-**-**"
	case PersonName:
		var parts []string
		for _, f := range strings.Fields(v) {
			r, _ := utf8.DecodeRuneInString(f)
			parts = append(parts, string(unicode.ToUpper(r))+"***")
		}
		if len(parts) == 0 {
			return "***"
		}
		return strings.Join(parts, " ")
	case Address:
		return "*** (address)"
	case Credentials:
		return "***:***"
	case AccessCode:
		return "***" // a code of three or four digits: none may show
	case MedicalInfo:
		return "*** (medical)"
	case Biometric:
		return "*** (biometric)"
	case Genetic:
		return "*** (genetic)"
	case MothersMaidenName:
		return "***"
	default:
		if utf8.RuneCountInString(v) <= 4 {
			return "****"
		}
		return "****" + lastRunes(v, 2)
	}
}

// digitsOnly returns the digits of s; of a number read out in words
// ("four one two six five …", as a call's transcript writes it), the
// digits its words say.
func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return spokenDigits(s)
	}
	return b.String()
}

// digitWords are the words of the digits, "oh" for zero as it is said.
var digitWords = map[string]byte{"zero": '0', "oh": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5',
	"six": '6', "seven": '7', "eight": '8', "nine": '9'}

// spokenDigits returns the digits the words of s say, "double five"
// as 55 and "triple oh" as 000; other words say none.
func spokenDigits(s string) string {
	var b strings.Builder
	rep := 1
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		switch d, ok := digitWords[w]; {
		case ok:
			b.WriteString(strings.Repeat(string(d), rep))
			rep = 1
		case w == "double":
			rep = 2
		case w == "triple":
			rep = 3
		default:
			rep = 1
		}
	}
	return b.String()
}

func lastDigits(s string, n int) string {
	d := digitsOnly(s)
	if len(d) <= n {
		return strings.Repeat("*", n)
	}
	return d[len(d)-n:]
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[len(r)-n:])
}

// Normalize returns the canonical form of a value for fingerprinting, so
// that "123-45-6789" and "123 45 6789" match: digits only for numbers,
// lower case without extra spaces for text.
func Normalize(e Element, v string) string {
	switch e {
	case SSN, ITIN, CardNumber, BankAccount, RoutingNumber, Phone:
		d := digitsOnly(v)
		if e == Phone && len(d) == 11 && d[0] == '1' {
			d = d[1:]
		}
		if e == Phone && len(d) > 10 && strings.HasPrefix(d, "00") {
			d = d[2:] // 0044 20 … is +44 20 …
		}
		if e == SSN && len(d) >= 7 && len(d) < 9 {
			d = strings.Repeat("0", 9-len(d)) + d // stored as a number, it lost its leading zeros
		}
		return d
	case Email:
		return strings.ToLower(strings.TrimSpace(v))
	default:
		return strings.ToLower(strings.Join(strings.Fields(v), " "))
	}
}
