package people

import (
	"context"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

// TestTyposAndSwaps resolves records of one person written with the
// given name and surname swapped, with a typo besides, or under a
// mistyped postcode, among a generated case's records (which train the
// model), and a namesake who must stay apart.
func TestTyposAndSwaps(t *testing.T) {
	opt := DefaultOptions()
	opt.KeepRecords, opt.Explain = false, false
	r := NewResolver(opt)
	if err := LoadTruth(genDir(t, 1000), true, r.Add); err != nil {
		t.Fatal(err)
	}
	first := r.Len()
	type rec struct{ given, surname, dob, street, city, state, zip, acct string }
	recs := []rec{
		0:  {"Lachlan", "Nguyen", "1966-09-26", "70 Bushby Close", "Wilson", "OR", "97046", "4360586"},
		1:  {"Nguyen", "Lachlan", "1966-09-26", "70 Bushby Close", "Wilson", "OR", "97046", "4360586"},
		2:  {"Lachlan", "Nguyen", "1993-10-13", "23 Templestowe Avenue", "Wilson", "OR", "97046", "8311385"},
		3:  {"Jye", "Churchward", "1920-02-10", "1 Fraser Court", "Labrador", "FL", "33151", "2271081"},
		4:  {"Churchward", "Jyeq", "1920-02-10", "1 Fraser Court", "Labrador", "FL", "33151", "2271801"},
		5:  {"Nicholas", "Jenvey", "1992-12-31", "59 Bogan Place", "Bundaberg", "NE", "68440", "1646485"},
		6:  {"Nicholas", "Jehvey", "1992-12-31", "59 Bogan Place", "Bundaberg", "NE", "68404", "4030459"},
		7:  {"Ottilie", "Marchbanks", "1958-04-02", "14 Diggles Street", "Park Holme", "KS", "66603", "3611615"},
		8:  {"Ottilie", "Marchbanks", "", "14 Diggles Street", "Park Holme", "KS", "66630", "7026823"},
		9:  {"Rilla", "Glostermann", "1959-01-24", "24 Farrer Place", "Frankston", "TX", "75718", "2526809"},
		10: {"Glostermann", "Mia", "1959-01-24", "24 Farrer Pl", "Frankston", "TX", "75718", "7104329"},
		11: {"Ainsley", "Blakemore", "1986-09-20", "60 Endeavour Street", "Redhead", "WA", "98015", "1261880"},
		12: {"", "Blakemore", "1986-09-20", "60 Endeavour Street", "Redehad", "WA", "98105", "1267880"},
		13: {"J. Tobias", "Wainwright", "1971-05-14", "8 Kestrel Way", "Milford", "CT", "06460", "5518203"},
		14: {"Tobias", "Wainwright", "1971-05-14", "8 Kestrel Way", "Milford", "CT", "06460", "9043371"},
	}
	for i, x := range recs {
		name := []Value{
			{Type: breachkit.PersonName, Part: "given", Value: x.given},
			{Type: breachkit.PersonName, Part: "surname", Value: x.surname},
		}
		if strings.Contains(x.given, " ") {
			// Written whole: "J. Tobias Wainwright".
			name = []Value{{Type: breachkit.PersonName, Part: "full", Value: x.given + " " + x.surname}}
		}
		v := append(name, []Value{
			{Type: breachkit.DOB, Value: x.dob},
			{Type: breachkit.Address, Part: "street", Value: x.street},
			{Type: breachkit.Address, Part: "city", Value: x.city},
			{Type: breachkit.Address, Part: "state", Value: x.state},
			{Type: breachkit.Address, Part: "zip", Value: x.zip},
			{Type: breachkit.Element("CUSTOM_MEMBER_NO"), Value: x.acct},
		}...)
		for k := range v {
			v[k].Order = int64(k)
		}
		b := BuildRecord("probe#"+string(rune('a'+i)), v)
		r.Add(&b)
	}
	res, err := r.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b int) bool { return res.Cluster[first+a] == res.Cluster[first+b] }
	for _, tc := range []struct {
		name string
		a, b int
		want bool
	}{
		{"names swapped", 0, 1, true},
		{"a namesake born another year, same postcode", 0, 2, false},
		{"the namesake and the swapped record", 1, 2, false},
		{"swapped, a typo in the given name, the account mistyped", 3, 4, true},
		{"a surname mistyped past its Soundex code, a postcode's digits transposed", 5, 6, true},
		{"a postcode's digits transposed, no date of birth", 7, 8, true},
		{"a postcode's digits transposed, the town mistyped, no given name", 11, 12, true},
		{"a first initial before the given name he goes by (J. Tobias)", 13, 14, true},
	} {
		if got := same(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: same person %v, want %v", tc.name, got, tc.want)
		}
	}
	pos := make([]uint32, len(r.orig))
	for k, i := range r.orig {
		pos[i] = uint32(k)
	}
	// Swapped with the given name another (a middle name, a nickname):
	// one name agrees across the parts, a level the model weighs (on
	// gen's data, where namesakes are commoner than swaps, against).
	if p := r.compare(pos[first+9], pos[first+10]); p.level(fSurname) != 4 || p.level(fGiven) != 5 {
		t.Errorf("one name across swapped parts: given %s, surname %s, want different, across", levelNames[fGiven][p.level(fGiven)], levelNames[fSurname][p.level(fSurname)])
	}
	// A weight does not depend on which record comes first: a swapped
	// pair's name frequencies are those of its names as they are used.
	i, j := pos[first+1], pos[first+2]
	p, q := r.compare(i, j), r.compare(j, i)
	if wi, wj := r.weight(i, j, p), r.weight(j, i, q); wi != wj {
		t.Errorf("weight of a swapped pair: %.2f one way, %.2f the other", wi, wj)
	}
}
