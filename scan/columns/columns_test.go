package columns

import (
	"slices"
	"strings"
	"testing"
)

func TestInfer(t *testing.T) {
	tests := []struct {
		name string
		cols [][]string
		want []string
	}{
		{"person columns",
			[][]string{{"Anna", "John", "Maria"}, {"Berg", "Miller", "Garcia"}, {"412-55-8901", "523-44-9012", "601-23-4455"},
				{"1980-05-17", "03/04/1968", "17.05.1975"}, {"a@b.org", "jm@yahoo.com", "mg@example.org"}},
			[]string{"first name (inferred)", "last name (inferred)", "ssn (inferred)", "date of birth (inferred)", "email (inferred)"}},
		{"address columns",
			[][]string{{"1200 Mission St", "88 Pine Street", "PO Box 12"}, {"San Francisco", "Portland", "Boston"}, {"CA", "OR", "MA"}, {"94103", "97205", "02110-1234"}},
			[]string{"street address (inferred)", "city (inferred)", "state (inferred)", "zip (inferred)"}},
		{"the state and its ZIP Code in one column",
			[][]string{{"222 7th Street Southeast", "844 6th Street NW", "12 Main St"}, {"Washington", "Winter Haven", "Isle of Palms"}, {"DC 20003", "FL, 33881", "SC 29451-1187"}},
			[]string{"street address (inferred)", "city (inferred)", "state zip (inferred)"}},
		{"a state with another state's ZIP Codes is no such column",
			[][]string{{"12 Main St", "9 Elm Rd", "4 Oak Ave"}, {"OH 90210", "MA 33881", "TX 02110"}},
			[]string{"street address (inferred)", ""}},
		{"cities that are also names, between a street and a state",
			[][]string{{"4821 Oak Hollow Dr", "17 Elm St", "9 Maple Ave"}, {"Columbus", "Charlotte", "Austin"}, {"OH", "NC", "TX"}},
			[]string{"street address (inferred)", "city (inferred)", "state (inferred)"}},
		{"given names before a state without a street are names",
			[][]string{{"Charlotte", "Jackson", "Dana"}, {"NC", "MS", "OH"}},
			[]string{"first name (inferred)", "state (inferred)"}},
		{"surnames the gazetteer lacks, beside given names",
			[][]string{{"1001", "1002", "1003"}, {"Daniel", "Maria", "John"}, {"Wojcik", "Okafor", "Nakagawa-Smith"}, {"318-62-0945", "529-44-1937", "611-22-3344"}},
			[]string{"", "first name (inferred)", "last name (inferred)", "ssn (inferred)"}},
		{"a donor file: surname first in capitals, ZIP+4 without its hyphen",
			[][]string{{"SMITH, JOHN A", "GARCIA-LOPEZ, MARIA", "NGUYEN, TRAN", "JOHNSON, MARY"}, {"OKLAHOMA CITY", "SAN ANTONIO", "BOSTON", "EDISON"}, {"OK", "TX", "MA", "NJ"}, {"731205432", "78209", "021081234", "08817"}},
			[]string{"name (inferred)", "city (inferred)", "state (inferred)", "zip (inferred)"}},
		{"nine digits beside a state that are not its ZIP Codes",
			[][]string{{"12 Main St", "9 Elm Rd", "4 Oak Ave"}, {"Dallas", "Boston", "Tulsa"}, {"OK", "TX", "MA"}, {"412658801", "523449012", "601234455"}},
			[]string{"street address (inferred)", "city (inferred)", "state (inferred)", ""}},
		{"last name first",
			[][]string{{"WOJCIK", "OKAFOR", "NAKAGAWA"}, {"DANIEL", "MARIA", "JOHN"}},
			[]string{"last name (inferred)", "first name (inferred)"}},
		{"codes beside given names are no surnames",
			[][]string{{"Daniel", "Maria", "John"}, {"A1", "B-2", "x"}},
			[]string{"first name (inferred)", ""}},
		{"a category beside given names is no surname",
			[][]string{{"Daniel", "Maria", "John", "Anna", "Mary"}, {"Male", "Female", "Male", "Female", "Female"}},
			[]string{"first name (inferred)", ""}},
		{"cards and transaction IDs",
			[][]string{{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369"}, {"2043321819600133", "9908386379402654", "4532509839301032", "3351161559407816"}},
			[]string{"card number (inferred)", "id (inferred)"}},
		{"not personal",
			[][]string{{"10234", "10235", "10236"}, {"2025-11-02", "2025-11-03", "2025-10-30"}, {"1234567890", "2234567890", "3234567890"}, {"12345", "54321", "99999"}, {"OK", "OK", "FAILED"}},
			[]string{"", "", "", "", ""}},
		{"one value is not enough", [][]string{{"412-55-8901"}}, []string{""}},
		{"a card dump's expiry and security code",
			[][]string{{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369"}, {"05", "11", "1", "12"}, {"2027", "2029", "2026", "2030"}, {"355", "041", "7712", "908"}},
			[]string{"card number (inferred)", "", "", "cvv (inferred)"}},
		{"a card dump's expiry in one column",
			[][]string{{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369"}, {"05/27", "11/29", "01/26", "12/2030"}, {"355", "041", "771", "908"}},
			[]string{"card number (inferred)", "", "cvv (inferred)"}},
		{"three digits after cards without an expiry are no codes",
			[][]string{{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369"}, {"355", "041", "771", "908"}},
			[]string{"card number (inferred)", ""}},
		{"bare phones in a card dump",
			[][]string{{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369"}, {"2145625579", "7705794355", "5032406633", "6467756941"}},
			[]string{"card number (inferred)", "phone (inferred)"}},
		{"a range of IDs beside names is no phones",
			[][]string{{"Daniel", "Maria", "John", "Anna"}, {"4802213301", "4802213302", "4802213307", "4802213311"}},
			[]string{"first name (inferred)", ""}},
		{"bare numbers without people are no phones",
			[][]string{{"2145625579", "7705794355", "5032406633", "6467756941"}, {"OK", "OK", "FAILED", "OK"}},
			[]string{"", ""}},
	}
	for _, tt := range tests {
		if got := Infer(tt.cols); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Infer = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLooksLikeData(t *testing.T) {
	tests := []struct {
		row  []string
		want bool
	}{
		{[]string{"First Name", "Last Name", "SSN", "Date of Birth"}, false},
		{[]string{"ID", "Name", "Email", "State"}, false},
		{[]string{"Anna", "Berg", "Portland", "OR"}, true},
		{[]string{"Robert Kim", "Portland"}, true},
		{[]string{"Acct", "1200 Mission St"}, true},
	}
	for _, tt := range tests {
		if got := LooksLikeData(tt.row); got != tt.want {
			t.Errorf("LooksLikeData(%q) = %v, want %v", tt.row, got, tt.want)
		}
	}
}

// FuzzInfer checks that no values make the profiler panic, and that it
// names every column it is given.
func FuzzInfer(f *testing.F) {
	f.Add("Anna", "412-55-8901", "1200 Mission St", "OR")
	f.Add("", "P.O. Box", "+1 (", "5/17/80")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		cols := [][]string{{a, b}, {c, d}, {a, c}, {b, d}}
		if got := Infer(cols); len(got) != len(cols) {
			t.Fatalf("%d names for %d columns", len(got), len(cols))
		}
		LooksLikeData([]string{a, b, c, d})
	})
}

// TestPairLabel checks that a label names a value only when it reads as
// a column name: a person's name, an address, digits or an e-mail
// address never become a Field (and so never a reason in the clear).
func TestPairLabel(t *testing.T) {
	for in, want := range map[string]string{
		" Date of birth ": "Date of birth", "meta_key": "meta_key", "SSN": "SSN",
		"Jennifer Street": "", "12 Oak Ct": "", "ana@example.com": "", "383-41-8663": "",
		strings.Repeat("x", 101): "", "billing_address_1": "billing_address_1", "phone2": "phone2", "Apt 123": "", "2024": "",
		"line_12_3": "",
	} {
		if got := PairLabel(in); got != want {
			t.Errorf("PairLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDirectory glosses a directory export's short attribute names, and
// leaves other headers alone.
func TestDirectory(t *testing.T) {
	ad := []string{"DN", "sn", "givenName", "l", "st", "co", "c", "mail"}
	want := []string{"DN", "sn (surname)", "givenName", "l (city)", "st (state)", "co (country)", "c (country code)", "mail"}
	if got := Directory(ad); !slices.Equal(got, want) {
		t.Errorf("Directory(%q) = %q", ad, got)
	}
	if ad[1] != "sn" {
		t.Error("input changed")
	}
	plain := []string{"SN", "Model", "L", "Price"} // a serial number and a size, not a directory
	if got := Directory(plain); !slices.Equal(got, plain) {
		t.Errorf("Directory(%q) = %q", plain, got)
	}
}
