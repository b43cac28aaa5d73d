package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// RefDate is the fictional breach date. Ages, statement dates and log
// times are computed relative to it so that output does not depend on the
// clock.
var RefDate = time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC)

// Person is the canonical record of one synthetic person, one line of
// truth/people.jsonl. Files show variants of these values; the truth
// occurrences say which person every variant belongs to.
type Person struct {
	// ID is "P" followed by the 1-based index, seven digits or more.
	ID string `json:"id"`
	// Given, Middle and Surname are the canonical name; Middle may be empty.
	Given   string `json:"given"`
	Middle  string `json:"middle,omitempty"`
	Surname string `json:"surname"`
	// DOB is the date of birth, YYYY-MM-DD.
	DOB string `json:"dob"`
	// SSN or ITIN is set, never both, formatted NNN-NN-NNNN.
	SSN  string `json:"ssn,omitempty"`
	ITIN string `json:"itin,omitempty"`
	// Emails lists one or two addresses on reserved example domains.
	Emails []string `json:"emails"`
	// Phones lists one or two NANP numbers formatted NNN-NNN-NNNN.
	Phones []string `json:"phones"`
	// Addresses lists the current address first, then a former one if the
	// person moved.
	Addresses []PostalAddress `json:"addresses"`
	// BankAccount and RoutingNumber identify the autopay account.
	BankAccount   string `json:"bank_account"`
	RoutingNumber string `json:"routing_number"`
	// Card is the card on file (digits only) and CardBrand its network.
	Card      string `json:"card"`
	CardBrand string `json:"card_brand"`
	// DriversLicense is the licence number, issued by DLState (USPS abbr).
	DriversLicense string `json:"drivers_license"`
	DLState        string `json:"drivers_license_state"`
	// LoanNumber is the servicer's loan number, "LN-" and ten digits,
	// reported with type CUSTOM_LOAN_NUMBER.
	LoanNumber string `json:"loan_number"`

	dob time.Time
	idx int
}

// PostalAddress is a US postal address of a person.
type PostalAddress struct {
	// Street is house number, street name and USPS suffix, e.g. "12 Oak St".
	Street string `json:"street"`
	// Unit is the secondary unit such as "Apt 4B"; it may be empty.
	Unit string `json:"unit,omitempty"`
	// City is a generated town name.
	City string `json:"city"`
	// State is the USPS abbreviation and StateCode the ISO 3166-2 code.
	State     string `json:"state"`
	StateCode string `json:"state_code"`
	// ZIP is the five-digit ZIP Code; gazetteer.StateForZIP maps it to State.
	ZIP string `json:"zip"`
	// Current is true for the address the person lives at now.
	Current bool `json:"current"`
}

// Line1 returns street and unit on one line.
func (a PostalAddress) Line1() string {
	if a.Unit == "" {
		return a.Street
	}
	return a.Street + " " + a.Unit
}

// Full returns the one-line form "12 Oak St Apt 4, Austin, TX 78701".
func (a PostalAddress) Full() string {
	return a.Line1() + ", " + a.City + ", " + a.State + " " + a.ZIP
}

// FullName returns "Given Middle Surname" (or without middle).
func (p *Person) FullName() string {
	if p.Middle == "" {
		return p.Given + " " + p.Surname
	}
	return p.Given + " " + p.Middle + " " + p.Surname
}

// TaxID returns the SSN or, failing that, the ITIN, and the element name
// ("SSN" or "ITIN").
func (p *Person) TaxID() (string, string) {
	if p.SSN != "" {
		return p.SSN, "SSN"
	}
	return p.ITIN, "ITIN"
}

// key labels for the identifier permutations.
var (
	kSSN   = strKey("ssn")
	kITIN  = strKey("itin")
	kPhone = strKey("phone")
	kMail  = strKey("email")
	kBank  = strKey("bank")
	kCard  = strKey("card")
	kDL    = strKey("dl")
	kLoan  = strKey("loan")
)

// ssnAreas are the areas used for generated SSNs: 001–899 without 666 and
// without the areas of the well-known test numbers.
var ssnAreas = func() []int {
	var out []int
	for a := 1; a <= 899; a++ {
		if a == 666 || a == 78 || a == 123 || a == 219 {
			continue
		}
		out = append(out, a)
	}
	return out
}()

var itinGroups = func() []int {
	var out []int
	for g := 0; g < 100; g++ {
		if itinGroup(g) {
			out = append(out, g)
		}
	}
	return out
}()

var phoneAreas = func() []int {
	var out []int
	for a := 200; a <= 999; a++ {
		if validArea(a) {
			out = append(out, a)
		}
	}
	return out
}()

var phoneExchanges = func() []int {
	var out []int
	for e := 200; e <= 999; e++ {
		if e%100 != 11 && e != 555 {
			out = append(out, e)
		}
	}
	return out
}()

var emailDomains = []string{"example.com", "example.net", "example.org", "mail.example.com", "inbox.example.net", "post.example.org"}

// PersonAt regenerates the person with 0-based index idx for seed without
// any other state: the same (seed, idx) always gives the same person.
func PersonAt(seed uint64, idx int) *Person {
	r := rand.New(rand.NewPCG(seed, mix(uint64(idx), 0x706572736f6e)))
	ux := uint64(idx)
	p := &Person{ID: personID(idx), idx: idx}
	p.Given = pickGiven(r)
	if r.IntN(100) < 72 {
		p.Middle = pickGiven(r)
		for p.Middle == p.Given {
			p.Middle = pickGiven(r)
		}
	}
	p.Surname = pickSurname(r)

	// Date of birth: ages 18–95 on RefDate.
	oldest := RefDate.AddDate(-96, 0, 1)
	youngest := RefDate.AddDate(-18, 0, 0)
	days := int(youngest.Sub(oldest).Hours() / 24)
	p.dob = oldest.AddDate(0, 0, r.IntN(days+1))
	p.DOB = p.dob.Format("2006-01-02")

	if r.IntN(100) < 5 {
		m := uint64(100 * len(itinGroups) * 9999)
		x := permute(mix(seed, kITIN), ux%m, m)
		serial := x%9999 + 1
		x /= 9999
		g := itinGroups[x%uint64(len(itinGroups))]
		area := 900 + x/uint64(len(itinGroups))
		p.ITIN = fmt.Sprintf("%03d-%02d-%04d", area, g, serial)
	} else {
		m := uint64(len(ssnAreas) * 99 * 9999)
		x := permute(mix(seed, kSSN), ux%m, m)
		serial := x%9999 + 1
		x /= 9999
		g := x%99 + 1
		area := ssnAreas[x/99]
		p.SSN = fmt.Sprintf("%03d-%02d-%04d", area, g, serial)
	}

	// Emails carry a per-person unique number so no two people share one.
	num := permute(mix(seed, kMail), ux%emailSpace, emailSpace)
	ne := 1 + r.IntN(2)
	first := r.IntN(5)
	for i := 0; i < ne; i++ {
		p.Emails = append(p.Emails, emailFor(p, (first+i*2)%5, num, emailDomains[r.IntN(len(emailDomains))]))
	}
	np := 1 + r.IntN(2)
	pm := uint64(len(phoneAreas) * len(phoneExchanges) * 10000)
	for i := 0; i < np; i++ {
		x := permute(mix(seed, kPhone), (2*ux+uint64(i))%pm, pm)
		line := x % 10000
		x /= 10000
		ex := phoneExchanges[x%uint64(len(phoneExchanges))]
		area := phoneAreas[x/uint64(len(phoneExchanges))]
		p.Phones = append(p.Phones, fmt.Sprintf("%03d-%03d-%04d", area, ex, line))
	}

	cur := randomAddress(r, "")
	cur.Current = true
	p.Addresses = append(p.Addresses, cur)
	if r.IntN(100) < 30 {
		st := ""
		if r.IntN(100) < 60 {
			st = cur.State
		}
		p.Addresses = append(p.Addresses, randomAddress(r, st))
	}

	// Bank account: 8–17 digits, the last eight unique per person.
	L := 8 + r.IntN(10)
	acct := permute(mix(seed, kBank), ux%1e8, 1e8)
	var b strings.Builder
	for i := 0; i < L-8; i++ {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	fmt.Fprintf(&b, "%08d", acct)
	p.BankAccount = b.String()
	p.RoutingNumber = routingPool(seed)[r.IntN(routingPoolSize)]

	p.Card, p.CardBrand = cardFor(r, permute(mix(seed, kCard), ux%1e9, 1e9))

	if r.IntN(100) < 85 {
		p.DLState = cur.State
	} else {
		p.DLState = weightedState(r).abbr
	}
	p.DriversLicense = dlNumber(seed, p.DLState, ux)
	p.LoanNumber = fmt.Sprintf("LN-%010d", permute(mix(seed, kLoan), ux%1e10, 1e10))
	return p
}

const emailSpace = 100_000_000

func personID(idx int) string {
	return fmt.Sprintf("P%07d", idx+1)
}

func emailFor(p *Person, form int, num uint64, domain string) string {
	g, s := emailPart(p.Given), emailPart(p.Surname)
	n := strconv.FormatUint(num, 10)
	var local string
	switch form {
	case 0:
		local = g + "." + s + n
	case 1:
		local = g[:1] + s + n
	case 2:
		local = s + "." + g + n
	case 3:
		local = g + "_" + s + "." + n
	default:
		local = g + s[:1] + "." + n
	}
	return local + "@" + domain
}

func emailPart(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// Card numbers: the brand fixes the prefix, the nine digits before the
// check digit come from a per-person permutation.
func cardFor(r *rand.Rand, uniq uint64) (string, string) {
	var prefix, brand string
	length := 16
	switch n := r.IntN(100); {
	case n < 50:
		prefix, brand = "4", "visa"
	case n < 68:
		prefix, brand = strconv.Itoa(51+r.IntN(5)), "mastercard"
	case n < 80:
		prefix, brand = strconv.Itoa(2221+r.IntN(500)), "mastercard"
	case n < 90:
		prefix, brand = []string{"34", "37"}[r.IntN(2)], "amex"
		length = 15
	case n < 95:
		prefix, brand = "6011", "discover"
	default:
		prefix, brand = "65", "discover"
	}
	var b strings.Builder
	b.WriteString(prefix)
	for b.Len() < length-10 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	fmt.Fprintf(&b, "%09d", uniq)
	payload := b.String()
	return payload + string(luhnDigit(payload)), brand
}

const routingPoolSize = 97

var routingPrefixes = func() []int {
	var out []int
	for p := 0; p <= 12; p++ {
		out = append(out, p)
	}
	for p := 21; p <= 32; p++ {
		out = append(out, p)
	}
	for p := 61; p <= 72; p++ {
		out = append(out, p)
	}
	return append(out, 80)
}()

// routingPool returns the seed's banks: valid ABA routing numbers.
func routingPool(seed uint64) []string {
	routingMu.Lock()
	defer routingMu.Unlock()
	if v, ok := routingCache[seed]; ok {
		return v
	}
	r := rand.New(rand.NewPCG(seed, strKey("routing")))
	seen := map[string]bool{}
	var out []string
	for len(out) < routingPoolSize {
		pfx := routingPrefixes[r.IntN(len(routingPrefixes))]
		if r.IntN(3) > 0 && pfx > 12 { // most banks are in the commercial ranges
			pfx = 1 + r.IntN(12)
		}
		s := fmt.Sprintf("%02d%06d", pfx, r.IntN(1e6))
		for d := 0; d < 10; d++ {
			c := s + strconv.Itoa(d)
			if abaSum(c)%10 == 0 {
				s = c
				break
			}
		}
		if !seen[s] && ValidRouting(s) {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(routingCache) > 16 {
		clear(routingCache)
	}
	routingCache[seed] = out
	return out
}

// dlFormats gives plausible licence number shapes per state: A letter,
// # digit. States not listed use the default.
var dlFormats = map[string]string{
	"CA": "A#######", "TX": "########", "FL": "A############", "NY": "#########",
	"IL": "A###########", "PA": "########", "OH": "AA######", "GA": "#########",
	"NC": "############", "MI": "A############", "NJ": "A##############", "VA": "A########",
	"WA": "WDLAAAA###A#", "AZ": "A########", "MA": "S########", "TN": "#########",
	"IN": "####-##-####", "MO": "A#########", "MD": "A-###-###-###-###", "WI": "A#############",
	"CO": "##-###-####", "MN": "A############", "SC": "#########", "AL": "#######",
	"LA": "#########", "KY": "A########", "OR": "#######", "OK": "A#########",
	"CT": "#########", "UT": "#########", "IA": "###AA####", "NV": "##########",
	"AR": "#########", "MS": "#########", "KS": "K########", "NM": "#########",
	"NE": "A########", "ID": "AA######A", "WV": "A######", "HI": "H########",
	"NH": "##AAA#####", "ME": "#######", "RI": "#######", "MT": "#############",
	"DE": "#######", "SD": "########", "ND": "AAA######", "AK": "#######",
	"DC": "#######", "VT": "########", "WY": "#########", "PR": "#########",
}

// dlNumber fills the state's shape from a per-person permutation of the
// shape's whole space, so two people never share a licence number.
func dlNumber(seed uint64, state string, ux uint64) string {
	f, ok := dlFormats[state]
	if !ok {
		f = "A########"
	}
	space := uint64(1)
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case 'A':
			space *= 26
		case '#':
			space *= 10
		}
	}
	x := permute(mix(seed, kDL, strKey(f)), ux%space, space)
	out := []byte(f)
	for i := len(f) - 1; i >= 0; i-- {
		switch f[i] {
		case 'A':
			out[i] = byte('A' + x%26)
			x /= 26
		case '#':
			out[i] = byte('0' + x%10)
			x /= 10
		}
	}
	return string(out)
}

var streetWords = []string{"Oak", "Maple", "Cedar", "Pine", "Elm", "Walnut", "Willow", "Birch", "Aspen", "Hickory",
	"Main", "Park", "Lake", "Hill", "River", "Spring", "Meadow", "Forest", "Sunset", "Highland",
	"Church", "Mill", "School", "Center", "Ridge", "Valley", "Prairie", "Harbor", "Orchard", "Cherry",
	"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
	"Washington", "Lincoln", "Jefferson", "Madison", "Franklin", "Jackson", "Adams", "Monroe", "Grant", "Union",
	"Dogwood", "Magnolia", "Laurel", "Juniper", "Sycamore", "Chestnut", "Poplar", "Spruce", "Cypress", "Hawthorn"}

var cityHeads = []string{"Spring", "Oak", "Cedar", "Maple", "River", "Lake", "Fair", "Green", "Clear", "Pine",
	"Brook", "Mill", "Stone", "Red", "White", "Silver", "North", "East", "West", "Glen",
	"Ash", "Elm", "Haven", "Rock", "Sand", "Sun", "Wood", "Bay", "Fox", "Deer"}

var cityTails = []string{"field", "dale", "ton", "ville", "wood", "port", "view", "brook", "ford", "haven",
	"ridge", "land", "mont", "crest", "side", " Falls", " Springs", " City", " Heights", " Park"}

var streetSuffixCommon = []string{"St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl", "Cir", "Ter", "Pkwy", "Trl", "Loop", "Hwy"}

func randomAddress(r *rand.Rand, state string) PostalAddress {
	var st stateInfo
	if state != "" {
		st = stateByAbbr(state)
	} else {
		st = weightedState(r)
	}
	a := PostalAddress{State: st.abbr, StateCode: st.code}
	var house int
	switch n := r.IntN(10); {
	case n < 5:
		house = 1 + r.IntN(999)
	case n < 9:
		house = 1000 + r.IntN(9000)
	default:
		house = 10000 + r.IntN(90000)
	}
	var name string
	if r.IntN(4) == 0 {
		name = titleCase(pickSurname(r))
	} else {
		name = streetWords[r.IntN(len(streetWords))]
	}
	suffix := streetSuffixCommon[r.IntN(len(streetSuffixCommon))]
	if r.IntN(10) == 0 {
		all := streetSuffixes()
		if len(all) > 0 {
			suffix = all[r.IntN(len(all))]
		}
	}
	a.Street = fmt.Sprintf("%d %s %s", house, name, suffix)
	if r.IntN(100) < 25 {
		switch r.IntN(4) {
		case 0:
			a.Unit = fmt.Sprintf("Apt %d", 1+r.IntN(40))
		case 1:
			a.Unit = fmt.Sprintf("Apt %d%c", 1+r.IntN(9), 'A'+r.IntN(6))
		case 2:
			a.Unit = fmt.Sprintf("Unit %d", 100+r.IntN(900))
		default:
			a.Unit = fmt.Sprintf("# %d", 1+r.IntN(99))
		}
	}
	a.City = cityHeads[r.IntN(len(cityHeads))] + cityTails[r.IntN(len(cityTails))]
	a.ZIP = zipFor(r, st)
	return a
}

// titleCase upper-cases the first letter of each word and after an
// apostrophe or hyphen: "o'brien-smith" → "O'Brien-Smith".
func titleCase(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
		up = c == ' ' || c == '\'' || c == '-'
	}
	return string(b)
}

// zipPick draws an index into a frequency-ordered list of n names,
// favouring the front: a rough Zipf shape.
func zipPick(r *rand.Rand, n int) int {
	u := r.Float64()
	i := int(float64(n) * u * u * u)
	if i >= n {
		i = n - 1
	}
	return i
}

func pickGiven(r *rand.Rand) string {
	l := givenNames()
	return titleCase(l[zipPick(r, len(l))])
}

func pickSurname(r *rand.Rand) string {
	l := surnames()
	return titleCase(l[zipPick(r, len(l))])
}
