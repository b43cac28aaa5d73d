package address

import (
	"bytes"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/gazetteer"
)

// TestValidStateAbbr checks the table behind ValidState against the
// gazetteer (a state's or a Canadian province's abbreviation, or the
// Armed Forces' AA, AE and AP) for every
// pair of letters, in upper, lower and mixed case, and a few values that
// are not two letters.
func TestValidStateAbbr(t *testing.T) {
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for _, s := range []string{string([]rune{a, b}), string([]rune{a + 32, b + 32}), string([]rune{a, b + 32})} {
				_, want := gazetteer.StateByAbbr(s)
				if _, ok := gazetteer.Province(s); ok {
					want = true
				}
				if _, ok := gazetteer.AustralianState(s); ok {
					want = true
				}
				switch strings.ToUpper(s) {
				case "AA", "AE", "AP": // the Armed Forces'
					want = true
				}
				if got := ValidState(s); got != want {
					t.Errorf("ValidState(%q) = %v, gazetteer says %v", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "T", "T1", "1X", " tx ", "@X", "Texas", "new york", "Z{"} {
		_, want := gazetteer.StateByAbbr(s)
		if len(s) != 2 {
			_, want = gazetteer.StateByName(s)
			if !want {
				_, want = gazetteer.StateByAbbr(s)
			}
		}
		if got := ValidState(s); got != want {
			t.Errorf("ValidState(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestMilitaryStreet checks the street lines of APO, FPO and DPO
// addresses.
func TestMilitaryStreet(t *testing.T) {
	for s, want := range map[string]bool{
		"USNS Harris": true, "USS Nimitz (CVN 68)": true, "USCGC Healy": true, "PSC 1234 Box 5678": true, "Unit 2050 Box 4190": true,
		"USS": false, "USSR Street": false, "USS lowercase": false,
	} {
		if got := ValidStreet(s); got != want {
			t.Errorf("ValidStreet(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFindEnds pins where an address in text ends: with its city and
// state when no ZIP Code follows, but only when the state ends the
// clause; after a road's number; after "in" and the city; over a form's
// label for the city line, and no other line.
func TestFindEnds(t *testing.T) {
	for _, c := range []struct {
		text, want string
		full       bool
	}{
		{"19 Birch Lane, Burlington, Vermont.", "19 Birch Lane, Burlington, Vermont", true},
		{"5 Fuller Rd, Boston, Mass. 02134", "5 Fuller Rd, Boston, Mass. 02134", true},
		{"40 Elm St, Austin, TX and then", "40 Elm St, Austin, TX", true},
		{"12 Main St, Springfield, Illinoisan history", "12 Main St", false},
		{"12 Main St, Springfield, IL 6270", "12 Main St", false},
		{"1523 County Road 12, Rural Hall, North Carolina 27045", "1523 County Road 12, Rural Hall, North Carolina 27045", true},
		{"88 Old Country Rd in Mineola, NY 11501.", "88 Old Country Rd in Mineola, NY 11501", true},
		{"88 Old Country Rd in the morning", "88 Old Country Rd", false},
		{"7 Main St 12345 units", "7 Main St", false},
		{"12 rue de la Paix, 75002 Paris, et", "12 rue de la Paix, 75002 Paris", true},
		{"12 Place Street, Denver, CO 80202", "12 Place Street, Denver, CO 80202", true},
		{"4 rue de la Paix est belle", "", false},
		{"4471 LARKSPUR LN\nCity, state, and ZIP code\nTULSA, OK 74105", "4471 LARKSPUR LN\nCity, state, and ZIP code\nTULSA, OK 74105", true},
		{"4471 Larkspur Ln\nCity hall is closed\nTULSA, OK 74105", "4471 Larkspur Ln", false},
		{"4471 Larkspur Ln\nCity and state\nTULSA, OK 74105", "4471 Larkspur Ln", false},
		{"2229 18 Mile Road, Sterling Heights, MI 48314", "2229 18 Mile Road, Sterling Heights, MI 48314", true},
		{"9 Oak St, Boston of course, MA 02110", "9 Oak St", false},
	} {
		end, full, _ := Find([]byte(c.text), 0)
		if got := c.text[:end]; got != c.want || full != c.full {
			t.Errorf("Find(%q) = %q, %v; want %q, %v", c.text, got, full, c.want, c.full)
		}
	}
}

// FuzzFinders checks that FindMilitary, FindPuertoRico and houseNumber
// never read past their text and return 0 or an end after their start
// within it, and that ValidFull takes any value.
func FuzzFinders(f *testing.F) {
	for _, s := range []string{"Unit 2050 Box 4190, APO AP 96278-4190", "PSC 1234, Box 5678\n  APO AE 09204", "USS Nimitz (CVN 68), FPO AP 96620",
		"USS A B C D (", "CMR 4 Box", "Unit 1 Box 2,\r\nDPO AA 34035-", "PO Box 4417, Tulsa, OK 74159",
		"Urb. Las Lomas, Calle 5 #123, San Juan, PR 00921", "URB A\r\n1 CALLE 1\r\n\r\nB PR 00961-0123", ":,PR 00700", "N6W23880 Bluemound Rd", "123-45 Q", "1 1/2 "} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		b := []byte(s)
		if i < 0 || i >= len(b) {
			i = 0
		}
		if len(b) == 0 {
			return
		}
		if e := FindMilitary(b, i); e != 0 && (e <= i || e > len(b)) {
			t.Fatalf("FindMilitary(%q, %d) = %d", s, i, e)
		}
		if k := bytes.Index(b, []byte("PR 0")); k >= 0 {
			if st, e := FindPuertoRico(b, k+3); e != 0 && (st < 0 || st >= e || e > len(b)) {
				t.Fatalf("FindPuertoRico(%q, %d) = %d, %d", s, k+3, st, e)
			}
		}
		if e := houseNumber(b, i); e != 0 && (e <= i || e > len(b)) {
			t.Fatalf("houseNumber(%q, %d) = %d", s, i, e)
		}
		ValidFull(s)
	})
}

// TestColumnLocality reads the city line of an address printed in a
// column beside others, and only under its street.
func TestColumnLocality(t *testing.T) {
	for _, c := range []struct {
		text, want string
	}{
		{"   4417 BIRCHWOOD LN APT 2      Member Number: 0048213\n   DAYTON OH 45402-1187         Page 1\n", "DAYTON OH 45402-1187"},
		{"4417 Birchwood Ln      Acct 0048213\nDayton, OH 45402\n", "Dayton, OH 45402"},
		// Not under the street.
		{"   4417 BIRCHWOOD LN APT 2      Member Number: 0048213\n                                DAYTON OH 45402\n", ""},
		// No gutter: the line goes on with the address's own words.
		{"4417 Birchwood Ln apt 2\nDayton, OH 45402\n", ""},
		// A ZIP Code of another state.
		{"   4417 BIRCHWOOD LN      Member 0048213\n   DAYTON OH 90210\n", ""},
	} {
		end := strings.Index(c.text, "  ")
		if c.text[0] == ' ' {
			end = 3 + strings.Index(c.text[3:], "  ")
		}
		if i := strings.IndexByte(c.text, '\n'); end < 0 || end > i {
			end = i
		}
		st := strings.IndexAny(c.text, "0123456789")
		cs, ce := ColumnLocality([]byte(c.text), st, end)
		if got := c.text[cs:ce]; got != c.want {
			t.Errorf("ColumnLocality(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
