package mrz

import (
	"strings"
	"testing"
)

// The zones below were made for these tests, their check digits computed
// apart from this package (ICAO 9303's 7-3-1 weights, by hand in a
// script); no document of anyone's.
var (
	td3Zone = "P<USAOKAFOR<<CHIDI<EMEKA<<<<<<<<<<<<<<<<<<<<\n5618392747USA8103147M3011054<<<<<<<<<<<<<<<6"
	td2Zone = "I<FRABERGERON<<MARIE<CLAIRE<<<<<<<<<\nX4RTBPFW46FRA7708235F2904113<<<<<<<0"
	td1Zone = "I<NLDXN40W71P87<<<<<<<<<<<<<<<\n6503101F3403093NLD<<<<<<<<<<<6\nDE<BRUIJN<<WILLEKE<LISELOTTE<<"
)

func TestAt(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		at         string // a substring whose first byte is where At looks
		passport   bool
		want       []string // the fields' values, in order
		kinds      []Kind
	}{
		{"passport, two lines of 44", "Data page:\n" + td3Zone + "\nend", "<<CHIDI", true,
			[]string{"OKAFOR", "CHIDI", "EMEKA", "561839274", "810314"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"passport, looked at from its second line", td3Zone, "<<<<<<<<<<<<<<<6", true,
			[]string{"OKAFOR", "CHIDI", "EMEKA", "561839274", "810314"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"card, two lines of 36", td2Zone, "<<MARIE", false,
			[]string{"BERGERON", "MARIE", "CLAIRE", "X4RTBPFW4", "770823"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"card, three lines of 30, a surname of two words", td1Zone, "<<WILLEKE", false,
			[]string{"DE<BRUIJN", "WILLEKE", "LISELOTTE", "XN40W71P8", "650310"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"lines ending in CR LF", strings.ReplaceAll(td3Zone, "\n", "\r\n"), "<<CHIDI", true,
			[]string{"OKAFOR", "CHIDI", "EMEKA", "561839274", "810314"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"OCR read two fillers more on the names' line", strings.Replace(td3Zone, "<<<<\n", "<<<<<<\n", 1), "<<CHIDI", true,
			[]string{"OKAFOR", "CHIDI", "EMEKA", "561839274", "810314"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
		{"OCR read a filler fewer on the names' line", strings.Replace(td3Zone, "<<<<\n", "<<<\n", 1), "<<CHIDI", true,
			[]string{"OKAFOR", "CHIDI", "EMEKA", "561839274", "810314"}, []Kind{Surname, Given, Given, DocNumber, BirthDate}},
	} {
		z, ok := At([]byte(tc.text), strings.Index(tc.text, tc.at))
		if !ok {
			t.Errorf("%s: no zone", tc.name)
			continue
		}
		if z.Passport != tc.passport {
			t.Errorf("%s: passport %v, want %v", tc.name, z.Passport, tc.passport)
		}
		var got []string
		for i, f := range z.Fields {
			got = append(got, tc.text[f.Start:f.End])
			if i < len(tc.kinds) && f.Kind != tc.kinds[i] {
				t.Errorf("%s: field %d kind %d, want %d", tc.name, i, f.Kind, tc.kinds[i])
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: fields %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNotAZone(t *testing.T) {
	bad := func(s, from, to string) string { return strings.Replace(s, from, to, 1) }
	for _, tc := range []struct{ name, text, at string }{
		{"a document number's check digit wrong", bad(td3Zone, "5618392747", "5618392741"), "<<CHIDI"},
		{"a birth date's check digit wrong", bad(td3Zone, "8103147", "8103148"), "<<CHIDI"},
		{"the composite check wrong", bad(td3Zone, "<<<6", "<<<7"), "<<CHIDI"},
		{"a month 13", bad(td2Zone, "7708235", "7713235"), "<<MARIE"},
		{"one line of a passport", strings.Split(td3Zone, "\n")[0], "<<CHIDI"},
		{"two lines of a card of three", td1Zone[:strings.LastIndex(td1Zone, "\n")], "<<<<<<<<<<<6"},
		{"lines of other lengths", "P<USAOKAFOR<<CHIDI<<<<<<<\n5618392747USA8103147M<<<<", "<<CHIDI"},
		{"a program's fillers", "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "<<"},
		{"lower case", strings.ToLower(td3Zone), "<<chidi"},
		{"a names' line far from its second line's length", strings.Replace(td3Zone, "<<<<<<<<<<<<<<<<<<<<\n", "\n", 1), "<<CHIDI"},
		{"a names' line of the right length's neighbour, a bad check", strings.Replace(strings.Replace(td3Zone, "<<<<\n", "<<<<<\n", 1), "5618392747", "5618392741", 1), "<<CHIDI"},
	} {
		if z, ok := At([]byte(tc.text), strings.Index(tc.text, tc.at)); ok {
			t.Errorf("%s: a zone %+v", tc.name, z)
		}
	}
}

// FuzzAt checks that no input panics At and that every field lies in
// its zone, and the zone in the text.
func FuzzAt(f *testing.F) {
	for _, s := range []string{td3Zone, td2Zone, td1Zone, "x\n" + td3Zone + "\r\n", "<<", "P<\n<<"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i >= len(s) {
			return
		}
		z, ok := At([]byte(s), i)
		if !ok {
			return
		}
		if z.Start < 0 || z.End > len(s) || z.Start > z.End {
			t.Fatalf("zone %d-%d out of %d bytes", z.Start, z.End, len(s))
		}
		for _, fl := range z.Fields {
			if fl.Start < z.Start || fl.End > z.End || fl.Start > fl.End {
				t.Fatalf("field %+v outside its zone %d-%d", fl, z.Start, z.End)
			}
		}
	})
}
