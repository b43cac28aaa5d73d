package people

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestComparators(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		jw   float64
	}{
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.8133},
		{"abc", "abc", 1},
		{"", "abc", 0},
	} {
		if got := JaroWinkler(tc.a, tc.b); math.Abs(got-tc.jw) > 0.001 {
			t.Errorf("JaroWinkler(%s, %s) = %.4f, want %.4f", tc.a, tc.b, got, tc.jw)
		}
	}
	for _, tc := range []struct{ in, sdx string }{{"robert", "R163"}, {"rupert", "R163"}, {"tymczak", "T522"}, {"ashcraft", "A261"}, {"", ""}} {
		if got := Soundex(tc.in); got != tc.sdx {
			t.Errorf("Soundex(%s) = %s, want %s", tc.in, got, tc.sdx)
		}
	}
	for _, tc := range []struct{ a, b string }{{"brown", "braun"}, {"knight", "night"}, {"macdonald", "mcdonald"}} {
		if NYSIIS(tc.a) != NYSIIS(tc.b) {
			t.Errorf("NYSIIS(%s) = %s differs from NYSIIS(%s) = %s", tc.a, NYSIIS(tc.a), tc.b, NYSIIS(tc.b))
		}
	}
}

func TestParseDOB(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"1948-02-27", 19480227}, {"02/27/1948", 19480227}, {"2/27/1948", 19480227},
		{"February 27, 1948", 19480227}, {"27-Feb-1948", 19480227}, {"19480227", 19480227},
		{"27/02/1948", 19480227}, {"not a date", 0}, {"1948-13-40", 0},
		{"21356", 19580620}, {"21356.0", 19580620}, {"99999", 0}, {"12345.5", 0},
	} {
		if got := ParseDOB(tc.in); got != tc.want {
			t.Errorf("ParseDOB(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b uint32
		want uint8
	}{
		{19480227, 19480227, 1}, {19480305, 19480503, 2}, {19480227, 19480228, 2},
		{19480227, 19840227, 2}, {19480227, 19710101, 3}, {0, 19480227, 0},
	} {
		if got := dobLevel(tc.a, tc.b); got != tc.want {
			t.Errorf("dobLevel(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestNormalizeStreet(t *testing.T) {
	for _, tc := range []struct{ in, house, street, unit string }{
		{"12 Oak Street Apartment 4b", "12", "OAK ST", "APT 4B"},
		{"12 oak st. apt 4B", "12", "OAK ST", "APT 4B"},
		{"1600 North Elm Avenue # 7", "1600", "N ELM AVE", "# 7"},
		{"500 Main St Suite 200", "500", "MAIN ST", "STE 200"},
		{"10 High Street Flat 2", "10", "HIGH ST", "APT 2"}, // Britain's flat
	} {
		h, s, u := NormalizeStreet(tc.in)
		if h != tc.house || s != tc.street || u != tc.unit {
			t.Errorf("NormalizeStreet(%q) = %q %q %q, want %q %q %q", tc.in, h, s, u, tc.house, tc.street, tc.unit)
		}
	}
}

func rec(key string, vals ...string) *Record {
	var vs []Value
	for i := 0; i+1 < len(vals); i += 2 {
		vs = append(vs, Value{Type: breachkit.Element(vals[i]), Value: vals[i+1], Order: int64(i)})
	}
	r := BuildRecord(key, vs)
	return &r
}

// TestGuards checks that over-merging is refused: different valid SSNs
// never end in one person however alike the rest is, and an office phone
// shared by many different people is not evidence.
func TestGuards(t *testing.T) {
	for _, tc := range []struct {
		name    string
		recs    []*Record
		people  int
		generic int
	}{
		{"twins-different-ssn", []*Record{
			rec("a", "PERSON_NAME", "John Smith", "DOB", "1980-01-02", "SSN", "123-45-6780", "ADDRESS", "1 Oak St, Austin, TX 78701", "EMAIL", "js@example.com"),
			rec("b", "PERSON_NAME", "John Smith", "DOB", "1980-01-02", "SSN", "234-56-7891", "ADDRESS", "1 Oak St, Austin, TX 78701"),
			rec("c", "PERSON_NAME", "John Smith", "EMAIL", "js@example.com"),
		}, 2, 0},
		{"same-ssn-formats", []*Record{
			rec("a", "PERSON_NAME", "Robert Quincy", "SSN", "123-45-6780"),
			rec("b", "PERSON_NAME", "Bob Quincy", "SSN", "123 45 6780"),
		}, 1, 0},
		{"office-phone", []*Record{
			rec("a", "PERSON_NAME", "Ann Lee", "DOB", "1970-01-01", "PHONE", "212-555-0100"),
			rec("b", "PERSON_NAME", "Bo Park", "DOB", "1971-02-02", "PHONE", "212-555-0100"),
			rec("c", "PERSON_NAME", "Cy Diaz", "DOB", "1972-03-03", "PHONE", "212-555-0100"),
			rec("d", "PERSON_NAME", "Di Wong", "DOB", "1973-04-04", "PHONE", "212-555-0100"),
			rec("e", "PERSON_NAME", "Ed Khan", "DOB", "1974-05-05", "PHONE", "212-555-0100"),
		}, 5, 1},
		// A father and a son of one name at one address, with one home
		// phone and no SSN: the generations keep them apart, while a
		// record with no suffix may join either.
		{"father-and-son", []*Record{
			rec("a", "PERSON_NAME", "Walter Briggs Sr.", "ADDRESS", "9 Elm St, Dayton, OH 45402", "PHONE", "937-555-0142"),
			rec("b", "PERSON_NAME", "Walter Briggs Jr.", "ADDRESS", "9 Elm St, Dayton, OH 45402", "PHONE", "937-555-0142", "EMAIL", "wbriggs@example.com"),
			rec("c", "PERSON_NAME", "BRIGGS, WALTER JR", "ADDRESS", "9 Elm St, Dayton, OH 45402", "EMAIL", "wbriggs@example.com"),
			rec("d", "PERSON_NAME", "Walter Briggs", "EMAIL", "wbriggs@example.com"),
		}, 2, 0},
		// The same, with both dates of birth: the pair's weight counts
		// the dates, and the name and address outweigh them, but the
		// generations still keep them apart.
		{"father-and-son-dob", []*Record{
			rec("a", "PERSON_NAME", "Walter Briggs Sr.", "ADDRESS", "9 Elm St, Dayton, OH 45402", "DOB", "1950-03-14"),
			rec("b", "PERSON_NAME", "Walter Briggs Jr.", "ADDRESS", "9 Elm St, Dayton, OH 45402", "DOB", "1978-06-02"),
		}, 2, 0},
		// A father and a son with no suffix: one name, one address, one
		// home phone, birth dates a generation apart.
		{"father-and-son-no-suffix", []*Record{
			rec("a", "PERSON_NAME", "Walter Briggs", "ADDRESS", "9 Elm St, Dayton, OH 45402", "DOB", "1950-03-14", "PHONE", "937-555-0142"),
			rec("b", "PERSON_NAME", "Walter Briggs", "ADDRESS", "9 Elm St, Dayton, OH 45402", "DOB", "1978-06-02", "PHONE", "937-555-0142"),
			rec("c", "PERSON_NAME", "Walter Briggs", "ADDRESS", "9 Elm St, Dayton, OH 45402", "DOB", "1978-06-02"),
		}, 2, 0},
		// A student and a parent: one surname, one address, nothing of
		// their own in common. Their different given names keep them
		// apart, however few the records; a nickname does not.
		{"household", []*Record{
			rec("a", "PERSON_NAME", "Ava Ortiz", "DOB", "2011-09-12", "ADDRESS", "55 Main St, Fort Collins, CO 80524"),
			rec("b", "PERSON_NAME", "Luis Ortiz", "EMAIL", "ortiz.fam@example.com", "ADDRESS", "55 Main St, Fort Collins, CO 80524"),
			rec("c", "PERSON_NAME", "Lou Ortiz", "ADDRESS", "55 Main St, Fort Collins, CO 80524", "PHONE", "970-362-0188"),
		}, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewResolver(DefaultOptions())
			for _, x := range tc.recs {
				r.Add(x)
			}
			res, err := r.Resolve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.Stats.People != tc.people {
				t.Errorf("%d people, want %d", res.Stats.People, tc.people)
			}
			if g := res.Stats.Generic["PHONE"]; g != tc.generic {
				t.Errorf("%d generic phones, want %d", g, tc.generic)
			}
			var n int
			var names []string
			seal := func(b []byte) breachkit.Sealed { return breachkit.Sealed(b) }
			sum, err := res.Build(seal, func(p *breachkit.Person) error {
				n++
				var prof Profile
				if err := json.Unmarshal(p.Profile, &prof); err != nil {
					t.Fatal(err)
				}
				names = append(names, prof.FullName())
				if tc.name == "household" && prof.Given == "Ava" && prof.BirthDate != "2011-09-12" {
					t.Errorf("Ava's birth date %q, want 2011-09-12", prof.BirthDate)
				}
				return nil
			})
			if err != nil || sum.People != tc.people {
				t.Errorf("Build: %d people, err %v", sum.People, err)
			}
			if tc.name == "father-and-son" {
				slices.Sort(names)
				if want := []string{"Walter Briggs Jr.", "Walter Briggs Sr."}; !slices.Equal(names, want) {
					t.Errorf("names %q, want %q", names, want)
				}
			}
		})
	}
}

// TestHouseNumberColumn checks that a house number kept in a column of
// its own joins its street, before it or after it, and that a street that
// has its number keeps it.
func TestHouseNumberColumn(t *testing.T) {
	part := func(p, v string, order int64) Value {
		return Value{Type: breachkit.Address, Part: p, Value: v, Order: order}
	}
	for _, c := range []struct {
		name string
		vals []Value
		want string
	}{
		{"number first", []Value{part("number", "4421", 0), part("street", "Cedar Lane", 1), part("city", "Austin", 2), part("state", "TX", 3), part("zip", "78745", 4)}, "4421 Cedar Lane"},
		{"street first", []Value{part("street", "wallaby place", 0), part("number", "7", 1), part("city", "cleveland", 2)}, "7 wallaby place"},
		{"street with its number", []Value{part("number", "12", 0), part("street", "88 Old Country Rd", 1)}, "88 Old Country Rd"},
	} {
		r := BuildRecord("k", c.vals)
		if len(r.Addresses) == 0 || r.Addresses[0].Street != c.want {
			t.Errorf("%s: addresses %+v, want street %q", c.name, r.Addresses, c.want)
		}
	}
}
