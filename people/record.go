package people

import (
	"slices"
	"sort"
	"strings"

	"github.com/breachkit/breachkit"
)

// Address is a postal address as written in a record. Country is empty
// or "US" for US addresses, else a country code such as "AU".
type Address struct {
	Street, Unit, City, State, ZIP, Country string
	// Role is what the columns that held it said the address is: +1 a
	// mailing or home address, -1 a loan's property, a former or a work
	// address, 0 unsaid. The mailing address decides where a person lives
	// and is written to.
	Role int8 `json:"-"`
}

// empty reports whether no part of the address is set. A country alone
// is kept: it says where the person lives.
func (a Address) empty() bool {
	return a.Street == "" && a.City == "" && a.State == "" && a.ZIP == "" && a.Country == ""
}

// Ident is an identifier value of a record other than name, date of birth
// and address: an e-mail, phone, tax ID, account, card or licence number,
// or a user-defined identifier (CUSTOM_...).
type Ident struct {
	Type  breachkit.Element
	Value string
	// Country is the country that issued a national number (GOV_ID)
	// whose rule scan named ("rule:fr-nir"), as an ISO 3166-1 code;
	// "" otherwise.
	Country string
}

// FindingRef is a finding that belongs to a record, as scan reported it.
// Records read from a case store (FromStore) carry only the finding's ID;
// records from ground truth carry its path, type and location instead.
type FindingRef struct {
	ID    int64
	Path  string
	Type  breachkit.Element
	Start int64
	End   int64
}

// Record is one record's partial view of one person: the values found
// together in a CSV or XLSX row, a JSON object, an e-mail or a paragraph.
// Any field may be empty. Values are plaintext and live only in memory.
type Record struct {
	// Key identifies the record within the case (scan's Finding.Record).
	Key string
	// Given, Middle and Surname are the name parts as written.
	Given, Middle, Surname string
	// Suffix is a generational suffix as written (Jr., Sr., III): it
	// tells a father from a son of the same name.
	Suffix string
	// DOB is the date of birth as written.
	DOB string
	// Addresses lists the postal addresses, the first the most complete.
	Addresses []Address
	// Idents lists the identifier values (SSN, ITIN, e-mail, phone,
	// accounts, cards, licences, custom identifiers).
	Idents []Ident
	// Elements lists every element the record exposes.
	Elements breachkit.ElementSet
	// Findings lists the findings the record was built from (store input).
	Findings []FindingRef
	// Customer marks a record of the customer master (CRM export): its
	// address is authoritative for mailing.
	Customer bool
	// Truth is the ground-truth person of the record, for evaluation only.
	Truth string
}

// Value is one personal value of a record, in the order it appears (Order
// is a byte offset, cell order or any increasing number). Part is
// optional: given, middle, surname or full for names; street, unit, city,
// state, zip or full for addresses; for a national number (GOV_ID) the
// country that issued it ("FR"). Without it the part is guessed.
type Value struct {
	Type  breachkit.Element
	Part  string
	Value string
	Order int64
	Role  int8 // of an address piece, from its column (addressRole)
}

// BuildRecord assembles a Record from the values found in one record.
// Names and addresses given in pieces are put together; without Part the
// pieces are read in order (given first, surname last; "Surname, Given"
// is recognised), and address pieces are classified by shape (ZIP, state,
// house number first).
func BuildRecord(key string, vals []Value) Record {
	r := Record{Key: key}
	sort.SliceStable(vals, func(i, j int) bool { return vals[i].Order < vals[j].Order })
	var names, namesNoPart []string
	var elems []breachkit.Element
	var addr Address
	haveAddr := false
	houseNo := "" // a house number waiting for its street
	for _, v := range vals {
		val := strings.TrimSpace(v.Value)
		if val == "" {
			continue
		}
		elems = append(elems, v.Type)
		switch v.Type {
		case breachkit.PersonName:
			switch v.Part {
			case "given":
				// FHIR's given is a list: the first name, then the middle.
				switch {
				case r.Given == "":
					r.Given = val
				case !strings.EqualFold(r.Given, val) && !strings.Contains(" "+strings.ToLower(r.Middle)+" ", " "+strings.ToLower(val)+" "):
					r.Middle = strings.TrimSpace(r.Middle + " " + val)
				}
			case "middle":
				if r.Middle == "" {
					r.Middle = val
				}
			case "surname":
				if r.Surname == "" {
					r.Surname = val
				}
			case "suffix":
				if r.Suffix == "" && generation(val) != 0 {
					r.Suffix = val
				}
			case "full":
				names = append(names, val)
			case "alias":
				// A maiden, former or preferred name: the person's
				// too, but not the one their letter is addressed to.
			default:
				namesNoPart = append(namesNoPart, val)
			}
		case breachkit.DOB:
			if r.DOB == "" {
				r.DOB = val
			}
		case breachkit.Address:
			if v.Role != 0 && addr.Role == 0 && v.Part != "" && v.Part != "full" && !(v.Part == "street" && addr.Street != "") {
				addr.Role = v.Role // (a second street starts an address of its own, below)
			}
			switch v.Part {
			case "street":
				if strings.Contains(val, ", ") {
					// "Lindenstraße 14, 80331 München", "10 High Street,
					// Oxford OX1 4AB" in an address column: a whole
					// address abroad, which scan, knowing no state in it,
					// reports as a street line. Its postal code or its
					// country says it is whole.
					if a := parseFullAddress(val); a.Street != "" && (a.ZIP != "" || a.Country != "") {
						a.Role = v.Role
						r.Addresses = append(r.Addresses, a)
						continue
					}
				}
				if addr.Street != "" && haveAddr {
					r.Addresses = append(r.Addresses, columnZIP(addr))
					addr = Address{Role: v.Role}
				}
				if houseNo != "" && !startsWithDigit(val) {
					val = houseNo + " " + val
				}
				houseNo = ""
				addr.Street = val
			case "number":
				// A house number from a column of its own ("House
				// Number" beside "Street Name"): it goes before its
				// street, whichever column comes first.
				if addr.Street != "" && !startsWithDigit(addr.Street) {
					addr.Street = val + " " + addr.Street
				} else {
					houseNo = val
				}
			case "unit":
				addr.Unit = val
			case "city":
				addr.City = val
			case "state":
				addr.State = val
			case "zip":
				addr.ZIP = val
			case "country":
				addr.Country = val
			case "locality":
				// "Dayton, OH 45402" in a cell of its own: the last line
				// of the address whose street came before it.
				if addr.City != "" || addr.ZIP != "" {
					r.Addresses = append(r.Addresses, columnZIP(addr))
					addr = Address{}
				}
				l := parseFullAddress(val)
				addr.City, addr.State, addr.ZIP = l.City, l.State, l.ZIP
				if addr.City == "" {
					addr.City = l.Street
				}
			case "full":
				a := parseFullAddress(val)
				a.Role = v.Role
				r.Addresses = append(r.Addresses, a)
				continue
			default:
				n := len(r.Addresses)
				classifyAddressPiece(&addr, &r.Addresses, val)
				if len(r.Addresses) > n && v.Role != 0 {
					r.Addresses[len(r.Addresses)-1].Role = v.Role // a whole address from free text
				}
			}
			haveAddr = true
		case breachkit.RoutingNumber, breachkit.Credentials, breachkit.AccessCode, breachkit.MedicalInfo, breachkit.Biometric, breachkit.Genetic, breachkit.MothersMaidenName:
			// Routing numbers name a bank, not a person; credentials,
			// card codes, PINs, diagnoses and genotypes are shared by
			// many people, and templates differ from one enrollment to
			// the next: none is compared.
		default:
			id := Ident{Type: v.Type, Value: val}
			if v.Type == breachkit.GovID && len(v.Part) == 2 {
				id.Country = v.Part
			}
			r.Idents = append(r.Idents, id)
		}
	}
	if haveAddr && !addr.empty() {
		r.Addresses = append(r.Addresses, columnZIP(addr))
	}
	// The mailing address first, then the most complete.
	sort.SliceStable(r.Addresses, func(i, j int) bool {
		a, b := r.Addresses[i], r.Addresses[j]
		if a.Role != b.Role && addrScore(a) >= 6 && addrScore(b) >= 6 {
			return a.Role > b.Role
		}
		return addrScore(a) > addrScore(b)
	})
	if r.Given != "" && r.Surname == "" && len(names) == 1 && !strings.ContainsAny(strings.TrimSpace(names[0]), " ,") {
		// "Name" beside "Vorname" or "First Name" (a German export's
		// Name is the surname): the one word of the name column is the
		// surname the given name lacks.
		r.Surname = strings.TrimSpace(names[0])
	}
	if r.Given == "" && r.Surname == "" {
		sfx := ""
		namesNoPart = dropMentions(namesNoPart)
		switch {
		case len(names) > 0:
			r.Given, r.Middle, r.Surname, sfx = splitFullName(names[0])
		case len(namesNoPart) == 1:
			r.Given, r.Middle, r.Surname, sfx = splitFullName(namesNoPart[0])
		case len(namesNoPart) > 1:
			// Pieces in separate cells: given ... surname, or "Surname,"
			// first when it ends with a comma; a last piece may be a
			// generation.
			if k := len(namesNoPart) - 1; k >= 2 && generation(namesNoPart[k]) != 0 {
				sfx = namesNoPart[k]
				namesNoPart = namesNoPart[:k]
			}
			first := namesNoPart[0]
			if strings.HasSuffix(first, ",") {
				r.Surname = strings.TrimSuffix(first, ",")
				r.Given = namesNoPart[1]
				r.Middle = strings.Join(namesNoPart[2:], " ")
			} else {
				r.Given = first
				r.Surname = namesNoPart[len(namesNoPart)-1]
				r.Middle = strings.Join(namesNoPart[1:len(namesNoPart)-1], " ")
			}
		}
		if r.Suffix == "" {
			r.Suffix = sfx
		}
	}
	// A surname column holding "SMITH JR": the generation is not part of
	// the surname.
	if f := strings.Fields(r.Surname); len(f) > 1 && generation(f[len(f)-1]) != 0 {
		if r.Suffix == "" {
			r.Suffix = strings.TrimRight(f[len(f)-1], ",")
		}
		r.Surname = strings.TrimRight(strings.Join(f[:len(f)-1], " "), ",")
	}
	r.Elements = breachkit.NewElementSet(elems...)
	return r
}

// addressRole says what an address column's header makes of its
// address: +1 a mailing, home or current address, -1 a loan's property
// or collateral, a former, a work or a seasonal one, 0 nothing.
// A word counts when one of the header's words starts with it
// ("PropertyState", "mail_city"), not when it is inside one ("Household",
// "Email", "Network").
func addressRole(header string) int8 {
	words := strings.FieldsFunc(strings.ToLower(header), func(r rune) bool { return r < 'a' || r > 'z' })
	starts := func(set ...string) bool {
		for _, w := range words {
			for _, p := range set {
				if strings.HasPrefix(w, p) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case starts("property", "collateral", "subject", "former", "previous", "prior", "old", "work", "employer", "business", "office", "seasonal", "vacation"):
		return -1
	case starts("mailing", "mail", "home", "residence", "residential", "current", "primary", "permanent"):
		return 1
	}
	return 0
}

// textRole reads the role the scanner gave an address found in free
// text, from the words before it ("role:current" after "new address").
func textRole(reasons []string) int8 {
	for _, r := range reasons {
		switch r {
		case "role:current":
			return 1
		case "role:former", "role:property":
			return -1
		}
	}
	return 0
}

// dropMentions removes from names found in free text those that mention
// again a person named in full by another ("Ana Souza" … "Dear Ana
// Souza", "Dear Ms. Souza", "Dear Ana"): every word of theirs is in the
// other. What remains are different names, or the pieces of one name in
// cells apart (given, then surname).
func dropMentions(names []string) []string {
	if len(names) < 2 {
		return names
	}
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(strings.ToLower(strings.Trim(n, ",")))
	}
	within := func(a, b []string) bool { // every word of a is in b
		for _, w := range a {
			if !slices.Contains(b, w) {
				return false
			}
		}
		return len(a) > 0
	}
	var out []string
	for i := range names {
		dup := false
		for j := range names {
			if i == j || !within(words[i], words[j]) {
				continue
			}
			// The shorter goes; of two equal, the later.
			if len(words[i]) < len(words[j]) || j < i {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, names[i])
		}
	}
	return out
}

func addrScore(a Address) int {
	s := 0
	if a.Street != "" {
		s += 4
	}
	if a.ZIP != "" {
		s += 2
	}
	if a.City != "" {
		s++
	}
	if a.State != "" {
		s++
	}
	return s
}

// isPOBox reports whether v is a post-office box line ("PO Box 12",
// "P.O. BOX 12"): a street line for the mail, though it has no number first.
func isPOBox(v string) bool {
	var b strings.Builder
	for _, c := range strings.ToUpper(v) {
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
		if b.Len() >= 6 {
			break
		}
	}
	u := b.String()
	return strings.HasPrefix(u, "POBOX") && len(u) == 6 && u[5] >= '0' && u[5] <= '9'
}

// classifyAddressPiece puts an address piece without a part label where
// its shape says it belongs.
func classifyAddressPiece(a *Address, done *[]Address, v string) {
	switch {
	case strings.ContainsAny(v, ",\n"):
		*done = append(*done, parseFullAddress(v))
	case zip5(v) != "":
		a.ZIP = v
	case normState(v) != "" && a.State == "":
		a.State = v
	case v[0] >= '0' && v[0] <= '9' || isPOBox(v):
		if a.Street != "" {
			*done = append(*done, *a)
			*a = Address{}
		}
		a.Street = v
	case a.Street != "" && a.City == "":
		if h, _, u := NormalizeStreet(v); h == "" && u != "" {
			a.Unit = v
		} else {
			a.City = v
		}
	default:
		a.City = v
	}
}

// startsWithDigit reports whether s begins with a digit: a street line
// that has its house number.
func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
