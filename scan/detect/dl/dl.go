// Package dl recognises US driver's license numbers, and British driving
// licence numbers. Each state has its own shapes (CA: a letter and seven
// digits; NY: nine digits; WA: twelve mixed characters), and many of them
// collide with other numbers, so a value is a license number only when a
// keyword ("driver's license", "DL#") or a column says so; the shape only
// has to be plausible. A British number's shape says more (UK), but it
// too is taken only after a keyword.
package dl

import "bytes"

// Keywords are the words that, near a value, say it is a license number.
var Keywords = append([]string{"driver", "drivers", "dvla"}, Foreign...)

// Foreign are the licence's own word in German, Dutch and Swedish, in
// text and in a column's header.
var Foreign = []string{"führerschein", "fuehrerschein", "führerscheinnummer", "fahrerlaubnis", "rijbewijs", "rijbewijsnummer", "körkort"}

// LabelKeywords say so only as the value's label ("License # D1234567",
// "DL: 9767086"), or with a word of Keywords near: alone and farther off
// they are as often a program's licence ("Licensed under the MIT
// license") or its dynamic linker ("dl_initfirst").
// France's "permis (de conduire)" is one too. (Italy's "patente" is
// not: in Spanish it is a patent or, in Chile and Argentina, a car's
// plate; a column "Patente di guida" says it.)
// The words of Foreign, which name the driver and the licence at once,
// are both.
var LabelKeywords = append([]string{"license", "licence", "lic", "dl", "dln", "dlnum", "permis"}, Foreign...)

// Valid reports whether s (letters, digits, dashes and spaces removed)
// has the shape of a US license number: 4 to 15 letters and digits with
// at least three digits.
func Valid(s string) bool {
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			n++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			n++
		case c == '-' || c == ' ':
		default:
			return false
		}
	}
	return n >= 4 && n <= 15 && digits >= 3
}

// Written reports whether a word of free text (letters and digits) has
// the shape of a licence number written out: Valid, and a letter with
// three digits or more (CA's L3917729, CO's A123456), five digits or
// more (ND's ABC123456), or Washington's WDL and nine (WDLLIDH002W4). A
// part's or a chip's model (TMP411, NCT7802Y, SFC9000) near a device
// driver's name has fewer; a screen's resolution (1280x1024) is no
// licence.
func Written(s string) bool {
	if !Valid(s) {
		return false
	}
	letters, digits, x := 0, 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			letters++
			if c == 'x' || c == 'X' {
				x = i
			}
		}
	}
	if letters == 1 && x > 0 && x < len(s)-1 && digits == len(s)-1 {
		return false // 1280x1024
	}
	// Washington's since 2018: WDL and nine letters and digits.
	wa := len(s) == 12 && (s[:3] == "WDL" || s[:3] == "wdl")
	return letters == 1 && digits >= 3 || digits >= 5 || wa
}

// Score validates a digit candidate (see ssn.Score for the arguments):
// the shape gives no confidence on its own.
func Score(digits []byte, groups []int, seps []byte) (float64, bool) {
	if len(digits) < 5 || len(digits) > 15 {
		return 0, false
	}
	for _, s := range seps {
		if s != '-' && s != ' ' {
			return 0, false
		}
	}
	if len(groups) == 2 && groups[0] == 5 && groups[1] == 4 && seps[0] == '-' {
		return 0, false // 02110-1301: a ZIP+4 Code (the GPL's address)
	}
	if datedGroups(groups, seps) || len(groups) == 2 && groups[0] == 4 && year(digits[:4]) && (groups[1] == 4 && year(digits[4:]) || groups[1] == 2 && digits[4] <= '1') {
		return 0, false // 2022-03-29, "3 2023-02-05" (a manual page's section and date), 2014-2019, 2018-04: dates, years
	}
	if len(seps) > 0 && seps[0] == ' ' {
		// Blanks part a licence number of seven digits or more into
		// groups of three or more after the first (123 456 789, 12 345
		// 678); "92 642 88 642" is a row of a drawing's coordinates.
		if len(digits) < 7 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if g < 3 {
				return 0, false
			}
		}
	}
	return 0, len(groups) <= 4
}

// datedGroups reports groups of 4, 2 and 2 digits joined by dashes among
// a candidate's groups: a date.
func datedGroups(groups []int, seps []byte) bool {
	for k := 0; k+2 < len(groups); k++ {
		if groups[k] == 4 && groups[k+1] == 2 && groups[k+2] == 2 && seps[k] == '-' && seps[k+1] == '-' {
			return true
		}
	}
	return false
}

// year reports four digits from 1900 to 2099.
func year(d []byte) bool {
	return d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0'
}

// UK returns the length of the British (DVLA) driving licence number at
// the start of v, or 0: five characters of the surname padded with 9s,
// six digits of the birth date (the decade, the month, 51–62 for a
// woman, the day, the year), two initials padded with 9, a digit and two
// check characters, then perhaps the licence's two-digit issue number
// (MORGA753116SM91J 01). Forms and letters put blanks between the parts
// ("MORGA 753116 SM91J 01", "MORGA 753 116 SM91J 01"); one blank is
// allowed between any two of them.
func UK(v []byte) int {
	i := 0
	blank := func() {
		if i+1 < len(v) && v[i] == ' ' && v[i+1] != ' ' {
			i++
		}
	}
	take := func(n int, ok func(byte) bool) bool {
		for k := 0; k < n; k++ {
			if i >= len(v) || !ok(v[i]) {
				return false
			}
			i++
		}
		return true
	}
	upper9 := func(c byte) bool { return c >= 'A' && c <= 'Z' || c == '9' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	alnum := func(c byte) bool { return c >= 'A' && c <= 'Z' || digit(c) }
	if len(v) < 16 || v[0] < 'A' || v[0] > 'Z' || !take(5, upper9) {
		return 0
	}
	if bytes.IndexByte(v[1:5], '9') >= 0 && !padded(v[:5]) {
		return 0 // the 9s pad a short surname's end, never its middle
	}
	blank()
	d := i
	if !take(3, digit) {
		return 0
	}
	blank()
	if !take(3, digit) {
		return 0
	}
	var dd [6]byte
	n := 0
	for _, c := range v[d:i] {
		if c != ' ' {
			dd[n] = c
			n++
		}
	}
	month := int(dd[1]-'0')*10 + int(dd[2]-'0')
	day := int(dd[3]-'0')*10 + int(dd[4]-'0')
	if month > 50 {
		month -= 50
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return 0
	}
	blank()
	if !take(2, upper9) || !take(1, digit) || !take(2, alnum) {
		return 0
	}
	end := i
	if i+3 <= len(v) && v[i] == ' ' && digit(v[i+1]) && digit(v[i+2]) && (i+3 == len(v) || !alnum(v[i+3])) {
		end = i + 3 // the issue number
	} else if i+2 <= len(v) && digit(v[i]) && digit(v[i+1]) && (i+2 == len(v) || !alnum(v[i+2])) {
		end = i + 2
	} else if i < len(v) && alnum(v[i]) {
		return 0
	}
	return end
}

// padded reports whether the 9s of a surname's five characters all come
// after its letters (LEE99, not L9E9X).
func padded(w []byte) bool {
	nine := false
	for _, c := range w {
		if c == '9' {
			nine = true
		} else if nine {
			return false
		}
	}
	return true
}
