package people

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

// TestCountryJurisdiction places people by the country of their address:
// a country column, or a country ending a whole address, decides before
// a postcode that happens to be a US ZIP Code (75002 is Allen, Texas, and
// a district of Paris); a US territory written as a country is that
// territory; a Canadian province or postal code is Canada, a UK postcode
// the United Kingdom, a Mexican state Mexico, an Australian state with a
// postcode Australia (WA only with a postcode of Western Australia's); a
// US address without a country stays with its state; a ZIP Code that a
// spreadsheet stored as a number gets its zero back, a postcode of four
// digits abroad (a country, a province, a street with its number last)
// does not; a city abroad that no US city of note shares (Zürich, Wien,
// Helsinki), beside no US state and no state's ZIP Code, and a postal
// code that only one country writes so (Brazil's 01310-100), name their
// country.
func TestCountryJurisdiction(t *testing.T) {
	for _, c := range []struct {
		name string
		vals []Value
		want string
	}{
		{"country column", []Value{{breachkit.Address, "street", "12 rue de la Paix", 1, 0}, {breachkit.Address, "zip", "75002", 2, 0}, {breachkit.Address, "city", "Paris", 3, 0}, {breachkit.Address, "country", "France", 4, 0}}, "FR"},
		{"country code", []Value{{breachkit.Address, "zip", "10115", 1, 0}, {breachkit.Address, "country", "DEU", 2, 0}}, "DE"},
		{"country alone", []Value{{breachkit.Address, "country", "United Kingdom", 1, 0}}, "GB"},
		{"whole address", []Value{{breachkit.Address, "full", "12 rue de la Paix, 75002 Paris, France", 1, 0}}, "FR"},
		{"us address, zip after the town", []Value{{breachkit.Address, "full", "12 Main St, Dallas, TX 75002", 1, 0}}, "US-TX"},
		{"territory", []Value{{breachkit.Address, "city", "San Juan", 1, 0}, {breachkit.Address, "country", "Puerto Rico", 2, 0}}, "US-PR"},
		{"united states", []Value{{breachkit.Address, "zip", "75002", 1, 0}, {breachkit.Address, "country", "USA", 2, 0}}, "US-TX"},
		{"us whole address", []Value{{breachkit.Address, "full", "2621 Washington Ave, Tulsa, OK 74103, United States", 1, 0}}, "US-OK"},
		{"state named like a country", []Value{{breachkit.Address, "full", "12 Peachtree St, Atlanta, Georgia", 1, 0}}, "US-GA"},
		{"canadian province", []Value{{breachkit.Address, "city", "Toronto", 1, 0}, {breachkit.Address, "state", "ON", 2, 0}}, "CA"},
		{"canadian postal code", []Value{{breachkit.Address, "zip", "H3Z 2Y7", 1, 0}}, "CA"},
		{"canadian whole address", []Value{{breachkit.Address, "full", "100 King St W, Toronto, ON M5V 2T6", 1, 0}}, "CA"},
		{"uk postcode", []Value{{breachkit.Address, "street", "10 Downing Street", 1, 0}, {breachkit.Address, "city", "London", 2, 0}, {breachkit.Address, "zip", "SW1A 2AA", 3, 0}}, "GB"},
		{"jersey postcode", []Value{{breachkit.Address, "street", "5 Bath St", 1, 0}, {breachkit.Address, "city", "St Helier", 2, 0}, {breachkit.Address, "zip", "JE2 4ST", 3, 0}}, "JE"},
		{"uk whole address", []Value{{breachkit.Address, "full", "221B Baker Street, London NW1 6XE", 1, 0}}, "GB"},
		{"mexican state", []Value{{breachkit.Address, "street", "Av. Vallarta 1200", 1, 0}, {breachkit.Address, "city", "Guadalajara", 2, 0}, {breachkit.Address, "state", "Jalisco", 3, 0}, {breachkit.Address, "zip", "44100", 4, 0}}, "MX"},
		{"australian state", []Value{{breachkit.Address, "street", "12 George St", 1, 0}, {breachkit.Address, "city", "Sydney", 2, 0}, {breachkit.Address, "state", "NSW", 3, 0}, {breachkit.Address, "zip", "2000", 4, 0}}, "AU"},
		{"western australia", []Value{{breachkit.Address, "city", "Perth", 1, 0}, {breachkit.Address, "state", "WA", 2, 0}, {breachkit.Address, "zip", "6000", 3, 0}}, "AU"},
		{"washington", []Value{{breachkit.Address, "city", "Seattle", 1, 0}, {breachkit.Address, "state", "WA", 2, 0}, {breachkit.Address, "zip", "98101", 3, 0}}, "US-WA"},
		{"city abroad, a code that is a ZIP Code's too", []Value{{breachkit.Address, "full", "123 Teheran-ro, Gangnam-gu, Seoul 06234", 1, 0}}, "KR"},
		{"city abroad, a code that is a ZIP Code's too (Thailand)", []Value{{breachkit.Address, "full", "99 Sukhumvit Road, Khlong Toei, Bangkok 10110", 1, 0}}, "TH"},
		{"a city abroad's name, a code of no length of its country's", []Value{{breachkit.Address, "full", "12 Main St, Delhi 13753", 1, 0}}, "US-NY"},
		{"japanese postcode", []Value{{breachkit.Address, "full", "1-2-3 Shibuya, Shibuya-ku, Tokyo 150-0002", 1, 0}}, "JP"},
		{"australian whole address", []Value{{breachkit.Address, "full", "5 Collins St, Melbourne VIC 3000", 1, 0}}, "AU"},
		{"brazilian cep", []Value{{breachkit.Address, "street", "Av. Paulista 1000", 1, 0}, {breachkit.Address, "city", "São Paulo", 2, 0}, {breachkit.Address, "state", "SP", 3, 0}, {breachkit.Address, "zip", "01310-100", 4, 0}}, "BR"},
		{"zip stored as a number", []Value{{breachkit.Address, "street", "Calle Sol 12", 1, 0}, {breachkit.Address, "zip", "907", 2, 0}}, "US-PR"},
		{"zip stored as a number, number first", []Value{{breachkit.Address, "street", "12 Oak St", 1, 0}, {breachkit.Address, "zip", "2134", 2, 0}, {breachkit.Address, "city", "Boston", 3, 0}}, "US-MA"},
		{"zip stored as a number, post office box", []Value{{breachkit.Address, "street", "PO Box 118", 1, 0}, {breachkit.Address, "zip", "1824", 2, 0}}, "US-MA"},
		{"zip stored as a number, state", []Value{{breachkit.Address, "street", "Route 9", 1, 0}, {breachkit.Address, "zip", "7040", 2, 0}, {breachkit.Address, "state", "NJ", 3, 0}}, "US-NJ"},
		{"four-digit postcode, country", []Value{{breachkit.Address, "street", "Rue de la Loi 16", 1, 0}, {breachkit.Address, "zip", "1000", 2, 0}, {breachkit.Address, "city", "Bruxelles", 3, 0}, {breachkit.Address, "country", "Belgium", 4, 0}}, "BE"},
		{"four-digit postcode, number last", []Value{{breachkit.Address, "street", "Bahnhofstrasse 1", 1, 0}, {breachkit.Address, "zip", "8001", 2, 0}, {breachkit.Address, "city", "Zürich", 3, 0}}, "CH"},
		{"four-digit postcode, province", []Value{{breachkit.Address, "street", "Mariahilfer Straße 10", 1, 0}, {breachkit.Address, "zip", "1070", 2, 0}, {breachkit.Address, "city", "Wien", 3, 0}, {breachkit.Address, "state", "Wien", 4, 0}}, "AT"},
		{"eircode", []Value{{breachkit.Address, "full", "12 O'Connell Street Upper, Dublin 1, D01 F5P2", 1, 0}}, "IE"},
		{"a city abroad, no state", []Value{{breachkit.Address, "full", "Mannerheimintie 1, 00100 Helsinki", 1, 0}}, "FI"},
		{"a district of a city abroad", []Value{{breachkit.Address, "full", "Vesterbrogade 12, 1620 København V", 1, 0}}, "DK"},
		{"a US city named like one abroad", []Value{{breachkit.Address, "full", "12 Main St, Lyon, MS 38645", 1, 0}}, "US-MS"},
	} {
		r := BuildRecord("r", c.vals)
		if len(r.Addresses) == 0 {
			t.Errorf("%s: no address", c.name)
			continue
		}
		if got, _ := jurisdiction(&r.Addresses[0]); got != c.want {
			t.Errorf("%s: jurisdiction %q, want %q (%+v)", c.name, got, c.want, r.Addresses[0])
		}
	}
	// A street and a UK postcode deliver: the postcode says the country.
	uk := BuildRecord("r", []Value{{breachkit.Address, "street", "10 Downing Street", 1, 0}, {breachkit.Address, "city", "London", 2, 0}, {breachkit.Address, "zip", "SW1A 2AA", 3, 0}})
	if q := addressQuality(&uk.Addresses[0]); q != QualityDeliverable {
		t.Errorf("UK address with a postcode: quality %s, want deliverable", q)
	}
	// A postcode of four digits abroad is printed as written: 01000 is
	// a ZIP Code, Brussels's is 1000.
	be := BuildRecord("r", []Value{{breachkit.Address, "street", "Rue de la Loi 16", 1, 0}, {breachkit.Address, "zip", "1000", 2, 0}, {breachkit.Address, "city", "Bruxelles", 3, 0}, {breachkit.Address, "country", "BE", 4, 0}})
	if z := be.Addresses[0].ZIP; z != "1000" {
		t.Errorf("Belgian postcode 1000 became %q", z)
	}
	a := parseFullAddress("221B Baker Street, Flat 2, London NW1 6XE, UK")
	if a.Street != "221B Baker Street" || a.Unit != "Flat 2" || a.City != "London" || a.ZIP != "NW1 6XE" || a.Country != "GB" {
		t.Errorf("UK address parsed as %+v", a)
	}
}

// TestSurnameFirst reads names written surname first without a comma, as
// bank and payroll ledgers write them, only where the gazetteer is sure
// which word is which; a nickname is dropped.
func TestSurnameFirst(t *testing.T) {
	for in, want := range map[string][3]string{
		"WILLIAMS DESHAWN T":  {"DESHAWN", "T", "WILLIAMS"},
		"HOLLOWAY MARGARET":   {"MARGARET", "", "HOLLOWAY"},
		"MARGARET A HOLLOWAY": {"MARGARET", "A", "HOLLOWAY"},
		"Margaret Holloway":   {"Margaret", "", "Holloway"},
		"Holloway Margaret":   {"Holloway", "", "Margaret"}, // not in capitals: as written
		"TAYLOR LEE":          {"TAYLOR", "", "LEE"},
		"NGUYEN VAN AN":       {"NGUYEN", "VAN", "AN"},
		// A nickname in quotes or parentheses is no middle name.
		`Robert "Bob" Smith`:  {"Robert", "", "Smith"},
		"Dana (DJ) Whitfield": {"Dana", "", "Whitfield"},
		`Smith, Robert "Bob"`: {"Robert", "", "Smith"},
	} {
		g, m, s, _ := splitFullName(in)
		if got := [3]string{g, m, s}; got != want {
			t.Errorf("splitFullName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAbroadByIdentifiers places a person whose address has a postal code
// but no state and no country (a German export: 10115 is Berlin, and a
// ZIP Code in New York) in the country that their IBAN and phone number
// agree on, or that one of them names when the street is written number
// last, or that the street's own words and form name when nothing names
// another (Hauptstraße 5, Via Roma 12, 12 rue de la Paix; a calle with a
// Puerto Rican ZIP Code stays in Puerto Rico, and a province abroad
// written as the state, MI for Milan, does not make Michigan or the ZIP
// Code's Virginia); a state, or a US street with a foreign phone only,
// keeps the ZIP Code's state. A German
// export's "Name" beside "Vorname" is the surname.
func TestAbroadByIdentifiers(t *testing.T) {
	de := func(extra ...Value) []Value {
		return append([]Value{{breachkit.PersonName, "full", "Müller", 1, 0}, {breachkit.PersonName, "given", "Jürgen", 2, 0},
			{breachkit.Address, "street", "Hauptstraße 5", 3, 0}, {breachkit.Address, "zip", "10115", 4, 0}, {breachkit.Address, "city", "Berlin", 5, 0}}, extra...)
	}
	iban := Value{breachkit.BankAccount, "", "DE89370400440532013000", 6, 0}
	phone := Value{breachkit.Phone, "", "+49 30 1234567", 7, 0}
	ukPhone := Value{breachkit.Phone, "", "+44 20 7946 0958", 7, 0}
	for _, c := range []struct {
		name string
		vals []Value
		want string
	}{
		{"IBAN and phone", de(iban, phone), "DE"},
		{"IBAN and a street written number last", de(iban), "DE"},
		{"phone and a street written number last", de(phone), "DE"},
		{"IBAN and phone disagree", de(iban, ukPhone), "US-NY"},
		{"a state is given", de(iban, phone, Value{breachkit.Address, "state", "NY", 8, 0}), "US-NY"},
		{"US street, foreign phone", []Value{{breachkit.PersonName, "full", "Dana Whitfield", 1, 0}, {breachkit.Address, "street", "17 Elm St", 2, 0},
			{breachkit.Address, "zip", "10115", 3, 0}, ukPhone}, "US-NY"},
		{"a German street alone", de(), "DE"},
		{"an Italian street", []Value{{breachkit.PersonName, "full", "Marco Rossi", 1, 0}, {breachkit.Address, "street", "Via Roma 12", 2, 0},
			{breachkit.Address, "zip", "00184", 3, 0}, {breachkit.Address, "city", "Roma", 4, 0}}, "IT"},
		{"a French street", []Value{{breachkit.PersonName, "full", "Claire Martin", 1, 0}, {breachkit.Address, "street", "12 rue de la Paix", 2, 0},
			{breachkit.Address, "zip", "75002", 3, 0}, {breachkit.Address, "city", "Paris", 4, 0}}, "FR"},
		{"a French address found whole in text", []Value{{breachkit.PersonName, "full", "Claire Martin", 1, 0}, {breachkit.Address, "full", "12 rue de la Paix, 75002 Paris", 2, 0}}, "FR"},
		{"a German address found whole in text", []Value{{breachkit.PersonName, "full", "Jürgen Müller", 1, 0}, {breachkit.Address, "full", "Hauptstraße 5, 10115 Berlin", 2, 0}}, "DE"},
		{"a calle in Puerto Rico", []Value{{breachkit.PersonName, "full", "Ana Rivera", 1, 0}, {breachkit.Address, "street", "Calle Sol 12", 2, 0},
			{breachkit.Address, "zip", "00907", 3, 0}}, "US-PR"},
		{"an Italian province as state", []Value{{breachkit.PersonName, "full", "Marco Rossi", 1, 0}, {breachkit.Address, "street", "Via Dante 5", 2, 0},
			{breachkit.Address, "zip", "20121", 3, 0}, {breachkit.Address, "city", "Milano", 4, 0}, {breachkit.Address, "state", "MI", 5, 0}}, "IT"},
		{"a state that is not its ZIP Code's", []Value{{breachkit.PersonName, "full", "Dana Whitfield", 1, 0}, {breachkit.Address, "street", "17 Elm St", 2, 0},
			{breachkit.Address, "zip", "20121", 3, 0}, {breachkit.Address, "state", "MI", 4, 0}}, "US-VA"},
		{"a US street alone", []Value{{breachkit.PersonName, "full", "Dana Whitfield", 1, 0}, {breachkit.Address, "street", "17 Elm St", 2, 0},
			{breachkit.Address, "zip", "10115", 3, 0}}, "US-NY"},
		{"a French national number", []Value{{breachkit.PersonName, "full", "Julien Moreau", 1, 0}, {breachkit.Address, "street", "Résidence Les Pins", 2, 0},
			{breachkit.Address, "zip", "13001", 3, 0}, {breachkit.GovID, "FR", "1 40 02 46 299 218 08", 4, 0}}, "FR"},
		{"national numbers of two countries", []Value{{breachkit.PersonName, "full", "Julien Moreau", 1, 0}, {breachkit.Address, "street", "3 Elm St", 2, 0},
			{breachkit.Address, "zip", "13001", 3, 0}, {breachkit.GovID, "FR", "1 40 02 46 299 218 08", 4, 0}, {breachkit.GovID, "IT", "CDMTDL80M03L369W", 5, 0}}, "US-NY"},
		{"a national number and a phone of another country", []Value{{breachkit.PersonName, "full", "Julien Moreau", 1, 0}, {breachkit.Address, "street", "3 Elm St", 2, 0},
			{breachkit.Address, "zip", "13001", 3, 0}, {breachkit.GovID, "FR", "1 40 02 46 299 218 08", 4, 0}, ukPhone}, "US-NY"},
		{"a national number and no address", []Value{{breachkit.PersonName, "full", "Giulia Bianchi", 1, 0}, {breachkit.GovID, "IT", "CDMTDL80M03L369W", 2, 0}}, "IT"},
		{"an SSN and no address", []Value{{breachkit.PersonName, "full", "Dana Whitfield", 1, 0}, {breachkit.SSN, "", "538-27-6641", 2, 0}}, "unknown"},
		{"an IBAN and a phone of one country, no address", []Value{{breachkit.PersonName, "full", "Jürgen Müller", 1, 0}, iban, phone}, "DE"},
		{"an IBAN alone, no address", []Value{{breachkit.PersonName, "full", "Jürgen Müller", 1, 0}, iban}, "unknown"},
		{"an IBAN and a phone of two countries, no address", []Value{{breachkit.PersonName, "full", "Jürgen Müller", 1, 0}, iban, ukPhone}, "unknown"},
		{"a French avenue", []Value{{breachkit.PersonName, "full", "Julien Moreau", 1, 0}, {breachkit.Address, "street", "3 avenue Jean Jaurès", 2, 0},
			{breachkit.Address, "zip", "13001", 3, 0}, {breachkit.Address, "city", "Marseille", 4, 0}}, "FR"},
		{"an American Avenue", []Value{{breachkit.PersonName, "full", "Dana Whitfield", 1, 0}, {breachkit.Address, "street", "3 Avenue B", 2, 0},
			{breachkit.Address, "zip", "10009", 3, 0}}, "US-NY"},
	} {
		rec := BuildRecord("r", c.vals)
		got := resolveInOrder(t, []Record{rec}, []int{0}, 1)
		if len(got.people) != 1 {
			t.Fatalf("%s: %d people", c.name, len(got.people))
		}
		sig := strings.Split(got.people[0], "|")
		if sig[1] != c.want {
			t.Errorf("%s: jurisdiction %s (%s), want %s", c.name, sig[1], sig[2], c.want)
		}
		if strings.HasPrefix(c.name, "IBAN and phone") && !strings.Contains(got.people[0], "Müller") {
			t.Errorf("%s: the surname is lost: %s", c.name, sig[8])
		}
	}
}

// TestNamesNoOne leaves out records that name no one (a drug list's row,
// a bank branch's routing number) and counts them, and keeps a record
// with anything that names, identifies or reaches a person.
func TestNamesNoOne(t *testing.T) {
	r := NewResolver(DefaultOptions())
	for _, vals := range [][]Value{
		{{breachkit.MedicalInfo, "", "Metformin 500 mg", 1, 0}, {breachkit.RoutingNumber, "", "042000314", 2, 0}},
		{{breachkit.AccessCode, "", "123", 1, 0}},
		{{breachkit.MedicalInfo, "", "E11.9", 1, 0}, {breachkit.PersonName, "full", "Maria Gonzalez", 2, 0}},
		{{breachkit.MedicalInfo, "", "E11.9", 1, 0}, {breachkit.Email, "", "mg@example.org", 2, 0}},
		{{breachkit.MedicalInfo, "", "E11.9", 1, 0}, {breachkit.DOB, "", "1990-07-14", 2, 0}},
		{{breachkit.Credentials, "", "hunter22", 1, 0}}, // an account's, even without a name
	} {
		rec := BuildRecord("r", vals)
		r.Add(&rec)
	}
	if r.Len() != 4 || r.Unattached() != 2 {
		t.Errorf("kept %d records and left out %d, want 4 and 2", r.Len(), r.Unattached())
	}
	res, err := r.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Unattached != 2 {
		t.Errorf("Stats.Unattached = %d, want 2", res.Stats.Unattached)
	}
}

// TestAliasName keeps a maiden, former or preferred name out of the name
// a person is addressed by, wherever its column stands.
func TestAliasName(t *testing.T) {
	r := BuildRecord("r", []Value{{breachkit.PersonName, "alias", "Smith", 1, 0}, {breachkit.PersonName, "full", "Dana Whitfield", 2, 0},
		{breachkit.PersonName, "alias", "DJ", 3, 0}})
	if r.Given != "Dana" || r.Surname != "Whitfield" || r.Middle != "" {
		t.Errorf("name %q %q %q, want Dana Whitfield", r.Given, r.Middle, r.Surname)
	}
	if !slices.Contains(r.Elements, breachkit.PersonName) {
		t.Error("the names are not an element")
	}
	// Other names alone make no name to address: not "Smith DJ".
	r = BuildRecord("r", []Value{{breachkit.PersonName, "alias", "Smith", 1, 0}, {breachkit.PersonName, "alias", "DJ", 2, 0},
		{breachkit.SSN, "", "412-65-7733", 3, 0}})
	if r.Given != "" || r.Surname != "" {
		t.Errorf("name %q %q from other names alone", r.Given, r.Surname)
	}
}

// TestIssuer reads the country of a national number from its rule's
// name, as scan writes it.
func TestIssuer(t *testing.T) {
	for _, c := range []struct {
		reasons []string
		want    string
	}{
		{[]string{"header:NIR", "rule:fr-nir"}, "FR"},
		{[]string{"rule:it-codice-fiscale", "keyword:gov at 1"}, "IT"},
		{[]string{"header:SIN"}, ""},
		{[]string{"rule:a-number"}, ""},
		{[]string{"rule:national-insurance"}, ""},
		{[]string{"rule:zz-unknown"}, ""},
		{[]string{"header:RSA ID Number", "rule:za-id"}, "ZA"},
		{[]string{"header:NIK", "rule:id-nik"}, "ID"},
		{[]string{"rule:sa-nid", "keyword:government-id at 1"}, "SA"},
		{[]string{"header:SIN", "rule:ca-sin"}, "CA"},
		{[]string{"rule:gb-nino", "keyword:government-id at 1"}, "GB"},
	} {
		if got := issuer(c.reasons); got != c.want {
			t.Errorf("issuer(%q) = %q, want %q", c.reasons, got, c.want)
		}
	}
}

// TestMilitaryAddress flags a person whose address is Armed Forces mail:
// deliverable (no substitute notice), but no state's (jurisdiction
// unknown, for counsel to place).
func TestMilitaryAddress(t *testing.T) {
	for _, c := range []struct {
		name string
		addr string
		flag bool
	}{
		{"APO", "Unit 2050 Box 4190, APO AP 96278-4190", true},
		{"PSC", "PSC 1234, Box 5678, APO AE 09204", true},
		{"a state's", "88 Larkspur Ln, Fayetteville, AR 72703", false},
	} {
		rec := BuildRecord("r", []Value{{breachkit.PersonName, "full", "Marcus Bell", 1, 0}, {breachkit.Address, "full", c.addr, 2, 0}})
		got := resolveInOrder(t, []Record{rec}, []int{0}, 1)
		if got.sum.ByFlag[FlagMilitary] > 0 != c.flag || got.sum.ByFlag[FlagSubstituteNotice] > 0 {
			t.Errorf("%s: flags %v, want military %v and no substitute notice", c.name, got.sum.ByFlag, c.flag)
		}
		if c.flag && got.sum.ByJurisdiction["unknown"] != 1 {
			t.Errorf("%s: jurisdictions %v, want unknown", c.name, got.sum.ByJurisdiction)
		}
	}
}
