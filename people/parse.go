package people

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/breachkit/breachkit/gazetteer"
)

// normName is gazetteer.NormalizeName: lower case, accents folded, letters
// only.
func normName(s string) string { return gazetteer.NormalizeName(s) }

var nameTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "mx": true, "prof": true, "sir": true}
var nameSuffixes = map[string]bool{"phd": true, "md": true, "esq": true, "dds": true, "cpa": true}

// generation is gazetteer.Generation: the code of a generational suffix
// ("Jr.", "SR", "III"), or 0. A father and a son of the same name, often
// at one address, are told apart by it.
func generation(s string) uint8 { return gazetteer.Generation(s) }

// splitFullName splits a full name written as "Given Middle Surname" or
// "Surname, Given Middle" into its parts, dropping titles and
// professional suffixes and returning a generational suffix (Jr., III)
// apart.
func splitFullName(s string) (given, middle, surname, suffix string) {
	s = strings.TrimSpace(withoutNickname(s))
	// keep drops titles and suffixes from fields, noting a generation;
	// a generation is only read after the first word ("Junior" alone is a
	// given name).
	keep := func(fields []string, first bool) []string {
		var out []string
		for k, f := range fields {
			if f == "&" {
				out = append(out, f) // "John & Mary Smith": joint borrowers, named as one
				continue
			}
			n := normName(f)
			if n == "" || nameTitles[n] || nameSuffixes[n] {
				continue
			}
			if (k > 0 || !first) && generation(f) != 0 {
				if suffix == "" {
					suffix = strings.TrimRight(f, ",")
				}
				continue
			}
			out = append(out, f)
		}
		return out
	}
	if i := strings.IndexByte(s, ','); i > 0 {
		head := strings.Fields(s[:i])
		rest := strings.Fields(s[i+1:])
		// "Smith Jr., John" and "John Smith, Jr.": the comma may come
		// before the suffix instead of after the surname.
		if len(rest) == 1 && generation(rest[0]) != 0 && len(head) > 1 {
			suffix = rest[0]
			return splitRest(keep(head, true), suffix)
		}
		sur := strings.Join(keep(head, false), " ")
		kept := keep(rest, true) // the given name comes first: "Santos, Junior"
		if len(kept) > 0 {
			given = kept[0]
			middle = strings.Join(kept[1:], " ")
		}
		return given, middle, sur, suffix
	}
	return splitRest(keep(strings.Fields(s), true), suffix)
}

// splitRest splits the words of a "Given Middle Surname" name.
func splitRest(keep []string, suffix string) (given, middle, surname, sfx string) {
	switch len(keep) {
	case 0:
		return "", "", "", suffix
	case 1:
		return keep[0], "", "", suffix
	}
	if surnameFirst(keep) {
		// "WILLIAMS DESHAWN T", "HOLLOWAY MARGARET": the order of bank
		// and payroll ledgers (an ACH entry's individual name).
		return keep[1], strings.Join(keep[2:], " "), keep[0], suffix
	}
	// The particles before the last word, written in lower case, belong
	// to the surname: Maria de la Cruz, Anna van der Berg. (Capitalised,
	// "Van" is as often a Vietnamese middle name: Nguyen Van An.)
	s0 := len(keep) - 1
	for s0 > 1 && keep[s0-1] != "" && keep[s0-1][0] >= 'a' && keep[s0-1][0] <= 'z' && gazetteer.SurnameParticle(normName(keep[s0-1])) {
		s0--
	}
	return keep[0], strings.Join(keep[1:s0], " "), strings.Join(keep[s0:], " "), suffix
}

// surnameFirst reports whether a name written without a comma puts the
// surname first: its first word is a surname ten times more often than a
// given name (or, before a middle initial, a word neither list knows),
// its second a given name ten times more often than a surname, and
// either a middle initial ends
// it ("WILLIAMS DESHAWN T") or it is two words in capitals, as ledgers
// write names ("HOLLOWAY MARGARET"). Names that could go either way
// (Taylor Lee, Nguyen Van An) keep the usual order.
func surnameFirst(keep []string) bool {
	first, second, last := keep[0], keep[1], keep[len(keep)-1]
	initial := len(keep) >= 3 && len(strings.TrimSuffix(last, ".")) == 1
	caps := len(keep) == 2 && first == strings.ToUpper(first) && second == strings.ToUpper(second)
	if !initial && !caps || len(strings.TrimSuffix(first, ".")) < 2 || len(strings.TrimSuffix(second, ".")) < 2 {
		return false
	}
	if len(keep) > 3 || initial && len(keep) != 3 {
		return false
	}
	// Each word far more often the part it would be than the other; with
	// a middle initial at the end ("SOUZA ANA M"), a first word the lists
	// do not know (the surname list holds the commonest only) will do.
	sf, gf := gazetteer.SurnameFrequency(first), gazetteer.GivenNameFrequency(first)
	ss, gs := gazetteer.SurnameFrequency(second), gazetteer.GivenNameFrequency(second)
	if initial {
		// "OKAFOR CHIDI E": a last word of one letter is a middle
		// initial, so the surname came first, unless the lists say
		// plainly that the first word is a given name and the second a
		// surname.
		return !(gf > 0 && gf > 10*sf && ss > 0 && ss > 10*gs)
	}
	known := sf > 0 && sf > 10*gf
	return known && gs > 0 && gs > 10*ss
}

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// ParseDOB parses a date of birth in the common written forms
// (2006-01-02, 01/02/2006, 1/2/06, January 2, 2006, 02-Jan-2006,
// 20060102) and returns it packed as YYYYMMDD, or 0 if it cannot. Numeric
// dates are read month first (US); a first number above 12 is read as the
// day.
func ParseDOB(s string) uint32 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	var nums []int
	var numLens []int
	month := 0
	cur, curLen := 0, 0
	var word []byte
	flushWord := func() {
		if len(word) > 0 {
			if m, ok := monthNames[strings.ToLower(string(word))]; ok {
				month = m
			}
			word = word[:0]
		}
	}
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= '0' && c <= '9':
			cur = cur*10 + int(c-'0')
			curLen++
			flushWord()
			continue
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			word = append(word, c)
		default:
			flushWord()
		}
		if curLen > 0 {
			nums = append(nums, cur)
			numLens = append(numLens, curLen)
			cur, curLen = 0, 0
		}
	}
	var y, m, d int
	switch {
	case month == 0 && len(nums) > 0 && numLens[0] == 5 && (len(nums) == 1 || len(nums) == 2 && nums[1] == 0 && numLens[1] == 1 && strings.Contains(s, ".")) && nums[0] >= 10000 && nums[0] <= 46000:
		// A spreadsheet's date serial (21356 is 1958-06-20), as the
		// scan names one in a date-of-birth column.
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, nums[0])
		y, m, d = t.Year(), int(t.Month()), t.Day()
	case len(nums) == 1 && numLens[0] == 8 && month == 0:
		v := nums[0]
		y, m, d = v/10000, v/100%100, v%100
		if y < 1800 { // MMDDYYYY
			m, d, y = v/1000000, v/10000%100, v%10000
		}
	case month != 0 && len(nums) == 2:
		m = month
		if numLens[0] == 4 {
			y, d = nums[0], nums[1]
		} else {
			d, y = nums[0], nums[1]
		}
	case len(nums) == 3 && month == 0:
		if numLens[0] == 4 {
			y, m, d = nums[0], nums[1], nums[2]
		} else {
			m, d, y = nums[0], nums[1], nums[2]
			if m > 12 && d <= 12 {
				m, d = d, m
			}
		}
	default:
		return 0
	}
	if y < 100 {
		if y > (time.Now().Year()%100)+1 {
			y += 1900
		} else {
			y += 2000
		}
	}
	if y < 1850 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0
	}
	return uint32(y*10000 + m*100 + d)
}

// dobLevel compares two packed dates: 1 equal, 2 near (day and month
// transposed, or two of year, month and day equal), 3 different, 0 if
// either is missing.
func dobLevel(a, b uint32) uint8 {
	if a == 0 || b == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	ya, ma, da := a/10000, a/100%100, a%100
	yb, mb, db := b/10000, b/100%100, b%100
	if ya == yb && ma == db && da == mb {
		return 2
	}
	same := 0
	if ya == yb {
		same++
	}
	if ma == mb {
		same++
	}
	if da == db {
		same++
	}
	if same == 2 && (ya == yb || digitTypo(ya, yb)) {
		return 2
	}
	// One digit changed or two adjacent digits swapped in YYYYMMDD.
	var da8, db8 [8]byte
	for i := 7; i >= 0; i-- {
		da8[i], db8[i] = byte(a%10), byte(b%10)
		a, b = a/10, b/10
	}
	diff, first := 0, -1
	for i := 0; i < 8; i++ {
		if da8[i] != db8[i] {
			if first < 0 {
				first = i
			}
			diff++
		}
	}
	if diff == 1 || (diff == 2 && first < 7 && da8[first] == db8[first+1] && da8[first+1] == db8[first]) {
		return 2
	}
	return 3
}

// digitTypo reports whether two 4-digit years differ in one digit.
func digitTypo(a, b uint32) bool {
	diff := 0
	for i := 0; i < 4; i++ {
		if a%10 != b%10 {
			diff++
		}
		a, b = a/10, b/10
	}
	return diff == 1
}

var directionals = map[string]string{
	"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
	"NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
}

// normAddr is an address normalised for comparison.
type normAddr struct {
	house  string // house number
	street string // street name, directionals and USPS suffix, upper case
	unit   string // unit designator and number, "APT 4B"
	city   string // upper case, single spaces
	state  string // USPS abbreviation if known, else upper case text
	zip    string // five digits
	intl   bool   // outside the US
}

// NormalizeStreet normalises a street line per USPS Publication 28: upper
// case, punctuation dropped, suffixes and unit designators abbreviated
// ("12 Oak Street Apartment 4b" gives house "12", street "OAK ST", unit
// "APT 4B").
func NormalizeStreet(line string) (house, street, unit string) {
	f := strings.FieldsFunc(strings.ToUpper(line), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.'
	})
	// Split "#4" into "#", "4".
	var toks []string
	for _, t := range f {
		if len(t) > 1 && t[0] == '#' {
			toks = append(toks, "#", t[1:])
		} else {
			toks = append(toks, t)
		}
	}
	// Unit designator: the last designator followed by something.
	for i := len(toks) - 2; i >= 1; i-- {
		d, ok := gazetteer.UnitDesignator(toks[i])
		if !ok && toks[i] == "FLAT" {
			// Britain's and Ireland's word for an apartment, which
			// Publication 28 does not list.
			d, ok = "APT", true
		}
		if ok {
			if _, isSuffix := gazetteer.StreetSuffix(toks[i]); isSuffix && i == len(toks)-1 {
				continue
			}
			unit = d + " " + strings.Join(toks[i+1:], " ")
			toks = toks[:i]
			break
		}
	}
	if len(toks) > 0 && toks[0] != "" && toks[0][0] >= '0' && toks[0][0] <= '9' {
		house = toks[0]
		toks = toks[1:]
	}
	for i, t := range toks {
		if d, ok := directionals[t]; ok {
			toks[i] = d
		}
	}
	if n := len(toks); n > 1 {
		if s, ok := gazetteer.StreetSuffix(toks[n-1]); ok {
			toks[n-1] = s
		}
	}
	return house, strings.Join(toks, " "), unit
}

// normState returns the USPS abbreviation of a US state or territory
// written as abbreviation or name, or "" if it is not one.
func normState(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if st, ok := gazetteer.StateByAbbr(strings.ToUpper(s)); ok {
		return st.Abbr
	}
	if st, ok := gazetteer.StateByName(s); ok {
		return st.Abbr
	}
	return ""
}

// zip5 returns the five-digit ZIP Code in s ("75201", "75201-1234"), or "".
func zip5(s string) string { return gazetteer.ZIP5(s) }

// padZIP restores the leading zero of a ZIP code that a spreadsheet
// stored as a number (2134 for 02134, 2134-1234 for 02134-1234); other
// values are returned as they are. Only for values a column names a ZIP.
func padZIP(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 4 && zip5("0"+s) != "" || len(s) == 9 && s[4] == '-' && zip5("0"+s) != "" {
		return "0" + s
	}
	if len(s) == 3 && zip5("00"+s) != "" {
		return "00" + s // 00907, Puerto Rico's, stored as a number
	}
	return s
}

// columnZIP restores the leading zeros of a's ZIP Code, which its
// columns gave, where a spreadsheet stored it as a number (padZIP), unless
// the address is another country's, whose postal codes have four digits
// (Belgium's 1000, Switzerland's 8001, Austria's 1070): one that names a
// country other than the United States or its territories, a province
// that is not a state, or a street written name first and number last
// ("Bahnhofstrasse 1") as no US street line is, but for a post office
// box or a rural route ("PO Box 12", "RR 2 Box 7", "County Road 12") and
// Puerto Rico's and the Virgin Islands' codes (006–009), whose streets
// are written Spain's way (Calle Sol 12).
func columnZIP(a Address) Address {
	p := padZIP(a.ZIP)
	if p == strings.TrimSpace(a.ZIP) {
		return a
	}
	if c := strings.TrimSpace(a.Country); c != "" {
		if code, ok := gazetteer.CountryCode(c); !ok || code != "US" && !usTerritory[code] {
			return a
		}
	}
	if st := strings.TrimSpace(a.State); st != "" && normState(st) == "" {
		return a
	}
	if strings.TrimSpace(a.Country) == "" && strings.TrimSpace(a.State) == "" && numberLast(a.Street) && !usNumberLast(a.Street) && p > "01" {
		return a
	}
	a.ZIP = p
	return a
}

// usNumberLast reports a US street line that ends in its number: a post
// office box, a rural or highway route, a county road ("PO Box 12", "RR
// 2 Box 7", "Highway 61", "County Road 12").
func usNumberLast(street string) bool {
	for _, w := range strings.Fields(strings.ToLower(street)) {
		switch strings.Trim(w, ".,#") {
		case "box", "po", "p.o", "route", "rte", "rt", "rr", "hc", "highway", "hwy", "road", "rd", "drawer", "pmb", "unit", "apt", "suite", "ste", "lot", "fm", "sr", "us":
			return true
		}
	}
	return false
}

// parseFullAddress splits "12 Oak St Apt 4, Austin, TX 78701" (commas,
// line breaks or runs of blanks between parts) into street line, city,
// state and ZIP.
func parseFullAddress(s string) Address {
	var a Address
	if k := strings.Index(s, "〒"); k >= 0 {
		// "〒150-0002 東京都渋谷区渋谷1-2-3": Japan's postal mark, its
		// code, then the prefecture, the city and the block.
		rest := strings.TrimSpace(s[k+len("〒"):])
		if len(rest) >= 8 && postcodeCountry(rest[:8], "") == "JP" {
			a.ZIP, a.Country = rest[:8], "JP"
			a.Street = strings.TrimSpace(strings.TrimSpace(s[:k]) + " " + strings.TrimSpace(rest[8:]))
			return a
		}
	}
	if strings.Contains(s, "  ") {
		// Lines joined with blanks, as Mailchimp exports them.
		s = gazetteer.JoinedAddress(s)
	}
	if strings.Contains(s, " - ") {
		// "2590 Elm Road NE - Warren, OH 44483": a dash between the
		// lines.
		s = strings.ReplaceAll(s, " - ", ", ")
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) >= 2 && parts[0] != "" && strings.Trim(parts[0], "0123456789") == "" {
		// Canada Post's French form puts a comma after the civic number:
		// "405, rue Sainte-Catherine Est".
		parts = append([]string{parts[0] + " " + parts[1]}, parts[2:]...)
	}
	if len(parts) >= 3 && unitFirst(parts[0]) && parts[1] != "" && parts[1][0] >= '0' && parts[1][0] <= '9' {
		// "Flat 2, 10 High Street, …", "Apartment 4B, 77 Beacon St, …":
		// the unit written before the street, as British addresses put
		// it; the street line is the house's, the unit after it.
		parts = append([]string{parts[1] + " " + parts[0]}, parts[2:]...)
	}
	if len(parts) == 0 {
		return a
	}
	// A last part that names a country and no state: "…, Paris, France".
	if n := len(parts); n >= 2 && normState(parts[n-1]) == "" {
		if code, ok := gazetteer.CountryCode(parts[n-1]); ok {
			a.Country = code
			parts = parts[:n-1]
			if code != "US" {
				return intlAddress(a, parts)
			}
		}
	}
	// A postal code whose shape only one country uses: Brazil's CEP
	// (01305-100) and Portugal's (1200-203), which no ZIP+4 is.
	if n := len(parts); n >= 2 && a.Country == "" {
		if c := postcodeCountry(parts[n-1], parts[0]); c != "" {
			a.Country = c
			return intlAddress(a, parts)
		}
		for _, p := range parts[1:] {
			if strings.HasPrefix(p, "Col. ") || strings.HasPrefix(p, "Colonia ") {
				// A colonia, Mexico's district, before the código
				// postal, which may be a ZIP Code's five digits too
				// (03940, Maine's).
				a.Country = "MX"
				return intlAddress(a, parts)
			}
		}
	}
	if a.Country == "" {
		if in, ok := indianAddress(parts); ok {
			return in
		}
	}
	// A postal code before the town, "…, 75002 Paris": Europe's form,
	// never the United States'. The street's form tells the country.
	if n := len(parts); n >= 2 {
		if f := strings.Fields(parts[n-1]); len(f) >= 2 && len(f) <= 4 && len(f[0]) >= 4 && len(f[0]) <= 5 && strings.Trim(f[0], "0123456789") == "" && unicode.IsUpper([]rune(f[1])[0]) {
			return intlAddress(a, parts)
		}
	}
	// The last part may be "TX 78701", "TX", "78701" or "Texas 78701",
	// in Canada "ON M5V 2T6", in the United Kingdom "London SW1A 2AA".
	last := strings.Fields(parts[len(parts)-1])
	postcode := func(s string) bool {
		return gazetteer.CanadianPostalCode(s) || gazetteer.UKPostcode(s) || gazetteer.Eircode(s)
	}
	if n := len(last); n >= 2 && postcode(last[n-2]+" "+last[n-1]) {
		a.ZIP = last[n-2] + " " + last[n-1]
		last = last[:n-2]
	} else if n >= 1 && postcode(last[n-1]) {
		a.ZIP = last[n-1]
		last = last[:n-1]
	}
	if n := len(last); a.ZIP == "" && n >= 2 && gazetteer.AustralianPostcode(last[n-1]) {
		// Australia: "Sydney NSW 2000"; australian decides on WA.
		if _, ok := gazetteer.AustralianState(last[n-2]); ok {
			a.ZIP, a.State = last[n-1], last[n-2]
			last = last[:n-2]
		}
	}
	if n := len(last); n > 0 && a.ZIP != "" {
		// Québec's own form puts the province in brackets: "Montréal
		// (Québec) H3A 1G1".
		if _, ok := gazetteer.Province(strings.Join(last, " ")); ok {
			a.State = strings.Join(last, " ")
			last = nil
		} else if p := strings.Trim(last[n-1], "()"); p != "" {
			if _, ok := gazetteer.Province(p); ok {
				a.State = p
				last = last[:n-1]
			}
		}
	}
	if n := len(last); n > 0 && zip5(last[n-1]) != "" {
		a.ZIP = last[n-1]
		last = last[:n-1]
	}
	if len(last) > 0 {
		if st := normState(strings.Join(last, " ")); st != "" {
			a.State = strings.Join(last, " ")
			last = nil
		} else if n := len(last); n > 0 && normState(last[n-1]) != "" && len(parts) >= 2 {
			a.State = last[n-1]
			last = last[:n-1]
		}
	}
	rest := parts[:len(parts)-1]
	if len(last) > 0 {
		rest = append(rest, strings.Join(last, " "))
	} else if a.ZIP != "" && a.State == "" {
		// The ZIP Code set off by a comma, perhaps after the country:
		// "Fort Washington, PA, 19034", "Ann Arbor, MI, US, 48108".
		if n := len(rest); n >= 3 && normState(rest[n-1]) == "" {
			if code, ok := gazetteer.CountryCode(rest[n-1]); ok && code == "US" {
				rest = rest[:n-1]
			}
		}
		if n := len(rest); n >= 2 && normState(rest[n-1]) != "" {
			a.State = rest[n-1]
			rest = rest[:n-1]
		} else if n >= 2 {
			// "Dayton OH, 45402": the town and its state, then the code.
			if f := strings.Fields(rest[n-1]); len(f) >= 2 && normState(f[len(f)-1]) != "" {
				a.State = f[len(f)-1]
				rest[n-1] = strings.Join(f[:len(f)-1], " ")
			}
		}
	}
	if len(rest) == 1 && (a.ZIP != "" || a.State != "") && townOnly(rest[0]) {
		// "Sacramento, CA 95814": the town alone before the state, no
		// street line. Mail goes to a numbered street, a box or a
		// route, so a line without a digit is the town, and the address
		// is not one a letter can be sent to.
		if f := strings.Fields(rest[0]); a.State == "" && len(f) >= 2 && normState(f[len(f)-1]) != "" {
			a.State, rest[0] = f[len(f)-1], strings.Join(f[:len(f)-1], " ")
		}
		a.City = rest[0]
		return a
	}
	if len(rest) > 0 {
		a.Street = rest[0]
	}
	if len(rest) > 1 {
		a.City = rest[len(rest)-1]
	}
	if len(rest) > 2 {
		a.Unit = strings.Join(rest[1:len(rest)-1], " ")
	}
	return a
}

// townOnly reports whether s, the only part of an address before its
// state and ZIP Code, is a town rather than a street line: it has no
// digit and does not start with a number in words ("One Main Street").
// postcodeCountry returns the country whose postal codes have the shape
// of the words of p: five digits, a hyphen and three (Brazil's CEP,
// 01305-100), four, a hyphen and three (Portugal's, 1200-203), two, a
// hyphen and three (Poland's, 00-624), three digits and two (Sweden's,
// 111 51, with a Swedish street), four digits and two capitals (the
// Netherlands', 1015 CJ), three digits, a hyphen and four (Japan's,
// 150-0002); "" when none has. A ZIP+4 has four digits
// after its hyphen.
func postcodeCountry(p, street string) string {
	f := strings.Fields(p)
	for k, w := range f {
		digits := strings.Trim(w, "0123456789") == ""
		if k+1 < len(f) && digits {
			n := f[k+1]
			switch {
			case len(w) == 3 && len(n) == 2 && strings.Trim(n, "0123456789") == "":
				// 111 51: Sweden's, but Czechia's, Slovakia's and
				// Greece's too; a Swedish street name tells.
				if swedishStreet(street) {
					return "SE"
				}
			case len(w) == 4 && len(n) == 2 && strings.Trim(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "":
				return "NL" // 1015 CJ
			}
		}
		h := strings.IndexByte(w, '-')
		if h == 3 && len(w) == 8 && strings.Trim(w[:3], "0123456789") == "" && strings.Trim(w[4:], "0123456789") == "" {
			return "JP" // 150-0002
		}
		if h < 0 || len(w)-h-1 != 3 || strings.Trim(w[:h], "0123456789") != "" || strings.Trim(w[h+1:], "0123456789") != "" {
			continue
		}
		switch h {
		case 5:
			return "BR"
		case 4:
			return "PT"
		case 2:
			return "PL" // 00-624
		}
	}
	return ""
}

// indianAddress reads an address in India's form, its six-digit PIN code
// with its state or its city: "22 MG Road, Bengaluru, Karnataka 560001",
// "…, Bengaluru 560001, Karnataka", "…, Mumbai, Maharashtra, 400001",
// "…, New Delhi 110001". Without a state or a city of India beside it a
// six-digit number is no PIN (it is a house's or a flat's number as
// often).
func indianAddress(parts []string) (Address, bool) {
	n := len(parts)
	if n < 2 {
		return Address{}, false
	}
	a := Address{Street: parts[0], Country: "IN"}
	end := n // the parts before end hold the street, the unit and the city
	pinAt := func(p string) (before string, ok bool) {
		f := strings.Fields(p)
		switch k := len(f); {
		case k >= 2 && gazetteer.IndianPIN(f[k-2]+f[k-1]):
			return strings.Join(f[:k-2], " "), true // "560 001"
		case k >= 1 && gazetteer.IndianPIN(f[k-1]):
			return strings.Join(f[:k-1], " "), true
		}
		return "", false
	}
	last := parts[n-1]
	if before, ok := pinAt(last); ok {
		a.ZIP = strings.TrimSpace(strings.TrimPrefix(last, before))
		end = n - 1
		switch {
		case before != "" && gazetteer.IndianState(before):
			a.State = before // "Karnataka 560001"
		case before != "":
			a.City = before // "New Delhi 110001"
		case n >= 3 && gazetteer.IndianState(parts[n-2]):
			a.State, end = parts[n-2], n-2 // "Maharashtra, 400001"
		}
	} else if gazetteer.IndianState(last) && n >= 3 {
		before, ok := pinAt(parts[n-2])
		if !ok {
			return Address{}, false
		}
		a.State = last // "Bengaluru 560001, Karnataka"
		a.ZIP = strings.TrimSpace(strings.TrimPrefix(parts[n-2], before))
		a.City, end = before, n-2
		if before == "" {
			end = n - 2
		}
	} else {
		return Address{}, false
	}
	if a.City == "" && end >= 2 {
		a.City, end = parts[end-1], end-1
	}
	if a.State == "" {
		if c, ok := gazetteer.CityCountry(a.City); !ok || c != "IN" {
			return Address{}, false
		}
	}
	if end > 1 {
		a.Unit = strings.Join(parts[1:end], " ")
	}
	return a, a.Street != "" && a.Street != a.City
}

// swedishStreet reports whether a street line's name ends as Swedish
// street names do: Drottninggatan, Sveavägen, Stortorget, Mårten Trotzigs
// gränd.
func swedishStreet(street string) bool {
	for _, w := range strings.Fields(strings.ToLower(street)) {
		for _, suf := range [...]string{"gatan", "vägen", "torget", "gränd", "backe", "stigen", "allén"} {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// unitFirst reports whether an address's first part is a flat's or a
// unit's designator and its number only ("Flat 2", "Apt. 4B").
func unitFirst(p string) bool {
	f := strings.Fields(p)
	return len(f) == 2 && len(f[1]) <= 5 && gazetteer.LeadingUnit(f[0])
}

func townOnly(s string) bool {
	if s == "" || strings.ContainsAny(s, "0123456789") {
		return false
	}
	f := strings.Fields(s)
	switch strings.ToLower(f[0]) {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred":
		return false
	}
	return true
}

// intlAddress fills a, whose country is not the United States, from the
// parts before the country: the street first, then the unit, the last
// the locality, whose words with digits are its postal code ("75002
// Paris", "London SW1A 2AA").
func intlAddress(a Address, parts []string) Address {
	a.Street = parts[0]
	if len(parts) == 1 {
		return a
	}
	var city, code []string
	for _, w := range strings.Fields(parts[len(parts)-1]) {
		if strings.ContainsAny(w, "0123456789") {
			code = append(code, w)
		} else {
			city = append(city, w)
		}
	}
	a.City, a.ZIP = strings.Join(city, " "), strings.Join(code, " ")
	if len(parts) > 2 {
		a.Unit = strings.Join(parts[1:len(parts)-1], " ")
	}
	return a
}

func (a Address) normalize() normAddr {
	var n normAddr
	line := a.Street
	if a.Unit != "" {
		line += " " + a.Unit
	}
	n.house, n.street, n.unit = NormalizeStreet(line)
	n.city = strings.Join(strings.Fields(strings.ToUpper(a.City)), " ")
	c := countryOf(&a)
	n.intl = c != "" && c != "US"
	if n.intl {
		n.state = strings.ToUpper(strings.TrimSpace(a.State))
		n.zip = strings.TrimSpace(a.ZIP)
	} else {
		n.state = normState(a.State)
		if n.state == "" {
			n.state = strings.ToUpper(strings.TrimSpace(a.State))
		}
		n.zip = zip5(a.ZIP)
	}
	return n
}

func atoiSafe(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// withoutNickname drops a nickname written in quotes or parentheses from
// a name ("Robert \"Bob\" Smith", "Dana (DJ) Whitfield"): it is neither a
// middle name nor part of the name a letter is addressed to.
func withoutNickname(s string) string {
	for _, q := range [...][2]string{{"\"", "\""}, {"(", ")"}, {"“", "”"}} {
		i := strings.Index(s, q[0])
		if i < 0 {
			continue
		}
		j := strings.Index(s[i+len(q[0]):], q[1])
		if j < 0 {
			continue
		}
		s = strings.Join(strings.Fields(s[:i]+" "+s[i+len(q[0])+j+len(q[1]):]), " ")
	}
	return s
}
