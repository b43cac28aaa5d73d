// Package medical recognises medical information about a person: the
// diagnosis codes of claims and records (ICD-10-CM, ICD-9-CM), procedure
// codes (CPT, HCPCS), and the diagnoses and medications a column names.
// The rule files of duties/rules with MEDICAL_INFO in their triggers
// (HIPAA's among them) count it, with a name, as personal information,
// so a claims file with names and diagnoses but no SSN must still be
// found. A code means nothing without its label: free text
// needs a keyword before it, a column its header.
package medical

import "bytes"

// Keywords label a diagnosis code in free text ("Dx: E11.9", "ICD-10
// I10", "diagnosed with F32.A"), and, in a health record, what follows
// their colon ("Current meds: …", "PMH: asthma, GERD").
var Keywords = []string{"diagnosis", "diagnoses", "diagnosed", "dx", "icd", "diag", "medication", "medications", "allergies", "meds", "rx", "pmh"}

// ICD10 reports whether s is shaped as an ICD-10-CM code: a letter, two
// characters (a digit, then a digit or letter), and optionally a period
// and one to four letters or digits ("E11.9", "S72.001A", "I10",
// "F32.A"); the period may be left out ("E119"), as claim files do.
func ICD10(s []byte) bool {
	if len(s) < 3 || len(s) > 8 || !upper(s[0]) || !digit(s[1]) || !(digit(s[2]) || upper(s[2])) {
		return false
	}
	rest := s[3:]
	if len(rest) > 0 && rest[0] == '.' {
		rest = rest[1:]
		if len(rest) == 0 {
			return false
		}
	}
	if len(rest) > 4 {
		return false
	}
	for _, c := range rest {
		if !digit(c) && !upper(c) {
			return false
		}
	}
	return true
}

// ICD9 reports whether s is shaped as an ICD-9-CM diagnosis code: three
// digits, V and two digits, or E and three, each with an optional
// period and one or two digits ("250.00", "V70.0", "E880.9").
func ICD9(s []byte) bool {
	head := 3
	switch {
	case len(s) > 0 && s[0] == 'V':
		s, head = s[1:], 2
	case len(s) > 0 && s[0] == 'E':
		s = s[1:]
	}
	if len(s) < head {
		return false
	}
	for _, c := range s[:head] {
		if !digit(c) {
			return false
		}
	}
	rest := s[head:]
	if len(rest) == 0 {
		return true
	}
	if rest[0] != '.' || len(rest) < 2 || len(rest) > 3 {
		return false
	}
	for _, c := range rest[1:] {
		if !digit(c) {
			return false
		}
	}
	return true
}

// Procedure reports whether s is shaped as a procedure code: CPT (five
// digits, or four and F, T or U) or HCPCS Level II (a letter and four
// digits).
func Procedure(s []byte) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range s[1:4] {
		if !digit(c) {
			return false
		}
	}
	switch {
	case digit(s[0]) && digit(s[4]):
		return true
	case digit(s[0]) && (s[4] == 'F' || s[4] == 'T' || s[4] == 'U'):
		return true
	case upper(s[0]) && digit(s[4]):
		return true
	}
	return false
}

// Codes returns the diagnosis codes that follow a keyword ending at
// text[i]: after separators and the words "code", "codes", "with", "of"
// and an ICD revision ("-10", "10-CM"), one or more ICD-10-CM codes
// separated by ", ", "; " or " and ". Each is appended to out as
// [start, end). Free text holds ICD-10 codes only: an ICD-9 code is a
// bare number there.
func Codes(text []byte, i int, out [][2]int) [][2]int {
	j := skipFiller(text, i)
	for {
		k := j
		for k < len(text) && (digit(text[k]) || upper(text[k]) || text[k] == '.') {
			k++
		}
		end := k
		for end > j && text[end-1] == '.' {
			end-- // the sentence's full stop
		}
		if end == j || !ICD10(text[j:end]) || k < len(text) && (text[k]|0x20 >= 'a' && text[k]|0x20 <= 'z' || text[k] == '-' || text[k] == '_') {
			return out
		}
		out = append(out, [2]int{j, end})
		n := k
		if n+1 < len(text) && text[n] == ' ' && text[n+1] == '(' {
			// A code's words in brackets before the next code: "I20.9
			// (angina), E11.9 (type 2 diabetes)".
			if c := bytes.IndexByte(text[n+2:min(len(text), n+82)], ')'); c >= 0 && bytes.IndexByte(text[n+2:n+2+c], '\n') < 0 {
				n += 2 + c + 1
			}
		}
		switch {
		case n+1 < len(text) && (text[n] == ',' || text[n] == ';' || text[n] == '/') && text[n+1] == ' ':
			n += 2
		case n < len(text) && (text[n] == ',' || text[n] == ';' || text[n] == '/'):
			n++
		case n+5 <= len(text) && bytes.EqualFold(text[n:n+5], []byte(" and ")):
			n += 5
		default:
			return out
		}
		j = n
	}
}

// skipFiller steps over what may stand between a keyword and its code:
// blanks, ":", "#", "=", "(", " - ", an ICD revision ("-10", "10-CM", "9"), and
// the words "code", "codes", "with", "of", "is", "primary", "secondary".
func skipFiller(text []byte, i int) int {
	j := i
	for n := 0; n < 6; n++ {
		for j < len(text) && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '=' || text[j] == '(' || text[j] == '\t' ||
			text[j] == '-' && j+1 < len(text) && text[j+1] == ' ') {
			j++
		}
		r := j
		if r < len(text) && text[r] == '-' {
			r++
		}
		q := -1
		switch {
		case r+2 <= len(text) && text[r] == '1' && text[r+1] == '0':
			q = r + 2
		case r < len(text) && text[r] == '9':
			q = r + 1
		}
		if q > 0 {
			if q+3 <= len(text) && bytes.EqualFold(text[q:q+3], []byte("-cm")) {
				q += 3
			}
			if q >= len(text) || !alnum(text[q]) && text[q] != '.' {
				j = q
				continue
			}
		}
		w := j
		for w < len(text) && text[w]|0x20 >= 'a' && text[w]|0x20 <= 'z' {
			w++
		}
		if w > j && (w >= len(text) || !alnum(text[w])) && filler(text[j:w]) {
			j = w
			continue
		}
		break
	}
	return j
}

func filler(w []byte) bool {
	for _, f := range [...]string{"code", "codes", "with", "of", "is", "primary", "secondary", "cm"} {
		if bytes.EqualFold(w, []byte(f)) {
			return true
		}
	}
	return false
}

func alnum(c byte) bool { return digit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }
func digit(c byte) bool { return c >= '0' && c <= '9' }
func upper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Diagnosis reports whether s is shaped as an ICD-10-CM or ICD-9-CM
// diagnosis code.
func Diagnosis(s []byte) bool { return ICD10(s) || ICD9(s) }

// CodeList reports whether a column value is one or more codes that ok
// accepts, separated by commas, semicolons, bars or blanks ("E11.9",
// "E11.9; I10", "99213|G0439"): a claim line's diagnoses or procedures.
func CodeList(v []byte, ok func([]byte) bool) bool {
	n := 0
	for _, f := range bytes.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\t' }) {
		if !ok(f) {
			return false
		}
		n++
	}
	return n > 0
}

// Text reports whether a column value that a diagnosis or medication
// header names is a written one ("Type 2 diabetes mellitus",
// "Metformin 500 mg"): up to 200 bytes with two or more letters, no '@',
// not all digits, and no placeholder (none, N/A, unknown, pending).
func Text(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < 2 || len(v) > 200 || bytes.IndexByte(v, '@') >= 0 {
		return false
	}
	letters := 0
	for _, c := range v {
		if c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80 {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	for _, p := range [...]string{"none", "n/a", "na", "unknown", "null", "nil", "pending", "tbd", "other", "no", "yes", "true", "false", "not applicable", "declined", "see notes"} {
		if bytes.EqualFold(v, []byte(p)) {
			return false
		}
	}
	return true
}

// Labelled returns the written value that follows a keyword ending at
// text[i] when the keyword is a label, a colon after it: the rest of the
// line ("Diagnosis: Essential hypertension", "Medications: Metformin
// 500 mg"), up to 160 bytes, when it is text (it starts with a letter
// and has no '@') and no placeholder (none, N/A, pending). It returns
// 0, 0 when there is none.
func Labelled(text []byte, i int) (start, end int) {
	j := i
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j >= len(text) || text[j] != ':' {
		return 0, 0
	}
	j++
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= len(text) || !(text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z' || text[j] >= 0xC0) {
		return 0, 0
	}
	k := j
	for k < len(text) && text[k] != '\n' && text[k] != '\r' && k-j < 160 {
		k++
	}
	if k-j >= 160 {
		return 0, 0 // a paragraph, not a value
	}
	for k > j && (text[k-1] == ' ' || text[k-1] == '.' || text[k-1] == ';' || text[k-1] == ',') {
		k--
	}
	v := text[j:k]
	if bytes.IndexByte(v, '@') >= 0 || !Text(v) {
		return 0, 0
	}
	return j, k
}
