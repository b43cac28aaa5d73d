package people

import (
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestSplitByName(t *testing.T) {
	v := func(e breachkit.Element, s string, at int64) Value { return Value{Type: e, Value: s, Order: at} }
	memo := []Value{
		v(breachkit.SSN, "412-55-8901", 30), v(breachkit.PersonName, "Jennifer Martinez", 10), v(breachkit.DOB, "06/12/1979", 50),
		v(breachkit.PersonName, "Robert T. Kim", 100), v(breachkit.SSN, "523 44 9012", 130),
		v(breachkit.PersonName, "Kim, Patricia", 200), v(breachkit.Email, "pkim@example.com", 260),
		v(breachkit.Phone, "503-555-0177", 5), // before any name: the first person's
	}
	finds := make([]FindingRef, len(memo))
	for i := range finds {
		finds[i] = FindingRef{ID: int64(i + 1)}
	}
	all := func(n int, b bool) []bool {
		f := make([]bool, n)
		for i := range f {
			f[i] = b
		}
		return f
	}
	// An e-mail: the sender's name and address from the headers, then a
	// body about two customers.
	mail := []Value{
		v(breachkit.PersonName, "Agent Smith", 1), v(breachkit.Email, "agent@example.com", 2),
		v(breachkit.PersonName, "Robert Kim", 100), v(breachkit.SSN, "523 44 9012", 130),
		v(breachkit.PersonName, "Patricia Kim", 200), v(breachkit.SSN, "601-23-4455", 230),
	}
	// A letter: the address block, the salutation naming the person
	// again, the SSN in the body, the signatory.
	letter := []Value{
		v(breachkit.PersonName, "Ana Souza", 10), v(breachkit.Address, "4417 Birchwood Lane", 20),
		v(breachkit.PersonName, "ANA  souza", 50), v(breachkit.SSN, "383-41-8663", 90),
		v(breachkit.PersonName, "Dana Whitfield", 200),
	}
	// A letter on one page: the sender's letterhead, then the addressee's
	// block; with and without a signature naming someone else.
	page := []Value{
		v(breachkit.Address, "PO Box 1000, Dallas, TX 75201", 5), v(breachkit.Phone, "800-555-0199", 6),
		v(breachkit.PersonName, "Ana Souza", 10), v(breachkit.Address, "2093 Highland St\nGlen Springs, NC 28277", 20),
		v(breachkit.SSN, "383-41-8663", 90), v(breachkit.PersonName, "Maria Lopez", 200),
	}
	tests := []struct {
		name  string
		vals  []Value
		fixed []bool
		want  [][]int64 // finding IDs per group
	}{
		{"a letter names its person twice", letter, all(len(letter), false), [][]int64{{1, 2, 3, 4}, {5}}},
		{"memo of three people", memo, all(len(memo), false), [][]int64{{8, 2, 1, 3}, {4, 5}, {6, 7}}},
		{"a row is one person", memo, all(len(memo), true), [][]int64{{1, 2, 3, 4, 5, 6, 7, 8}}},
		{"one name", memo[:3], all(3, false), [][]int64{{1, 2, 3}}},
		{"a letterhead is nobody's", page, all(len(page), false), [][]int64{{3, 4, 5}, {6}, {1, 2}}},
		{"a letterhead, one name", page[:5], all(5, false), [][]int64{{3, 4, 5}, {1, 2}}},
		{"an address before the only one", page[:3], all(3, false), [][]int64{{1, 2, 3}}},
		{"a greeting by the given name of a full name", []Value{
			v(breachkit.PersonName, "Maria Lopez", 1), v(breachkit.PersonName, "Ana", 10), v(breachkit.PersonName, "Ana Souza", 50), v(breachkit.SSN, "383-41-8663", 90),
		}, all(4, false), [][]int64{{1}, {2, 3, 4}}},
		{"an e-mail's body before a name is its sender's", page[:5], []bool{false, false, false, false, true}, [][]int64{{1, 2, 3, 4, 5}}},
		{"mail headers go with the first", mail, []bool{true, true, false, false, false, false}, [][]int64{{3, 4, 1, 2}, {5, 6}}},
	}
	for _, tt := range tests {
		gs := splitByName(tt.vals, finds[:len(tt.vals)], tt.fixed)
		var got [][]int64
		for _, g := range gs {
			var ids []int64
			for _, f := range g.finds {
				ids = append(ids, f.ID)
			}
			if len(g.finds) != len(g.vals) {
				t.Errorf("%s: %d values but %d findings in a group", tt.name, len(g.vals), len(g.finds))
			}
			got = append(got, ids)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d groups %v, want %v", tt.name, len(got), got, tt.want)
			continue
		}
		for i := range got {
			if !equalIDs(got[i], tt.want[i]) {
				t.Errorf("%s: group %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSplitCo(t *testing.T) {
	row := []Value{
		{Type: breachkit.PersonName, Value: "Ann Berg", Order: 0},
		{Type: breachkit.SSN, Value: "212-45-6791", Order: 1},
		{Type: breachkit.Address, Value: "12 Elm St, Salem, OR 97301", Order: 2},
		{Type: breachkit.PersonName, Value: "Luis Perez", Order: 3},
		{Type: breachkit.SSN, Value: "383-41-8663", Order: 4},
		{Type: breachkit.BankAccount, Value: "004412345678", Order: 5},
	}
	reasons := [][]string{{"header:Borrower Name"}, {"header:SSN"}, {"header:Property Address"}, {"header:Co-Borrower Name"}, {"header:CoBorrower_SSN"}, {"header:Account"}}
	finds := make([]FindingRef, len(row))
	fixed, co := make([]bool, len(row)), make([]int, len(row))
	for i := range row {
		finds[i] = FindingRef{ID: int64(i + 1)}
		fixed[i], co[i] = structured(reasons[i]), coColumn(reasons[i])
	}
	first, others := splitCo(row, finds, fixed, co)
	second := others[0]
	ids := func(fs []FindingRef) []int64 {
		var out []int64
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	if got := ids(first.finds); !equalIDs(got, []int64{1, 2, 3, 6}) {
		t.Errorf("first person's findings %v, want [1 2 3 6]", got)
	}
	if got := ids(second.finds); !equalIDs(got, []int64{4, 5}) {
		t.Errorf("co-borrower's findings %v, want [4 5]", got)
	}
	var addr bool
	for _, v := range second.vals {
		addr = addr || v.Type == breachkit.Address
		if v.Type == breachkit.BankAccount {
			t.Error("the co-borrower took the loan's account")
		}
	}
	if !addr {
		t.Error("the co-borrower has no address")
	}
	// A patient's guarantor and emergency contact are neither the
	// patient nor one another.
	for h, want := range map[string]int{"Co-Borrower SSN": 1, "Guarantor SSN": 2, "Emergency Contact Name": 3, "Next of Kin": 3, "Beneficiary Name": 4, "Authorized User": 6,
		"Patient Name": 0, "SSN": 0, "Contact Name": 0, "Borrower Phone": 0,
		"Secondary Name": 1, "SS# Secondary": 1, "Birth Date Secondary": 1, "Secondary Phone": 0, "Secondary Email": 0, "Primary Name": 0,
		"soc_sec_id": 0, "Social Sec #": 0, "Sec SSN": 1,
		"Joint Account Holder": 1, "Joint Holder SSN": 1, "Account Holder": 0,
		"Parent Email": 7, "Parent/Guardian Name": 5, "Mother Phone": 8, "Father Name": 9, "Parent 2 Email": numberedCo + 6*10 + 2, "Mother's Maiden Name": 0, "Parent Company Phone": 0} {
		if got := coColumn([]string{"header:" + h}); got != want {
			t.Errorf("coColumn(%q) = %d, want %d", h, got, want)
		}
	}
	patient := []Value{{Type: breachkit.PersonName, Value: "Ann Berg"}, {Type: breachkit.Address, Value: "12 Elm St, Salem, OR 97301"},
		{Type: breachkit.SSN, Value: "383-41-8663"}, {Type: breachkit.PersonName, Value: "Luis Berg"}}
	p, o := splitCo(patient, []FindingRef{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}}, make([]bool, 4), []int{0, 0, 2, 3})
	if len(p.finds) != 2 || len(o[0].vals) != 0 || len(o[1].finds) != 1 || len(o[2].finds) != 1 {
		t.Errorf("patient %v, co-borrower %v, guarantor %v, contact %v", p.finds, o[0].vals, o[1].finds, o[2].finds)
	}
	// A row without co-borrower columns is one person.
	if _, o := splitCo(row[:3], finds[:3], fixed[:3], co[:3]); o != nil {
		t.Error("a row without a co-borrower was split")
	}
}

// TestPOBoxStreet checks that a PO box given as an address line is the
// street of a deliverable address, not a city.
func TestPOBoxStreet(t *testing.T) {
	for _, box := range []string{"PO Box 1234", "P.O. BOX 99", "po box 7"} {
		r := BuildRecord("row", []Value{
			{Type: breachkit.PersonName, Value: "Ann Berg", Order: 0},
			{Type: breachkit.Address, Value: box, Order: 1},
			{Type: breachkit.Address, Value: "Boston", Order: 2},
			{Type: breachkit.Address, Value: "MA", Order: 3},
			{Type: breachkit.Address, Value: "02110", Order: 4},
		})
		if len(r.Addresses) == 0 || r.Addresses[0].Street != box || r.Addresses[0].City != "Boston" {
			t.Errorf("%q: %d addresses, the first without the box as street and Boston as city", box, len(r.Addresses))
			continue
		}
		if q := addressQuality(&r.Addresses[0]); q != QualityDeliverable {
			t.Errorf("%q: quality %s, want deliverable", box, q)
		}
	}
	if isPOBox("Pobox Street") || isPOBox("POBOXER") {
		t.Error("a word beginning with pobox taken for a PO box")
	}
}

// TestZIPLeadingZero checks that a ZIP code column that lost its leading
// zero to a spreadsheet (2134 for 02134) still places the person.
func TestZIPLeadingZero(t *testing.T) {
	r := BuildRecord("row", []Value{
		{Type: breachkit.PersonName, Value: "Ann Berg", Part: "full", Order: 0},
		{Type: breachkit.Address, Value: "12 Oak St", Part: "street", Order: 1},
		{Type: breachkit.Address, Value: "Boston", Part: "city", Order: 2},
		{Type: breachkit.Address, Value: "2110", Part: "zip", Order: 3},
	})
	if len(r.Addresses) == 0 || r.Addresses[0].ZIP != "02110" {
		t.Fatalf("addresses %+v, want the ZIP 02110", r.Addresses)
	}
	if got := padZIP("2019 Main"); got != "2019 Main" {
		t.Errorf("padZIP changed %q", got)
	}
}

// TestWholeAddressAbroadInStreetColumn checks that an address column's
// whole address abroad, which scan reports as a street line for want of
// a state in it, places its person in the country of its postal code or
// city, and that a US street line with a unit after a comma stays the
// street line of the columns after it.
func TestWholeAddressAbroadInStreetColumn(t *testing.T) {
	tests := []struct{ in, city, country string }{
		{"10 High Street, Oxford OX1 4AB", "Oxford", "GB"},
		{"Lindenstraße 14, 80331 München", "München", "DE"},
		{"Flat 3B, 22 MG Road, Bengaluru, Karnataka 560001", "Bengaluru", "IN"},
		{"Rua Augusta, 1500, Consolação, São Paulo - SP, 01305-100", "", "BR"},
	}
	for _, tt := range tests {
		r := BuildRecord("row", []Value{
			{Type: breachkit.PersonName, Value: "Ann Berg", Part: "full", Order: 0},
			{Type: breachkit.Address, Value: tt.in, Part: "street", Order: 1},
		})
		if len(r.Addresses) != 1 || r.Addresses[0].City != tt.city || r.Addresses[0].ZIP == "" || countryOf(&r.Addresses[0]) != tt.country {
			t.Errorf("%q: addresses %+v, want one in %q, %q", tt.in, r.Addresses, tt.city, tt.country)
		}
	}
	r := BuildRecord("row", []Value{
		{Type: breachkit.Address, Value: "500 Main St, Apt 7", Part: "street", Order: 1},
		{Type: breachkit.Address, Value: "Dallas", Part: "city", Order: 2},
		{Type: breachkit.Address, Value: "TX", Part: "state", Order: 3},
		{Type: breachkit.Address, Value: "75202", Part: "zip", Order: 4},
	})
	if len(r.Addresses) != 1 || r.Addresses[0].City != "Dallas" || r.Addresses[0].ZIP != "75202" {
		t.Errorf("US street line with a unit: addresses %+v", r.Addresses)
	}
}

// TestLocalityLine checks that an address split over cells ("Bill to 2",
// "Bill to 3" of an invoice export) is one address: the street found in
// one cell, the city, state and ZIP Code in the next.
func TestLocalityLine(t *testing.T) {
	r := BuildRecord("row", []Value{
		{Type: breachkit.PersonName, Value: "Ann Berg", Part: "full", Order: 0},
		{Type: breachkit.Address, Value: "12 Oak St", Order: 1},
		{Type: breachkit.Address, Value: "Dayton, OH 45402", Part: "locality", Order: 2},
		{Type: breachkit.Address, Value: "Toronto, ON M5V 2T6", Part: "locality", Order: 3},
	})
	if len(r.Addresses) != 2 {
		t.Fatalf("addresses %+v, want two", r.Addresses)
	}
	var first, second Address
	for _, a := range r.Addresses {
		if a.Street != "" {
			first = a
		} else {
			second = a
		}
	}
	if first.Street != "12 Oak St" || first.City != "Dayton" || first.State != "OH" || first.ZIP != "45402" {
		t.Errorf("first address %+v", first)
	}
	if second.City != "Toronto" || second.State != "ON" || second.ZIP != "M5V 2T6" {
		t.Errorf("second address %+v", second)
	}
}

// TestStateZIPColumn checks the state and ZIP Code that scan reports from
// one "State Zip" cell as two parts of the same address.
func TestStateZIPColumn(t *testing.T) {
	r := BuildRecord("row", []Value{
		{Type: breachkit.PersonName, Value: "Ann Berg", Part: "full", Order: 0},
		{Type: breachkit.Address, Value: "12 Oak St", Part: "street", Order: 1},
		{Type: breachkit.Address, Value: "Dayton", Part: "city", Order: 2},
		{Type: breachkit.Address, Value: "OH", Part: "state", Order: 3},
		{Type: breachkit.Address, Value: "45402", Part: "zip", Order: 3},
	})
	if len(r.Addresses) != 1 {
		t.Fatalf("addresses %+v, want one", r.Addresses)
	}
	if a := r.Addresses[0]; a.Street != "12 Oak St" || a.City != "Dayton" || a.State != "OH" || a.ZIP != "45402" {
		t.Errorf("address %+v", a)
	}
}

// TestJoinedAddress checks an address whose lines a mailing-list export
// joined with runs of blanks, the country last.
func TestJoinedAddress(t *testing.T) {
	for _, s := range []string{"4417 Birchwood Lane  Apt 2  Dayton  OH  45402  US", "4417 Birchwood Lane Apt 2  Dayton OH 45402 US"} {
		a := parseFullAddress(s)
		if !strings.HasPrefix(a.Street, "4417 Birchwood Lane") || a.City != "Dayton" || a.State != "OH" || a.ZIP != "45402" {
			t.Errorf("parseFullAddress(%q) = %+v", s, a)
		}
	}
}

// TestAddressLastLines checks the last lines of addresses as letters and
// forms set them: a dash before the town, the ZIP Code or the country
// set off by commas, the state on a line of its own, no blank after the
// comma.
func TestAddressLastLines(t *testing.T) {
	tests := []struct{ in, street, city, state, zip string }{
		{"2590 Elm Road NE - Warren, OH 44483", "2590 Elm Road NE", "Warren", "OH", "44483"},
		{"1100 Virginia Dr\nFort Washington, PA, 19034", "1100 Virginia Dr", "Fort Washington", "PA", "19034"},
		{"2755 Carpenter Rd Suite 1W\nAnn Arbor, MI, US, 48108", "2755 Carpenter Rd Suite 1W", "Ann Arbor", "MI", "48108"},
		{"25 Harbor Park Drive\nPort Washington\nNY 11050", "25 Harbor Park Drive", "Port Washington", "NY", "11050"},
		{"899 Heathrow Park Ln\nLake Mary,FL 32746", "899 Heathrow Park Ln", "Lake Mary", "FL", "32746"},
		{"1450 E. Chestnut Avenue, Vineland NJ", "1450 E. Chestnut Avenue", "Vineland", "NJ", ""},
		{"128 Sunset Drive, Austin Tx 78755", "128 Sunset Drive", "Austin", "Tx", "78755"},
		{"12 Main St, Springfield Illinois 62704", "12 Main St", "Springfield", "Illinois", "62704"},
		{"1200 Oak Street\nWilkes-Barre, PA 18701", "1200 Oak Street", "Wilkes-Barre", "PA", "18701"},
		{"100 Main St, Winston-Salem, NC 27101-4120", "100 Main St", "Winston-Salem", "NC", "27101-4120"},
		{"12 Elm St., Mt. Pleasant, SC 29464", "12 Elm St.", "Mt. Pleasant", "SC", "29464"},
		{"4471 LARKSPUR LN APT 12\nCity, state, and ZIP code\nTULSA, OK 74105", "4471 LARKSPUR LN APT 12", "TULSA", "OK", "74105"},
		{"400 Sherman Ave\nCoeur d'Alene, ID 83814", "400 Sherman Ave", "Coeur d'Alene", "ID", "83814"},
		{"1 Oak Dr, La Cañada Flintridge, CA 91011", "1 Oak Dr", "La Cañada Flintridge", "CA", "91011"},
		{"77 Ocean Blvd, Isle of Palms, SC 29451", "77 Ocean Blvd", "Isle of Palms", "SC", "29451"},
		{"4417 Birchwood Ln, Dayton OH, 45402", "4417 Birchwood Ln", "Dayton", "OH", "45402"},
		{"Box 63, Cordova, AK 99574", "Box 63", "Cordova", "AK", "99574"},
		// The unit first, as British addresses write it.
		{"Apartment 4B, 77 Beacon St, Boston MA 02108", "77 Beacon St Apartment 4B", "Boston", "MA", "02108"},
		{"Flat 2, 10 High Street, Oxford OX1 4AB", "10 High Street Flat 2", "Oxford", "", "OX1 4AB"},
		{"405, rue Sainte-Catherine Est\nMontréal (Québec) H2L 2C4", "405 rue Sainte-Catherine Est", "Montréal", "Québec", "H2L 2C4"},
		// The town alone: no street line to mail to.
		{"Sacramento, CA 95814", "", "Sacramento", "CA", "95814"},
		{"Palm Springs, CA 92262", "", "Palm Springs", "CA", "92262"},
		{"Dayton OH 45402", "", "Dayton", "OH", "45402"},
		{"One Main Street, MA 02142", "One Main Street", "", "MA", "02142"},
	}
	for _, tt := range tests {
		a := parseFullAddress(tt.in)
		if a.Street != tt.street || a.City != tt.city || a.State != tt.state || a.ZIP != tt.zip {
			t.Errorf("parseFullAddress(%q) = %+v", tt.in, a)
		}
	}
}

// TestPostcodeCountry checks the addresses whose postal code alone says
// their country: Brazil's and Portugal's, which no US ZIP Code is.
func TestPostcodeCountry(t *testing.T) {
	for in, want := range map[string]string{
		"Rua Augusta, 1500, Consolação, São Paulo - SP, 01305-100":                   "BR",
		"Rua Garrett 19, 1200-203 Lisboa":                                            "PT",
		"100 Main St, Winston-Salem, NC 27101-4120":                                  "",
		"Calle de Alcalá 48, 28014 Madrid":                                           "",
		"ul. Marszałkowska 1, 00-624 Warszawa":                                       "PL",
		"Keizersgracht 123, 1015 CJ Amsterdam":                                       "NL",
		"Drottninggatan 10, 111 51 Stockholm":                                        "SE",
		"12 Main St, Springfield, IL 62704":                                          "",
		"Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México": "MX",
		"1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002":                                  "JP",
		"〒150-0002 東京都渋谷区渋谷1-2-3":                                                    "JP",
	} {
		if got := parseFullAddress(in).Country; got != want {
			t.Errorf("parseFullAddress(%q).Country = %q, want %q", in, got, want)
		}
	}
}

// TestIndianAddress checks India's forms: the six-digit PIN code with its
// state or a city of India beside it, not a six-digit number alone.
func TestIndianAddress(t *testing.T) {
	tests := []struct{ in, street, unit, city, state, zip, country string }{
		{"Flat 3B, 22 MG Road, Bengaluru, Karnataka 560001", "22 MG Road Flat 3B", "", "Bengaluru", "Karnataka", "560001", "IN"},
		{"22 MG Road, Bengaluru 560001, Karnataka", "22 MG Road", "", "Bengaluru", "Karnataka", "560001", "IN"},
		{"12 Marine Drive, Churchgate, Mumbai, Maharashtra - 400020", "12 Marine Drive", "Churchgate", "Mumbai", "Maharashtra", "400020", "IN"},
		{"4 Janpath, New Delhi 110001", "4 Janpath", "", "New Delhi", "", "110001", "IN"},
		{"14 Park Street, Kolkata 700 016", "14 Park Street", "", "Kolkata", "", "700 016", "IN"},
		{"Unit 123456, Springfield", "Unit 123456", "", "Springfield", "", "", ""},
		{"PO Box 4471, Dallas 752011", "PO Box 4471", "", "Dallas 752011", "", "", ""}, // a mistyped ZIP Code, no PIN
	}
	for _, tt := range tests {
		a := parseFullAddress(tt.in)
		if a.Street != tt.street || a.Unit != tt.unit || a.City != tt.city || a.State != tt.state || a.ZIP != tt.zip || countryOf(&a) != tt.country {
			t.Errorf("parseFullAddress(%q) = %+v (country %q)", tt.in, a, countryOf(&a))
		}
	}
}

// TestQuebecAddress checks Québec's own form of an address's last line,
// the province in brackets between the town and the postal code.
func TestQuebecAddress(t *testing.T) {
	a := parseFullAddress("1234 rue Sherbrooke Ouest, Montréal (Québec) H3A 1G1")
	if a.Street != "1234 rue Sherbrooke Ouest" || a.City != "Montréal" || a.State != "Québec" || a.ZIP != "H3A 1G1" {
		t.Errorf("got %+v", a)
	}
}

// FuzzParseFullAddress checks that any value scan reports as a whole
// address is split without a panic, and that every part it returns is
// text of the value.
func FuzzParseFullAddress(f *testing.F) {
	for _, s := range []string{"4417 Birchwood Ln, Dayton OH, 45402", "405, rue Sainte-Catherine Est\nMontréal (Québec) H2L 2C4", ",", " , 45402", "OH, 45402",
		"12 rue de la Paix, 75002 Paris, France", "2590 Elm Road NE - Warren, OH 44483", "a  b  c", "Ann Arbor, MI, US, 48108", "22 MG Road, Bengaluru 560001, Karnataka", ", Karnataka", "560001, Karnataka", "〒150-0002 東京都渋谷区渋谷1-2-3", "〒", "〒150-000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := parseFullAddress(s)
		for _, p := range []string{a.Street, a.City, a.State, a.ZIP} {
			for _, w := range strings.Fields(p) {
				if !strings.Contains(s, strings.Trim(w, "()")) {
					t.Fatalf("parseFullAddress(%q) = %+v: %q is not in the value", s, a, w)
				}
			}
		}
	})
}
