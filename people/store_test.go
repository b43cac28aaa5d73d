package people

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

// TestFromStoreParts reads findings whose columns named the part of a
// name or address they hold (the "part:" reason): a sheet with Last Name
// before First Name gives the name the right way round, and a contact
// card's full name written twice (N and FN) one name, not both joined.
func TestFromStoreParts(t *testing.T) {
	f := func(id int64, rec string, typ breachkit.Element, v string, reasons ...string) *breachkit.Finding {
		return &breachkit.Finding{ID: id, SourceID: 1, Path: "x", Type: typ, Start: -1, End: -1, Record: rec, Value: breachkit.Sealed(v), Reasons: reasons}
	}
	st := &fakeStore{sources: []*breachkit.Source{{ID: 1, Path: "x"}}, findings: []*breachkit.Finding{
		f(1, "x#row=1", breachkit.PersonName, "Souza", "header:Last Name", "part:surname"),
		f(2, "x#row=1", breachkit.PersonName, "Ana", "header:First Name", "part:given"),
		f(3, "x#row=1", breachkit.SSN, "383-41-8663", "header:SSN"),
		f(4, "x#card=1", breachkit.PersonName, "Dana Whitfield", "header:name", "part:full"),
		f(5, "x#card=1", breachkit.PersonName, "Dana Whitfield", "header:full name", "part:full"),
	}}
	got := map[string][2]string{}
	open := func(_ breachkit.Element, s breachkit.Sealed) ([]byte, error) { return s, nil }
	err := FromStore(context.Background(), st, 1, open, 0, func(r *Record) { got[r.Key] = [2]string{r.Given, r.Surname} })
	if err != nil {
		t.Fatal(err)
	}
	if got["x#row=1"] != [2]string{"Ana", "Souza"} || got["x#card=1"] != [2]string{"Dana", "Whitfield"} {
		t.Errorf("names %q", got)
	}
}

// TestFromStoreKeyedParts reads a log's lines, one request a line, whose
// name parts come after keys ("first=Dana&last=Whitfield") in one
// paragraph record: each line's given name and surname make one person
// with that line's SSN, where before all the names of the paragraph made
// one person with every SSN. A ZIP Code after its key is its line's too.
func TestFromStoreKeyedParts(t *testing.T) {
	f := func(id, at int64, typ breachkit.Element, v string, reasons ...string) *breachkit.Finding {
		return &breachkit.Finding{ID: id, SourceID: 1, Path: "a.log", Type: typ, Start: at, End: at + int64(len(v)), Record: "a.log#para=1", Value: breachkit.Sealed(v), Reasons: reasons}
	}
	st := &fakeStore{sources: []*breachkit.Source{{ID: 1, Path: "a.log"}}, findings: []*breachkit.Finding{
		f(1, 10, breachkit.PersonName, "Dana", "rule:name-part-key", "header:first"),
		f(2, 20, breachkit.PersonName, "Whitfield", "rule:name-part-key", "header:last"),
		f(3, 35, breachkit.SSN, "512446789", "rule:ssn", "keyword:ssn at 1"),
		f(9, 50, breachkit.Address, "45402", "rule:address-part-key", "part:zip"),
		f(4, 90, breachkit.PersonName, "Haddad", "rule:name-part-key", "header:lname"),
		f(5, 100, breachkit.PersonName, "Omar", "rule:name-part-key", "header:fname"),
		f(6, 115, breachkit.SSN, "623114820", "rule:ssn", "keyword:ssn at 1"),
		f(10, 130, breachkit.Address, "83706", "rule:address-part-key", "part:zip"),
		f(7, 180, breachkit.PersonName, "Ana", "rule:name-part-key", "header:first_name"),
		f(8, 200, breachkit.SSN, "734012219", "rule:ssn", "keyword:ssn at 1"),
	}}
	var got []string
	open := func(_ breachkit.Element, s breachkit.Sealed) ([]byte, error) { return s, nil }
	err := FromStore(context.Background(), st, 1, open, 0, func(r *Record) {
		var ids []string
		for _, id := range r.Idents {
			ids = append(ids, id.Value)
		}
		zip := ""
		if len(r.Addresses) > 0 {
			zip = r.Addresses[0].ZIP
		}
		got = append(got, r.Given+"/"+r.Surname+"/"+strings.Join(ids, ",")+"/"+zip)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Dana/Whitfield/512446789/45402", "Omar/Haddad/623114820/83706", "Ana//734012219/"}
	if !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
}

// TestFromStoreMRZ reads a passport's machine-readable zone as scan
// finds it: surname, given and further given names by part, and the
// birth date written YYMMDD given its century.
func TestFromStoreMRZ(t *testing.T) {
	f := func(id int64, typ breachkit.Element, v string, reasons ...string) *breachkit.Finding {
		return &breachkit.Finding{ID: id, SourceID: 1, Path: "x", Type: typ, Start: id * 10, End: id*10 + 5, Record: "x#para=1", Value: breachkit.Sealed(v), Reasons: reasons}
	}
	st := &fakeStore{sources: []*breachkit.Source{{ID: 1, Path: "x"}}, findings: []*breachkit.Finding{
		f(1, breachkit.PersonName, "OKAFOR", "rule:mrz", "part:surname"),
		f(2, breachkit.PersonName, "CHIDI", "rule:mrz", "part:given"),
		f(3, breachkit.PersonName, "EMEKA", "rule:mrz", "part:middle"),
		f(4, breachkit.Passport, "561839274", "rule:mrz"),
		f(5, breachkit.DOB, "810314", "rule:mrz", "part:yymmdd"),
	}}
	var got []*Record
	open := func(_ breachkit.Element, s breachkit.Sealed) ([]byte, error) { return s, nil }
	if err := FromStore(context.Background(), st, 1, open, 0, func(r *Record) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%d records", len(got))
	}
	r := got[0]
	if r.Given != "CHIDI" || r.Middle != "EMEKA" || r.Surname != "OKAFOR" || ParseDOB(r.DOB) != 19810314 {
		t.Errorf("given %q middle %q surname %q, DOB %q (%d)", r.Given, r.Middle, r.Surname, r.DOB, ParseDOB(r.DOB))
	}
	for _, tc := range []struct{ in, want string }{{"810314", "1981-03-14"}, {"050228", "2005-02-28"}, {"300101", "1930-01-01"}, {"8103", "8103"}, {"81O314", "81O314"}} {
		if got := yymmdd(tc.in); got != tc.want {
			t.Errorf("yymmdd(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSplitFullNameParticles checks that lower-case particles go with
// the surname and capitalised middle words stay middle names.
func TestSplitFullNameParticles(t *testing.T) {
	for _, tt := range []struct{ in, g, m, s, x string }{
		{"Maria de la Cruz", "Maria", "", "de la Cruz", ""},
		{"Anna Lise van der Berg", "Anna", "Lise", "van der Berg", ""},
		{"Nguyen Van An", "Nguyen", "Van", "An", ""},
		{"Sean Miller Jr.", "Sean", "", "Miller", "Jr."},
		{"Miller, Sean Jr", "Sean", "", "Miller", "Jr"},
		{"Miller Jr., Sean", "Sean", "", "Miller", "Jr."},
		{"Sean Miller, III", "Sean", "", "Miller", "III"},
		{"Dr. Ana Ruiz MD", "Ana", "", "Ruiz", ""},
		{"Junior Santos", "Junior", "", "Santos", ""},
		{"Santos, Junior", "Junior", "", "Santos", ""},
		{"Santos, Junior Jr.", "Junior", "", "Santos", "Jr."},
		{"John & Mary Smith", "John", "& Mary", "Smith", ""},
		{"SOUZA ANA M", "ANA", "M", "SOUZA", ""},
		{"OKAFOR CHIDI E", "CHIDI", "E", "OKAFOR", ""}, // a given name the lists lack
		{"ANA M SOUZA", "ANA", "M", "SOUZA", ""},
		{"SMITH, JOHN A & MARY B", "JOHN", "A & MARY B", "SMITH", ""},
	} {
		g, m, s, x := splitFullName(tt.in)
		if g != tt.g || m != tt.m || s != tt.s || x != tt.x {
			t.Errorf("splitFullName(%q) = %q %q %q %q, want %q %q %q %q", tt.in, g, m, s, x, tt.g, tt.m, tt.s, tt.x)
		}
	}
}

// TestFromStoreChain reads a letter's paragraphs from the store as one
// person, and a document longer than chainLimit groups in pieces: the
// salutation past the limit no longer reaches the address block.
func TestFromStoreChain(t *testing.T) {
	f := func(id int64, rec string, typ breachkit.Element, v string) *breachkit.Finding {
		return &breachkit.Finding{ID: id, SourceID: 1, Path: "l.docx", Type: typ, Start: -1, End: -1, Record: rec, Value: breachkit.Sealed(v), Reasons: []string{"rule:x"}}
	}
	st := &fakeStore{sources: []*breachkit.Source{{ID: 1, Path: "l.docx"}}, findings: []*breachkit.Finding{
		f(1, "l.docx#para=6", breachkit.PersonName, "Ana Souza"),
		f(2, "l.docx#para=7", breachkit.Address, "2093 Highland St"),
		f(3, "l.docx#para=12", breachkit.PersonName, "Ana Souza"),
		f(4, "l.docx#para=13", breachkit.SSN, "383-41-8663"),
	}}
	open := func(_ breachkit.Element, s breachkit.Sealed) ([]byte, error) { return s, nil }
	records := func() []string {
		var keys []string
		if err := FromStore(context.Background(), st, 1, open, 0, func(r *Record) { keys = append(keys, r.Key) }); err != nil {
			t.Fatal(err)
		}
		return keys
	}
	if got := records(); len(got) != 1 || got[0] != "l.docx#para=6" {
		t.Errorf("a letter: records %q, want one", got)
	}
	defer func(n int) { chainLimit = n }(chainLimit)
	chainLimit = 2
	if got := records(); len(got) != 2 {
		t.Errorf("in pieces of 2 groups: records %q, want 2", got)
	}
}

// TestOrderMixed orders a record's values by offset where they have one,
// the others after the value emitted before them, or by emission when
// none has an offset.
func TestOrderMixed(t *testing.T) {
	vals := func(orders ...int64) []Value {
		var v []Value
		for _, o := range orders {
			v = append(v, Value{Order: o})
		}
		return v
	}
	for _, tt := range []struct{ in, want []int64 }{
		{[]int64{-1, -1, 258, 289, 354, 273, 331}, []int64{-1, -1, 258, 289, 354, 273, 331}},
		{[]int64{10, -1, 5, -1}, []int64{10, 10, 5, 5}},
		{[]int64{-1, -1, -1}, []int64{0, 1, 2}},
	} {
		v := vals(tt.in...)
		orderMixed(v)
		for i := range v {
			if v[i].Order != tt.want[i] {
				t.Errorf("orderMixed(%v) = %v, want %v", tt.in, v, tt.want)
				break
			}
		}
	}
}
