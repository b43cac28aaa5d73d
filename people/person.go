package people

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
)

// Profile is the resolved contact profile of a person, stored sealed in
// Person.Profile.
type Profile struct {
	Given   string `json:"given,omitempty"`
	Middle  string `json:"middle,omitempty"`
	Surname string `json:"surname,omitempty"`
	// Suffix is a generational suffix (Jr., III), part of how the person
	// is addressed.
	Suffix  string   `json:"suffix,omitempty"`
	Address *Address `json:"address,omitempty"`
	Emails  []string `json:"emails,omitempty"`
	Phones  []string `json:"phones,omitempty"`
	// BirthDate is the date of birth (YYYY-MM-DD) the person's records
	// agree on most, if any: notify addresses a minor's letter to the
	// parent or guardian.
	BirthDate string `json:"birth_date,omitempty"`
}

// Minor reports whether the person is under eighteen on day (YYYYMMDD),
// by their birth date; false when it is not known.
func (p Profile) Minor(day uint32) bool {
	b := ParseDOB(p.BirthDate)
	return b != 0 && day >= b && day-b < 180000
}

// FullName returns the name parts joined by spaces, the suffix last.
func (p Profile) FullName() string {
	return strings.Join(strings.Fields(p.Given+" "+p.Middle+" "+p.Surname+" "+p.Suffix), " ")
}

// Person flags.
const (
	FlagNoName           = "no-name"
	FlagNoAddress        = "no-address"
	FlagSingleIdentifier = "single-identifier"
	FlagSubstituteNotice = "substitute-notice"
	FlagCustomer         = "customer-master"
	// FlagMilitary marks a person whose address is Armed Forces mail
	// (APO, FPO, DPO): deliverable, but it names no state, so the
	// state whose law applies is to be found another way (the home of
	// record, a former address).
	FlagMilitary = "military-address"
)

// Address qualities.
const (
	QualityDeliverable = "deliverable"
	QualityPartial     = "partial"
	QualityNone        = "none"
)

// Explanation is the JSON stored in Person.Explain: the records of a
// person and why each link was made. It holds no personal values.
type Explanation struct {
	Records []string      `json:"records"`
	Links   []ExplainLink `json:"links"`
	Address string        `json:"address_from,omitempty"`
}

// ExplainLink is one accepted link between two records of a person.
type ExplainLink struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Rule   string  `json:"rule"`
	Weight float64 `json:"weight,omitempty"`
	// Fields gives, for a probabilistic link, each compared field's level
	// and weight contribution, e.g. "surname": "exact (+6.3)".
	Fields map[string]string `json:"fields,omitempty"`
}

// Summary counts what Build produced.
type Summary struct {
	People         int            `json:"people"`
	Records        int            `json:"records"`
	ByJurisdiction map[string]int `json:"by_jurisdiction"`
	ByElements     map[string]int `json:"by_elements"`
	ByFlag         map[string]int `json:"by_flag"`
	// CustomerOnly counts customer-master entries matched to nobody in
	// the stolen data (not affected, not output).
	CustomerOnly int `json:"customer_only"`
}

// ErrNoRecords is returned by Build when the resolver did not keep the
// records (Options.KeepRecords false).
var ErrNoRecords = errors.New("people: records were not kept (Options.KeepRecords)")

// Build turns the clusters into people and calls fn with each, in the
// canonical order of their first record (the same for the same records
// whatever order they were added in). seal, if not nil, seals the profile JSON. People
// made only of customer-master records are not affected and are skipped.
func (res *Result) Build(seal func([]byte) breachkit.Sealed, fn func(*breachkit.Person) error) (Summary, error) {
	r := res.r
	sum := Summary{ByJurisdiction: map[string]int{}, ByElements: map[string]int{}, ByFlag: map[string]int{}}
	if len(r.records) != len(r.recs) {
		return sum, ErrNoRecords
	}
	// Members in canonical order (positions in r.recs), people in the
	// canonical order of their first record: the output does not depend
	// on the order records were added in.
	members := map[uint32][]uint32{}
	var order []uint32
	for k := range r.recs {
		c := res.Cluster[r.orig[k]]
		if _, ok := members[c]; !ok {
			order = append(order, c)
		}
		members[c] = append(members[c], uint32(k))
	}
	linksOf := map[uint32][]link{}
	for _, l := range res.links {
		c := res.Cluster[r.orig[l.a]]
		linksOf[c] = append(linksOf[c], l)
	}
	for _, c := range order {
		ms := members[c]
		affected := false
		for _, k := range ms {
			if !r.records[r.orig[k]].Customer {
				affected = true
			}
		}
		if !affected {
			sum.CustomerOnly++
			continue
		}
		p := res.person(ms, linksOf[c], seal)
		sum.People++
		sum.Records += p.Records
		sum.ByJurisdiction[p.Jurisdiction]++
		sum.ByElements[p.Elements.String()]++
		for _, f := range p.Flags {
			sum.ByFlag[f]++
		}
		if err := fn(p); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

func (res *Result) person(ms []uint32, links []link, seal func([]byte) breachkit.Sealed) *breachkit.Person {
	r := res.r
	p := &breachkit.Person{Records: 0}
	var prof Profile
	var elems []breachkit.Element
	keys := make([]string, 0, len(ms))
	nameVotes := map[string]int{}
	dobVotes := map[uint32]int{} // each date of birth seen, by how many records
	var best *Address
	bestScore, bestFrom := -1, ""
	emails, phones := map[string]bool{}, map[string]bool{}
	var far abroad
	customer := false
	for _, k := range ms {
		rec := &r.records[r.orig[k]]
		p.Records++
		keys = append(keys, rec.Key)
		if !rec.Customer {
			elems = append(elems, rec.Elements...)
		}
		for _, f := range rec.Findings {
			if f.ID != 0 {
				p.FindingIDs = append(p.FindingIDs, f.ID)
			}
		}
		if rec.Given != "" || rec.Surname != "" {
			// The most complete spelling seen most often.
			nameVotes[rec.Given+"\x00"+rec.Middle+"\x00"+rec.Surname+"\x00"+rec.Suffix] += 1 + len(rec.Middle)/2 + len(rec.Suffix)/2
		}
		for _, id := range rec.Idents {
			far.add(id)
			switch id.Type {
			case breachkit.Email:
				emails[breachkit.Normalize(breachkit.Email, id.Value)] = true
			case breachkit.Phone:
				phones[breachkit.Normalize(breachkit.Phone, id.Value)] = true
			}
		}
		customer = customer || rec.Customer
		if d := ParseDOB(rec.DOB); d != 0 {
			dobVotes[d]++
		}
	}
	// The mailing address: the customer master's if any, else one its
	// column calls mailing or home (not a property or former address),
	// the most complete, then the one seen in most records (a former
	// address is usually seen less often), then the first in canonical
	// order.
	seen := map[normAddr]int{}
	for _, k := range ms {
		rec := &r.records[r.orig[k]]
		for j := range rec.Addresses {
			seen[rec.Addresses[j].normalize()]++
		}
	}
	bestSeen := 0
	for _, k := range ms {
		rec := &r.records[r.orig[k]]
		for j := range rec.Addresses {
			a := &rec.Addresses[j]
			s := addrScore(*a)
			if s >= 6 {
				// A complete mailing address before one its column does
				// not name, and that before a loan's property or a
				// former address, however often those are seen.
				s += 10 * (int(a.Role) + 1)
			}
			if rec.Customer {
				s += 100 // the customer master is authoritative for mailing
			}
			if n := seen[a.normalize()]; s > bestScore || s == bestScore && n > bestSeen {
				bestScore, bestSeen, best, bestFrom = s, n, a, rec.Key
			}
		}
	}
	bestName, bestVotes := "", 0
	for n, v := range nameVotes {
		// Most votes, then the longest spelling (the formal name rather
		// than a nickname), then the first in byte order.
		if v > bestVotes || v == bestVotes && (len(n) > len(bestName) || len(n) == len(bestName) && n < bestName) {
			bestName, bestVotes = n, v
		}
	}
	if bestName != "" {
		parts := strings.SplitN(bestName, "\x00", 4)
		prof.Given, prof.Middle, prof.Surname, prof.Suffix = parts[0], parts[1], parts[2], parts[3]
	}
	// A postal code without a state, with an IBAN and a phone of another
	// country: the address is in that country, and its letter says so.
	if best != nil && best.Country == "" {
		// Placing and addressing the person, not comparing records:
		// an Australian address's state says its country.
		a := *best
		if australian(&a) {
			best = &a
		}
	}
	foreign, foreignBy := far.country(best)
	if foreign != "" {
		a := *best
		a.Country = foreign
		best = &a
	}
	prof.Address = best
	var bestDOB uint32
	for d, v := range dobVotes {
		if v > dobVotes[bestDOB] || v == dobVotes[bestDOB] && d < bestDOB {
			bestDOB = d
		}
	}
	if bestDOB != 0 {
		prof.BirthDate = fmt.Sprintf("%04d-%02d-%02d", bestDOB/10000, bestDOB/100%100, bestDOB%100)
	}
	prof.Emails = sortedKeys(emails)
	prof.Phones = sortedKeys(phones)
	sort.Strings(keys)
	sum := sha256.Sum256([]byte(keys[0]))
	p.Key = "rec:" + hex.EncodeToString(sum[:12])
	p.Elements = breachkit.NewElementSet(elems...)
	p.Jurisdiction, p.JurisdictionBy = jurisdiction(best)
	if foreign != "" {
		p.Jurisdiction, p.JurisdictionBy = foreign, foreignBy
	} else if c, by := far.noAddress(); best == nil && c != "" {
		p.Jurisdiction, p.JurisdictionBy = c, by
	}
	p.AddressQuality = addressQuality(best)
	if bestName == "" {
		p.Flags = append(p.Flags, FlagNoName)
	}
	if best == nil {
		p.Flags = append(p.Flags, FlagNoAddress)
	}
	if ids := identifierElements(p.Elements); len(ids) <= 1 && len(p.Elements) <= 1 {
		p.Flags = append(p.Flags, FlagSingleIdentifier)
	}
	if p.AddressQuality != QualityDeliverable {
		p.Flags = append(p.Flags, FlagSubstituteNotice)
	}
	if best != nil && foreign == "" && gazetteer.IsMilitaryZIP(zip5(best.ZIP)) {
		p.Flags = append(p.Flags, FlagMilitary)
	}
	if customer {
		p.Flags = append(p.Flags, FlagCustomer)
	}
	sort.Slice(p.FindingIDs, func(i, j int) bool { return p.FindingIDs[i] < p.FindingIDs[j] })
	if seal != nil {
		b, _ := json.Marshal(prof)
		p.Profile = seal(b)
	}
	ex := Explanation{Records: keys}
	if best != nil {
		ex.Address = bestFrom
	}
	for _, l := range links {
		el := ExplainLink{A: r.records[r.orig[l.a]].Key, B: r.records[r.orig[l.b]].Key, Rule: ruleNames[l.rule]}
		if l.rule == ruleFS {
			el.Weight = round2(float64(l.w))
			el.Fields = map[string]string{}
			for f := 0; f < nFields; f++ {
				lv := l.p.level(f)
				if lv == 0 {
					continue
				}
				w := r.model.w[f][lv]
				if f == fGiven && lv == 1 {
					w += tfAdjust(r.model.u[fGiven][1], float64(r.model.gtf[r.recs[l.a].given]))
				}
				if f == fSurname && lv == 1 {
					w += tfAdjust(r.model.u[fSurname][1], float64(r.model.stf[r.recs[l.a].surname]))
				}
				el.Fields[fieldNames[f]] = levelNames[f][lv] + " (" + signed(w) + ")"
			}
		}
		ex.Links = append(ex.Links, el)
	}
	p.Explain, _ = json.Marshal(ex)
	return p
}

func identifierElements(s breachkit.ElementSet) []breachkit.Element {
	var out []breachkit.Element
	for _, e := range s {
		if e != breachkit.PersonName && e != breachkit.Address {
			out = append(out, e)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func round2(f float64) float64 { return float64(int64(f*100+0.5*sign(f))) / 100 }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

func signed(w float64) string {
	b, _ := json.Marshal(round2(w))
	if w >= 0 {
		return "+" + string(b)
	}
	return string(b)
}

// jurisdiction decides where a person resides from an address: the state
// of its ZIP Code, else its state name or abbreviation, else its country.
func jurisdiction(a *Address) (string, string) {
	if a == nil {
		return "unknown", "no address"
	}
	if c := *a; australian(&c) {
		a = &c
	}
	if c := countryOf(a); c != "" && c != "US" {
		if usTerritory[c] {
			// Puerto Rico, Guam…: written as countries, governed as
			// territories of the United States, each with its own law.
			return "US-" + c, "address country"
		}
		return c, "address country"
	}
	if z := zip5(a.ZIP); z != "" {
		if st, ok := gazetteer.StateForZIP(z); ok {
			return st.Code, "ZIP code"
		}
		if gazetteer.IsMilitaryZIP(z) {
			return "unknown", "military APO/FPO ZIP code"
		}
	}
	if st := normState(a.State); st != "" {
		s, _ := gazetteer.StateByAbbr(st)
		return s.Code, "state in address"
	}
	if a.ZIP != "" {
		return "unknown", "ZIP code not recognised and no state"
	}
	return "unknown", "address has neither ZIP code nor state"
}

// usTerritory are the territories of the United States that have ISO
// 3166-1 codes of their own.
var usTerritory = map[string]bool{"PR": true, "GU": true, "VI": true, "AS": true, "MP": true, "UM": true}

// CountryCode returns the ISO 3166-1 alpha-2 code of the address's
// country ("France", "FRA" and "fr" are FR; CA for an address in a
// Canadian province), the country as written when it is none that
// gazetteer knows, or "" when the address names none (a US address).
func (a *Address) CountryCode() string { return countryOf(a) }

// countryOf is Address.CountryCode.
func countryOf(a *Address) string {
	c := strings.TrimSpace(a.Country)
	if c == "" {
		// A Canadian province or postal code says Canada: no province's
		// abbreviation is a US state's, no postal code a ZIP Code. A UK
		// postcode is of neither shape.
		if _, ok := gazetteer.Province(a.State); ok && normState(a.State) == "" || gazetteer.CanadianPostalCode(a.ZIP) {
			return "CA"
		}
		if gazetteer.UKPostcode(a.ZIP) {
			// The Crown Dependencies share the postcode system, not the
			// United Kingdom's law.
			switch z := strings.ToUpper(strings.TrimSpace(a.ZIP)); {
			case strings.HasPrefix(z, "JE"):
				return "JE"
			case strings.HasPrefix(z, "GY"):
				return "GG"
			case strings.HasPrefix(z, "IM"):
				return "IM"
			}
			return "GB"
		}
		if gazetteer.Eircode(a.ZIP) {
			return "IE" // D02 X285: four characters after the blank, a UK postcode has three
		}
		if gazetteer.MexicanState(a.State) {
			return "MX" // Jalisco 44100: a código postal, not Cleveland's ZIP Code
		}
		if cc := postcodeCountry(a.ZIP, a.Street); cc != "" {
			return cc // 01310-100, Brazil's CEP; 00-624, Poland's
		}
		if cc, ok := gazetteer.CityCountry(a.City); ok && normState(a.State) == "" && gazetteer.PostcodeFits(cc, a.ZIP) {
			// "Rue de la Loi 16, 1000 Bruxelles", "Mannerheimintie 1,
			// 00100 Helsinki", "Teheran-ro 123, Gangnam-gu, Seoul
			// 06234": a city abroad that no US city of note shares
			// (cities.csv leaves those out), no state, and a postal
			// code of as many digits as that country's have. It may be
			// a ZIP Code's five digits too (06234 is one of
			// Connecticut's), as many countries' codes are.
			return cc
		}
		return ""
	}
	if code, ok := gazetteer.CountryCode(c); ok {
		return code
	}
	return strings.ToUpper(c)
}

// addressQuality grades an address for mailing.
func addressQuality(a *Address) string {
	if a == nil {
		return QualityNone
	}
	if a.Street != "" && (zip5(a.ZIP) != "" || a.City != "" && a.State != "" || a.ZIP != "" && (a.Country != "" || countryOf(a) != "")) {
		// A UK postcode says its country: a street and a postcode
		// deliver, as a street, a ZIP Code and a country do elsewhere.
		return QualityDeliverable
	}
	if a.Street != "" || a.ZIP != "" || a.City != "" || a.State != "" {
		return QualityPartial
	}
	return QualityNone
}
