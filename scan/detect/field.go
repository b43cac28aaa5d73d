package detect

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect/accesscode"
	"github.com/breachkit/breachkit/scan/detect/address"
	"github.com/breachkit/breachkit/scan/detect/assigned"
	"github.com/breachkit/breachkit/scan/detect/bank"
	"github.com/breachkit/breachkit/scan/detect/biometric"
	"github.com/breachkit/breachkit/scan/detect/card"
	"github.com/breachkit/breachkit/scan/detect/creds"
	"github.com/breachkit/breachkit/scan/detect/custom"
	"github.com/breachkit/breachkit/scan/detect/dl"
	"github.com/breachkit/breachkit/scan/detect/dob"
	"github.com/breachkit/breachkit/scan/detect/email"
	"github.com/breachkit/breachkit/scan/detect/genetic"
	"github.com/breachkit/breachkit/scan/detect/govid"
	"github.com/breachkit/breachkit/scan/detect/health"
	"github.com/breachkit/breachkit/scan/detect/internal/sample"
	"github.com/breachkit/breachkit/scan/detect/itin"
	"github.com/breachkit/breachkit/scan/detect/medical"
	"github.com/breachkit/breachkit/scan/detect/name"
	"github.com/breachkit/breachkit/scan/detect/passport"
	"github.com/breachkit/breachkit/scan/detect/phone"
	"github.com/breachkit/breachkit/scan/detect/routing"
	"github.com/breachkit/breachkit/scan/detect/ssn"
)

// fieldKind is what a column header or key says its values are.
type fieldKind int

const (
	fUnknown fieldKind = iota // free text: detect as in prose
	fNotPII                   // an id, amount, date or code: only custom identifiers
	fTaxID                    // SSN or ITIN
	fITIN
	fDOB
	fEmail
	fPhone
	fCard
	fRouting
	fBank
	fDL
	fPassport
	fHealth
	fPassword
	fCardCode   // a card's security code: CVV, CVC
	fPIN        // a card's or account's PIN
	fDiagnosis  // diagnoses, written or as codes
	fDxCode     // diagnosis codes: ICD-10-CM, ICD-9-CM
	fMedication // a medication or prescription
	fProcedure  // a procedure code: CPT, HCPCS
	fANumber    // an alien registration (A-Number, USCIS) number
	fI94        // an I-94 admission number
	fStateID    // a state ID card number
	fDoDID      // a Department of Defense ID (EDIPI)
	fTribalID   // a tribal ID or enrollment number
	fSIN        // a Canadian Social Insurance Number
	fNINO       // a UK National Insurance number
	fNational   // a European country's national or tax number (fieldInfo.national)
	fNHS        // a UK NHS number
	fEmployeeID // an employer-assigned employee number
	fStudentID  // a school-assigned student number
	fBiometric  // a fingerprint, face or voice template
	fGenetic    // genotypes, DNA sequences, haplogroups
	fAlias      // another name of the person: maiden, former, preferred, AKA
	fGiven
	fMiddle
	fSurname
	fFullName
	fSuffix
	fStreet
	fUnit
	fCity
	fState
	fZIP
	fCountry
)

// nationalTaxID reports the value v of a tax or national ID column
// ("Tax ID", "National ID", "Government ID Number") that is no SSN or
// ITIN but a European country's national or tax number, whose check it
// passes: a European subsidiary's HR file has them under the same
// headers. Numbers whose check one random number in eleven passes are
// left to columns that name them.
func (e *Engine) nationalTaxID(v []byte, st, en int, fi *fieldInfo, emit func(scan.Match)) {
	if 0.9 < e.min {
		return
	}
	if k := govid.NationalValid(v, nil); k != govid.NoNational && !k.Weak() {
		emit(scan.Match{Type: breachkit.GovID, Start: st, End: en, Confidence: 0.9, Reasons: []string{"header:" + fi.name, k.Reason()}})
	}
}

// panKinds are the national numbers a card column may hold: India's
// Permanent Account Number, headed "PAN" as the card's number is.
var panKinds = []govid.National{govid.INPAN}

// valueRules are the columns whose values one check decides: the type
// and confidence of a value that passes, and the rule to name where it
// says more than the header (a SIN's or NINO's country, by which people
// places a holder whose address names no state).
var valueRules = [...]struct {
	ok   func([]byte) bool
	typ  breachkit.Element
	conf float64
	rule string
}{
	fCardCode:   {func(v []byte) bool { return accesscode.Valid(v, accesscode.CardCode) }, breachkit.AccessCode, 0.95, ""},
	fPIN:        {func(v []byte) bool { return accesscode.Valid(v, accesscode.PIN) }, breachkit.AccessCode, 0.9, ""},
	fMedication: {medical.Text, breachkit.MedicalInfo, 0.85, ""},
	fProcedure:  {func(v []byte) bool { return medical.CodeList(v, medical.Procedure) }, breachkit.MedicalInfo, 0.9, ""},
	fBiometric:  {biometric.Valid, breachkit.Biometric, 0.9, ""},
	fGenetic:    {genetic.Valid, breachkit.Genetic, 0.9, ""},
	fANumber:    {func(v []byte) bool { return govid.Valid(v, govid.ANumber) }, breachkit.GovID, 0.9, ""},
	fI94:        {func(v []byte) bool { return govid.Valid(v, govid.I94) }, breachkit.GovID, 0.9, ""},
	fStateID:    {func(v []byte) bool { return govid.Valid(v, govid.StateID) }, breachkit.GovID, 0.9, ""},
	fDoDID:      {func(v []byte) bool { return govid.Valid(v, govid.DoDID) }, breachkit.GovID, 0.9, ""},
	fTribalID:   {func(v []byte) bool { return govid.Valid(v, govid.Tribal) }, breachkit.GovID, 0.9, ""},
	fSIN:        {func(v []byte) bool { return govid.Valid(v, govid.SIN) }, breachkit.GovID, 0.95, govid.SIN.Reason()},
	fNINO:       {func(v []byte) bool { return govid.Valid(v, govid.NINO) }, breachkit.GovID, 0.95, govid.NINO.Reason()},
	fNHS:        {func(v []byte) bool { return health.ValidNHS(view(v)) }, breachkit.HealthID, 0.95, ""},
	fEmployeeID: {assigned.Valid, breachkit.EmployeeID, 0.9, ""},
	fStudentID:  {assigned.Valid, breachkit.StudentID, 0.9, ""},
}

var partNames = [...]string{fAlias: "alias", fGiven: "given", fMiddle: "middle", fSurname: "surname", fFullName: "full", fSuffix: "suffix",
	fStreet: "street", fUnit: "unit", fCity: "city", fState: "state", fZIP: "zip", fCountry: "country"}

// fieldInfo is a classified field name.
type fieldInfo struct {
	kind fieldKind
	// member says a health ID column is named by "member" or
	// "subscriber" alone ("Member #", "Subscriber ID"): a health plan's,
	// or a credit union's member, a telephone company's subscriber, which
	// the table's other columns tell apart.
	member bool
	// account says an account number column is named by "account"
	// alone ("Account Number", "Acct #"): a bank's, or in a hospital's
	// export a patient's billing account, in a telephone company's a
	// service account.
	account bool
	// loose says a name column's header names no person ("Name",
	// "locationName", "vaultName"): its values must read as a person's
	// name (personLike) to be one.
	loose bool
	// national lists the European national numbers a fNational
	// column's header names ("Steuer-ID", "codice fiscale", "PESEL").
	national []govid.National
	// file, names and seen count a loose column's person-like values in
	// one file and those with a known given name (nameColumn).
	file        string
	names, seen int
	norm        string // the last path element, lower case letters and digits
	name        string // the field as given, for reasons
	// reasons are the reasons of a match decided by the field, shared.
	reasons []string
}

// words splits a field name into lower-case words at non-letters and
// camelCase boundaries: "postalCode" gives [postal code].
func words(s string) []string {
	var out []string
	var cur []rune
	prev := rune(0)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// camelCase, and an acronym before a word: "NationalIDNumber"
			// is national, id, number.
			if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				flush()
			}
			cur = append(cur, r)
		case r == '#':
			// "Contact #", "Lic #": the number sign is the word number.
			flush()
			out = append(out, "number")
		default:
			flush()
		}
		prev = r
	}
	flush()
	return out
}

// headIs reports whether the last word of a header, or the word before a
// last "code", "name" or "abbr" ("Province Code", "Country Name"), is one
// of set: what a compound header ("Billing Address Zip") names.
func headIs(ws []string, set ...string) bool {
	if len(ws) < 2 {
		return false // a single word is for the cases below
	}
	last := ws[len(ws)-1]
	switch last {
	case "code", "name", "abbr", "abbreviation", "cd", "nm":
		last = ws[len(ws)-2]
	}
	for _, s := range set {
		if last == s {
			return true
		}
	}
	return false
}

// clinical reports whether a header names what a clinic's export says
// of a patient's health in words: "Chief Complaint", "Reason for
// Admission" (not a visitor log's "Reason for Visit"),
// "Allergies", "Presenting Symptoms", "Medical Conditions", "Problem
// List"; not its date, code, count or status ("Allergy Status",
// "Condition Code"), nor a help desk's "Symptoms" of a laptop.
func clinical(ws []string) bool {
	return (has(ws, "complaint") && has(ws, "chief") || has(ws, "reason") && has(ws, "admission", "admit", "hospitalization", "hospitalisation") ||
		has(ws, "allergy", "allergies", "comorbidities", "comorbidity") || has(ws, "symptom", "symptoms") && has(ws, "patient", "presenting", "reported", "medical", "clinical") ||
		has(ws, "condition", "conditions", "history", "problems") && has(ws, "medical", "health", "chronic", "preexisting", "surgical", "psychiatric") ||
		has(ws, "problem") && has(ws, "list")) &&
		!has(ws, "date", "dt", "count", "qty", "number", "no", "num", "id", "type", "code", "flag", "indicator", "ind", "status", "severity", "verified", "reviewed", "checked", "source", "onset")
}

func has(ws []string, set ...string) bool {
	for _, w := range ws {
		for _, s := range set {
			if w == s {
				return true
			}
		}
	}
	return false
}

// healthWords in a header say a table is a health plan's or a
// provider's: its "Member #" is a health plan member ID. Words as often
// of other trades (a telephone company's subscriber and rate plan, an
// auto insurer's claim and deductible) say it only together: a plan with
// a group.
var healthWords = []string{"health", "medical", "dental", "vision", "payer", "payor", "medicare", "medicaid", "mbi", "hicn", "mrn", "patient",
	"npi", "copay", "coinsurance", "rx", "pharmacy", "pcp", "physician", "diagnosis", "diag", "dx", "icd", "cpt", "hmo", "ppo", "clinic", "hospital"}

// bankWords in a header say an account is a financial one.
var bankWords = []string{"bank", "banking", "checking", "savings", "iban", "dda", "deposit", "ach", "direct", "financial", "routing", "aba",
	"share", "loan", "credit", "debit", "card", "brokerage", "investment", "transit", "swift", "bic", "bankaccount"}

// serviceWords in a header say a table is a telephone company's or a
// utility's: its "Account Number" is a service account, not a financial
// one.
var serviceWords = []string{"wireless", "imei", "iccid", "sim", "msisdn", "mdn", "meter", "kwh", "usage", "esn", "meid"}

// tableInfo is what a table's headers say of its rows (tableKind).
type tableInfo struct {
	// health: a health plan's or a provider's table (healthWords);
	// bank: financial accounts (bankWords); service: a telephone or
	// utility service (serviceWords); people: the rows are people
	// (peopleWords); given: a column holds given names, so that a bare
	// "Name" beside it is the surname, as German, French and Dutch
	// tables have it (Name, Vorname).
	health, bank, service, people, given bool
}

// tableKind says what a table's columns name.
func tableKind(cols []string, kinds map[string]uint8) tableInfo {
	var k uint8
	for _, c := range cols {
		ck, ok := kinds[c]
		if !ok {
			ck = columnKind(c)
			if len(kinds) > 10000 {
				clear(kinds)
			}
			kinds[c] = ck
		}
		k |= ck
	}
	return tableInfo{health: k&colHealth != 0 || k&(colPlan|colGroup) == colPlan|colGroup, bank: k&colBank != 0, service: k&colService != 0,
		people: k&colPeople != 0 || k&colGiven != 0, given: k&colGiven != 0}
}

// What a column's header says of its table (tableKind), as bits.
const (
	colHealth = 1 << iota
	colBank
	colService
	colPeople
	colPlan
	colGroup
	colGiven
)

// columnKind returns the col bits of one header: the same headers come
// with every row and record, so tableKind looks each up once.
func columnKind(c string) (k uint8) {
	ws := words(c)
	for _, b := range [...]struct {
		bit   uint8
		words []string
	}{{colHealth, healthWords}, {colBank, bankWords}, {colService, serviceWords}, {colPeople, peopleWords}, {colPlan, []string{"plan"}}, {colGroup, []string{"group", "grp"}}} {
		if has(ws, b.words...) {
			k |= b.bit
		}
	}
	if classify(c).kind == fGiven {
		k |= colGiven
	}
	return k
}

// peopleWords in a table's headers say its rows are people: a bare
// "Name" column beside them is a person's name. A person's data (email,
// birth date, address) or a role's number (Customer ID, Account Number).
var peopleWords = []string{"email", "phone", "mobile", "cell", "dob", "birth", "birthdate", "birthday", "ssn", "social", "address", "street",
	"zip", "postal", "postcode", "gender", "sex", "customer", "client", "member", "patient", "employee", "student", "borrower", "applicant",
	"account", "acct", "tin", "taxpayer",
	"mail", "courriel", "correo", "telefon", "téléphone", "telefono", "teléfono", "handy", "geburtsdatum", "naissance", "nacimiento", "nascita",
	"adresse", "dirección", "direccion", "indirizzo", "straße", "strasse", "kunde", "kundennr", "kundennummer", "cliente", "iban"}

// orgWords in a header say its address is an organisation's, not a
// person's ("Employer City", "Bank Address Zip").
var orgWords = []string{"bank", "employer", "company", "business", "branch", "merchant", "vendor", "store", "office", "facility", "hospital",
	"provider", "agent", "lender", "servicer", "institution", "payee", "school", "organization", "org"}

// notDriving are the words that make a "License" column another licence
// than a driver's: a vehicle's plate, a professional's or a business's.
var notDriving = []string{"plate", "plates", "vehicle", "tag", "business", "professional", "prof", "nursing", "nurse", "medical", "contractor",
	"software", "product", "key", "marriage", "firearm", "pilot", "fishing", "hunting", "liquor", "trade", "broker", "insurance", "agent",
	"provider", "practitioner", "physician", "pharmacist", "pharmacy", "dea", "npi", "occupational", "teaching", "teacher", "attorney", "bar", "realtor"}

// staffWords in a header say its name is of someone who serves the
// person, not of the person: "Attending Physician", "Provider Name",
// "Loan Officer", "Sales Rep". A name there is nobody to notify, and
// would give the row's person a second name.
var staffWords = []string{"provider", "physician", "doctor", "pcp", "attending", "referring", "prescriber", "prescribing", "nurse", "clinician",
	"therapist", "manager", "supervisor", "rep", "representative", "recruiter", "teacher", "counselor", "counsellor", "advisor", "adviser",
	"underwriter", "processor", "closer", "technician", "staff", "caseworker", "interviewer", "originator", "salesperson", "salesman", "cashier", "teller"}

// staffSet is staffWords as a set: every header is looked up in it.
var staffSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range staffWords {
		m[w] = true
	}
	return m
}()

// hasAny reports whether one of the words is in set.
func hasAny(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if set[w] {
			return true
		}
	}
	return false
}

// payerWords in a header say its name is an insurer's or a pharmacy's:
// "Payer Name", "PAYOR_NAME", "Insurance Name".
var payerWords = []string{"payer", "payor", "insurer", "insurance", "carrier", "pharmacy", "clinic", "practice", "hospital", "facility", "lab", "laboratory"}

// personWords in a name column's header say whose name it is; without one
// the column is loose (fieldInfo.loose).
var personWords = []string{"full", "fullname", "first", "last", "given", "family", "surname", "legal", "customer", "customername", "cust", "client",
	"borrower", "borrowername", "coborrower", "applicant", "patient", "insured", "member", "subscriber", "employee", "student", "contact",
	"contactname", "person", "owner", "holder", "cardholder", "beneficiary", "recipient", "signatory", "spouse", "guardian", "parent", "mother",
	"father", "tenant", "guarantor", "cosigner", "policyholder", "emergency", "kin", "dependent", "child", "buyer", "seller", "donor",
	"voter", "resident", "taxpayer", "debtor", "sender", "receiver", "shipping", "billing", "mailing", "nom", "nombre", "nome", "display"}

// onlyRoleWords reports whether a header's words are a person's role
// and at most an ordinal of it ("Primary Borrower", "Borrower 2").
func onlyRoleWords(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "borrower", "coborrower", "customer", "client", "applicant", "insured", "patient", "tenant", "employee", "member", "cosigner", "guarantor",
			"beneficiary", "policyholder", "subscriber", "contact", "person", "owner", "guardian", "primary", "secondary", "main", "first", "second", "legal", "co",
			"decedent", "payee", "signer", "addressee", "spouse", "emergency", "cardholder", "recipient":
			continue
		}
		if strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return true
}

// thingWords name things, not people: the name under such a key (a
// JSON "table.name", an XML <database name="crm">, phpMyAdmin's <table
// name="customers">) is the thing's.
var thingWords = []string{"company", "bank", "product", "file", "employer", "branch", "loan", "database", "db", "table", "column", "field",
	"sheet", "worksheet", "folder", "app", "application", "project", "server", "host", "domain", "device", "model", "brand", "campaign",
	"category", "group", "team", "department", "dept", "role", "plan", "program", "template", "document", "queue", "tag", "label",
	"attribute", "param", "parameter", "property", "option", "setting", "variable", "schema", "index", "view", "function", "procedure",
	"package", "module", "service", "event", "org", "organization", "vendor", "merchant", "store", "site", "page", "menu", "screen",
	"course", "school", "hospital", "facility", "provider", "payer", "insurer", "carrier", "bucket", "repo", "repository", "job", "task"}

// generic are key names that say nothing by themselves.
var generic = map[string]bool{"value": true, "number": true, "no": true, "num": true, "nbr": true, "text": true, "data": true, "val": true, "v": true, "raw": true, "item": true, "entry": true}

// classify says what a column or key path holds. The last element of a
// path decides; a generic one ("value", "number") defers to its parent.
func classify(field string) *fieldInfo {
	parts := pathParts(field)
	fi := &fieldInfo{name: field}
	if len(parts) > 1 && alternatives(field) {
		// Names for one column: the first that says what it holds.
		for k := range parts {
			ws := words(parts[k])
			if len(ws) == 0 {
				continue
			}
			if kind := classifyWords(ws, parts[:1], 0); kind != fUnknown {
				fi.kind, fi.norm = kind, custom.NormColumn(parts[len(parts)-1])
				fi.reasons = []string{"header:" + field}
				if p := partNames[kind]; p != "" {
					fi.reasons = append(fi.reasons, "part:"+p)
				}
				return fi
			}
		}
	}
	for k := len(parts) - 1; k >= 0 && k >= len(parts)-2; k-- {
		ws := words(parts[k])
		if k == len(parts)-1 {
			fi.norm = custom.NormColumn(parts[k])
		}
		if len(ws) == 0 {
			continue
		}
		if len(ws) == 1 && generic[ws[0]] && k > 0 {
			continue
		}
		fi.kind = classifyWords(ws, parts, k)
		if fi.kind == fUnknown {
			// "phone1", "email2": a numbered column of a kind.
			if bare := numberedWords(ws); bare != nil {
				ws = bare
				fi.kind = classifyWords(ws, parts, k)
			}
		}
		if fi.kind == fUnknown && k < len(parts)-1 {
			// "accounts[0].number", "cards.number": an array's key
			// names its items in the plural.
			if one := singularWords(ws); one != nil {
				ws = one
				fi.kind = classifyWords(ws, parts, k)
			}
		}
		fi.member = fi.kind == fHealth && has(ws, "member", "subscriber", "subscr", "sbscr", "mbr", "mem") && !has(ws, healthWords...) && !has(ws, "insurance", "insured", "plan")
		fi.account = fi.kind == fBank && !has(ws, bankWords...)
		fi.loose = fi.kind == fFullName && !has(ws, personWords...)
		if fi.kind == fNational {
			fi.national = govid.NationalHeader(ws)
		}
		fi.reasons = []string{"header:" + field}
		if p := partNames[fi.kind]; p != "" {
			fi.reasons = append(fi.reasons, "part:"+p)
		}
		if fi.kind == fUnknown && len(ws) == 1 && generic[ws[0]] {
			continue
		}
		return fi
	}
	return fi
}

// numberedWords returns a header's words with the number taken off those
// that end in one ("phone1" as "phone"), or nil when none does.
func numberedWords(ws []string) []string {
	var out []string
	for k, w := range ws {
		bare := strings.TrimRight(w, "0123456789")
		if bare == w || bare == "" {
			continue
		}
		if out == nil {
			out = slices.Clone(ws)
		}
		out[k] = bare
	}
	return out
}

// singularWords returns a header's words with the last one in the
// singular ("accounts" as "account", "addresses" as "address",
// "identities" as "identity"), or nil when it is not a plural.
func singularWords(ws []string) []string {
	w := ws[len(ws)-1]
	var one string
	switch {
	case len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us"):
		return nil
	case strings.HasSuffix(w, "ies"):
		one = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		one = w[:len(w)-2]
	default:
		one = w[:len(w)-1]
	}
	out := slices.Clone(ws)
	out[len(out)-1] = one
	return out
}

// alternatives reports whether a header's slashes separate names for one
// column ("State/Region", "Town/City", PayPal's "State/Province/Region/
// County/Territory/Prefecture/Republic"), not the steps of a key path:
// words of at most three each, no dots or brackets.
func alternatives(field string) bool {
	if !strings.Contains(field, "/") || len(field) > 80 || strings.ContainsAny(field, ".[]@") {
		return false
	}
	for _, p := range strings.Split(field, "/") {
		if n := len(strings.Fields(p)); n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// pathParts splits a field name into the elements of its key path (at
// ".", "/", "[", "]" and "@"). A slash inside parentheses is a format
// hint, not a path: "DOB (MM/DD/YYYY)" is one element; nor is a note in
// brackets after a blank: "Last Name [Required]" is "Last Name".
func pathParts(field string) []string {
	// A note in brackets after a blank is not a path step: Google
	// Workspace's "First Name [Required]", "Recovery Phone [MUST BE IN
	// THE E.164 FORMAT]".
	for strings.HasSuffix(field, "]") {
		i := strings.LastIndex(field, " [")
		if i <= 0 || strings.Contains(field[i+2:len(field)-1], "[") {
			break
		}
		field = strings.TrimRight(field[:i], " ")
	}
	field = strings.TrimSuffix(field, ".") // "Soc. Sec. No.", "D.O.B."
	var parts []string
	depth, start := 0, 0
	for i, r := range field {
		sep := false
		switch r {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case '/':
			sep = depth == 0
		case '.':
			// A key path's step, not an abbreviation's full stop
			// ("Soc. Sec. No.": a blank follows it).
			sep = i+1 < len(field) && field[i+1] != ' '
		case '[', ']', '@':
			sep = true
		}
		if sep {
			// An array's index ("accounts[0].number") is no step.
			if i > start && !(r == ']' && start > 0 && field[start-1] == '[' && digitsOnly(field[start:i])) {
				parts = append(parts, field[start:i])
			}
			start = i + 1
		}
	}
	if start < len(field) {
		parts = append(parts, field[start:])
	}
	// Initials with periods are one word, not a path: D.O.B., S.S.N.
	if len(parts) > 1 {
		for _, p := range parts {
			if len(strings.TrimSpace(p)) != 1 {
				return parts
			}
		}
		return []string{strings.ReplaceAll(strings.Join(parts, ""), " ", "")}
	}
	return parts
}

// digitsOnly reports whether s is one or more ASCII digits.
func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func classifyWords(ws []string, parts []string, k int) fieldKind {
	joined := strings.Join(ws, "")
	parent := ""
	if k > 0 {
		parent = strings.ToLower(custom.NormColumn(parts[k-1]))
	}
	nonPerson := has(ws, "company", "business", "bank", "product", "file", "host", "username", "street", "city", "branch", "employer",
		"plan", "type", "event", "table", "column", "org", "organization", "vendor", "merchant", "loan", "program", "device", "server",
		"app", "application", "db", "database", "screen", "login", "domain", "brand", "campaign", "category", "model",
		"project", "role", "group", "team", "dept", "department", "status", "country", "county", "key", "tag", "label", "doc",
		"document", "template", "sheet", "queue", "agent", "officer", "servicer", "lender", "investor", "payee", "institution", "nick", "short", "file", "path",
		"entreprise", "société", "societe", "firma", "empresa", "unternehmen", "azienda", "banque", "banco", "produit", "producto", "fichier", "archivo", "utilisateur", "usuario", "benutzer") ||
		// A user's name is a login ("User Name"); a user's first, last
		// or full name is a person's.
		has(ws, "user") && !has(ws, "first", "last", "full", "given", "surname", "middle", "fname", "lname", "firstname", "lastname", "fullname", "display", "displayname")
	switch {
	case has(ws, "ip", "mac", "url", "uri", "web", "website", "wallet", "hostname", "server"):
		return fNotPII
	case documentParent(parent) && has(ws, "state", "st", "country", "countrycode", "province", "region", "issuer", "issuing", "authority"):
		// An identity document's issuing state or country
		// ("idDocument.state", "passport.country"), not where its
		// holder lives.
		return fNotPII
	case hasAny(ws, staffSet) && !has(ws, "member", "insured", "subscriber", "policyholder"):
		// The attending physician's, the loan officer's: not the
		// person's. (An insurance provider's "Member ID" is read below.)
		return fNotPII
	case joined == "samaccountname" || joined == "logonname" || joined == "userlogonname":
		// A directory's account name is a login ("asouza"), not a
		// person's name.
		return fNotPII
	case joined == "userprincipalname" || joined == "upn":
		// A directory's sign-in name: an e-mail address in form.
		return fEmail
	case joined == "email" || has(ws, "email", "emails", "emailaddress", "courriel") || strings.Contains(joined, "email") || has(ws, "mail") && has(ws, "e") ||
		has(ws, "correo") && has(ws, "electrónico", "electronico", "e"):
		return fEmail
	case strings.Contains(joined, "password") || strings.Contains(joined, "passwd") || has(ws, "pwd", "pass", "passcode", "passphrase") ||
		// Other languages' words: contraseña, mot de passe, Passwort, senha.
		has(ws, "contraseña", "contrasena", "contrasenia", "motdepasse", "passwort", "kennwort", "senha", "wachtwoord") || has(ws, "mot") && has(ws, "passe") || has(ws, "clave") && has(ws, "acceso") || strings.Contains(joined, "securityanswer") ||
		strings.Contains(joined, "mothersmaiden") || strings.Contains(joined, "mothermaiden") ||
		has(ws, "mthr", "mthrs", "mother", "mothers", "moms") && has(ws, "mdn", "maiden"):
		// "MTHR-MDN-NM": a legacy system's abbreviation.
		// A mother's maiden name is the classic answer to a security question.
		return fPassword
	case has(ws, "cvv", "cvv2", "cvc", "cvc2", "csc", "cvn", "cvd", "cardcode", "securitycode") || has(ws, "security") && has(ws, "code", "cd") && !has(ws, "social") ||
		has(ws, "verification") && has(ws, "value", "code") && has(ws, "card"):
		return fCardCode
	case has(ws, "pin", "atmpin", "pinnumber") && !has(ws, "code", "zip", "postal", "tax", "irs", "reset", "changed", "date", "status", "attempts", "count", "tries", "set", "length", "hash", "type") ||
		has(ws, "pin") && has(ws, "card", "atm", "debit"):
		// A PIN code is an Indian postal code; an IP PIN is the IRS's.
		return fPIN
	case has(ws, "diagnosis", "diagnoses", "dx", "icd", "icd10", "icd9", "icd10cm", "diag", "diagnosiscode", "dxcode", "icdcode", "icd10code") &&
		!has(ws, "date", "dt", "count", "qty", "type", "flag", "indicator", "ind", "sequence", "seq", "pointer", "version", "ver", "position", "pos", "qualifier", "qual"):
		if has(ws, "code", "codes", "cd", "icd", "icd10", "icd9", "icd10cm", "diagnosiscode", "dxcode", "icdcode", "icd10code") {
			return fDxCode
		}
		return fDiagnosis
	case has(ws, "medication", "medications", "prescription", "prescriptions", "meds", "drug", "drugs") &&
		!has(ws, "date", "dt", "count", "qty", "number", "no", "num", "id", "type", "plan", "test", "screen", "screening", "coverage", "tier", "cost", "price", "amount", "allergy", "allergies"):
		return fMedication
	case clinical(ws):
		return fDiagnosis
	case has(ws, "cpt", "hcpcs", "cpt4") || has(ws, "procedure", "proc", "px") && has(ws, "code", "cd", "codes"):
		if has(ws, "date", "dt", "count", "qty", "modifier", "mod", "units", "type") {
			return fNotPII
		}
		return fProcedure
	case !has(ws, biometric.Not...) && (has(ws, biometric.Names...) || has(ws, biometric.Parts...) && has(ws, biometric.Forms...)):
		return fBiometric
	case !has(ws, genetic.Not...) && (has(ws, genetic.Names...) || has(ws, genetic.Subjects...) && has(ws, genetic.Forms...)):
		return fGenetic
	case has(ws, "alien", "uscis", "anumber") || len(ws) == 2 && ws[0] == "a" && has(ws, "number", "no", "num", "nbr"):
		if has(ws, "date", "dt", "expiration", "exp", "expires", "status", "type", "category", "class") {
			return fNotPII
		}
		return fANumber
	case strings.Contains(joined, "i94"):
		if has(ws, "date", "dt", "expiration", "exp", "expires", "status", "type", "class", "admit", "until") {
			return fNotPII
		}
		return fI94
	case has(ws, "edipi", "dodid") || has(ws, "dod") && has(ws, "id", "number", "no") || has(ws, "military") && has(ws, "id", "number", "no") && !has(ws, "branch", "status", "rank", "date", "dt", "exp", "expiration"):
		return fDoDID
	case has(ws, "tribal", "tribe") && has(ws, "id", "number", "no", "enrollment") && !has(ws, "name", "date", "dt", "status", "affiliation"):
		return fTribalID
	case has(ws, "state") && has(ws, "id", "identification") && len(ws) <= 4 && !has(ws, "tax", "employer", "withholding", "unemployment", "ui", "sui", "account", "license", "licence", "dl", "issuing", "issue", "exp", "expiration", "date", "dt", "type", "code", "abbr", "fips", "name"):
		// A state identification card's number ("State ID", "State ID
		// Number"); a state's own tax or employer ID is not a person's.
		return fStateID
	case govid.NationalHeader(ws) != nil && !has(ws, "date", "dt", "datum", "type", "status", "expiry", "expiration", "exp", "issued", "issue", "country", "land", "pays", "cert", "certified", "certification", "training"):
		// A European country's national or tax number: Germany's
		// Steuer-ID, Italy's codice fiscale, Spain's DNI, Poland's PESEL.
		return fNational
	case has(ws, "sin") && !has(ws, "ssn", "ss") || strings.Contains(joined, "socialinsurance"):
		// Canada's Social Insurance Number; a temporary resident's SIN
		// has an expiry date.
		if has(ws, "date", "dt", "expiry", "expiration", "exp", "expires", "status", "type") {
			return fNotPII
		}
		return fSIN
	case has(ws, "nino") || strings.Contains(joined, "nationalinsurance") || len(ws) <= 3 && has(ws, "ni") && has(ws, "number", "no", "num", "nbr"):
		// The UK's National Insurance number ("NI Number", "NINO").
		if has(ws, "date", "dt", "category", "cat", "class", "contributions", "contribution", "status", "type", "rate") {
			return fNotPII
		}
		return fNINO
	case (has(ws, assigned.EmployeeWords...) && has(ws, "id", "number", "no", "num", "nbr") || has(ws, assigned.EmployeeIDs...)) && len(ws) <= 4 && !has(ws, assigned.Not...) && !has(ws, assigned.StudentWords...):
		// An employee number; a manager's or recruiter's number in the
		// same row is someone else's, and a tax ID is the SSN's case
		// below.
		return fEmployeeID
	case (has(ws, assigned.StudentWords...) && has(ws, "id", "number", "no", "num", "nbr") || has(ws, assigned.StudentIDs...)) && len(ws) <= 4 && !has(ws, assigned.Not...):
		// A student number; a student loan's number is an account's.
		return fStudentID
	case has(ws, "itin"):
		return fITIN
	case has(ws, "ssn", "ssns", "socsec") || joined == "social" || has(ws, "fed", "federal") && has(ws, "id", "no", "number", "tin", "taxid") && len(ws) <= 3 || has(ws, "ss") && len(ws) <= 3 && onlyHolderWords(ws, "ss") || has(ws, "social") && has(ws, "no", "num", "number", "nbr", "sec") || strings.HasPrefix(joined, "socsec") || joined == "ss" || joined == "ssno" || joined == "ssnum" || joined == "ssnumber" || strings.Contains(joined, "socialsecurity") || strings.Contains(joined, "taxid") || strings.Contains(joined, "taxpayerid") || has(ws, "tin", "taxid", "taxno") || has(ws, "tax") && has(ws, "id", "no", "number", "num") ||
		has(ws, "government", "govt", "gov", "national", "natl") && has(ws, "id", "no", "number", "num", "identifier", "identification") && !has(ws, "type", "issuer", "issuing", "state", "country", "expiry", "expiration", "exp", "insurance", "provider", "npi", "drug", "bank"):
		// Outlook's contact field "Government ID Number" and Workday's
		// "National ID" hold, in the US, the person's SSN; a value that
		// is none is not reported.
		return fTaxID
	case has(ws, "dob", "birth", "birthdate", "birthday", "bday", "bdate", "dateofbirth", "born") || joined == "bdate" || strings.Contains(joined, "birth") ||
		// France's "date naiss." and "anniversaire", Spain's "F. Nac.".
		has(ws, "naiss", "datenaiss", "anniversaire", "fnac", "fechanac", "fechanacimiento") || has(ws, "fecha", "f") && has(ws, "nac") ||
		has(ws, "naissance", "geburtsdatum", "geburtstag", "nacimiento", "nascita", "nascimento", "geboortedatum", "geboren", "née", "né"):
		return fDOB
	case has(ws, "routing", "aba", "rtn", "rtg", "transit", "routingnumber") || has(ws, "rte") && has(ws, "ach", "bank", "bnk", "dd", "eft", "deposit"):
		// "ACH-RTE-NO": a servicing system's abbreviation.
		return fRouting
	case has(ws, "passport") || has(ws, passport.Foreign...) || has(ws, "travel") && has(ws, "document", "doc") && !has(ws, "type", "date", "dt", "expiry", "expiration", "exp", "country", "issuing", "issuer"):
		// An airline's "Travel Document Number": the passport's; not
		// its dates, country or type (nor "Reisepass Ablaufdatum",
		// "Pasaporte fecha").
		if has(ws, "expiry", "expiration", "exp", "expires", "issued", "issue", "date", "dt", "country", "issuing", "issuer", "nationality", "type", "status", "photo", "scan", "image",
			"datum", "ablaufdatum", "gültig", "fecha", "vencimiento", "data", "scadenza", "validité", "pays", "land", "país", "paese") {
			return fNotPII
		}
		return fPassport
	case has(ws, "dl", "dln", "license", "licence", "driverslicense", "dlnum", "dlno") || joined == "drivers" || has(ws, "lic", "licence", "license", "lcns") && has(ws, "driver", "drivers", "dr", "drv", "dl", "driving") || strings.Contains(joined, "driverslicense") || strings.Contains(joined, "driverlicense") ||
		// Germany's Führerschein, the Netherlands' rijbewijs, Sweden's
		// körkort; France's permis de conduire, Italy's patente di guida,
		// Spain's carnet or licencia de conducir, Poland's prawo jazdy.
		has(ws, dl.Foreign...) || has(ws, "permis") && has(ws, "conduire") || has(ws, "patente") && has(ws, "guida") ||
		has(ws, "carnet", "carné", "licencia") && has(ws, "conducir", "manejo", "conduccion", "conducción") || has(ws, "prawo") && has(ws, "jazdy"):
		if has(ws, "st", "state", "class", "exp", "expiration", "expires", "issued", "date", "type", "status", "restrictions",
			"klasse", "datum", "ablaufdatum", "fecha", "data", "scadenza", "catégorie", "categoria", "pays", "land") {
			return fNotPII
		}
		if !has(ws, "dl", "dln", "driver", "drivers", "driverslicense", "dlnum", "dlno", "dr", "drv", "operator") && has(ws, notDriving...) {
			// A licence plate, a nurse's or a business's licence: not
			// a driver's licence.
			return fNotPII
		}
		return fDL
	case has(ws, "nhs") && !has(ws, "trust", "organisation", "organization", "site", "provider", "gp", "practice"):
		// An NHS number, checked by its check digit; an NHS trust's or
		// practice's code is an organisation's.
		return fNHS
	case has(ws, "mbi", "medicare", "mrn", "hicn", "medicaid", "ohip", "healthcard") || strings.Contains(joined, "medicalrecord") || strings.Contains(joined, "healthplan") || has(ws, "subscriber", "subscr", "sbscr", "member", "mbr", "mem") && has(ws, "id", "no", "number", "num", "nbr") ||
		// A patient's or chart's number is the medical record number; a
		// health card is a provincial plan's (Ontario's OHIP).
		has(ws, "patient", "chart", "health", "pt") && has(ws, "id", "no", "number", "num", "nbr", "identifier", "card") &&
			!has(ws, "account", "acct", "name", "type", "status", "date", "dt", "visit", "encounter", "count", "phone", "email", "plan", "group", "provider",
				"tax", "ssn", "social", "license", "licence", "dl", "passport", "zip", "postal") ||
		has(ws, "insurance", "insured") && has(ws, "id", "no", "number", "member") && !has(ws, "company", "carrier", "agent", "agency", "policy", "claim", "group", "hazard", "flood", "mortgage", "auto"):
		// An insurance or insured's ID in a patient or member export is
		// the health plan's member number.
		return fHealth
	case has(ws, "cardholder", "holder") && (has(ws, "name") || len(ws) == 1 || len(ws) == 2 && has(ws, "card")) ||
		has(ws, "name") && has(ws, "on") && has(ws, "card"):
		// "Card Holder", "Name on Card": the card's holder, not its number.
		return fFullName
	case has(ws, "holder", "holders", "owner", "owners") && has(ws, "account", "acct") && len(ws) <= 4 &&
		!has(ws, "number", "no", "num", "id", "type", "status", "address", "addr", "phone", "email", "ssn", "tin", "dob", "tax", "city", "state", "zip", "since", "date"):
		// A bank's "Account Holder", "Joint Account Holder (Name)": a
		// person's name, not the account's.
		return fFullName
	case has(ws, "nom", "nombre", "nome", "name") && has(ws, "complet", "completo", "complète", "vollständiger", "volledige"):
		return fFullName
	case len(ws) <= 2 && has(ws, "borrower", "coborrower", "customer", "client", "applicant", "insured", "patient", "tenant", "employee", "member", "cosigner", "guarantor", "beneficiary", "policyholder", "subscriber", "contact", "person", "owner", "guardian",
		"decedent", "payee", "signer", "addressee", "spouse") && onlyRoleWords(ws):
		// "Borrower", "Primary Borrower", "Borrower 2": the person's
		// name. "Borrower Phone", "Customer Address" are the cases
		// below, by their other word.
		return fFullName
	case has(ws, "card", "cc", "pan", "ccnumber", "ccnum", "creditcard", "cardnumber", "ccn", "cardno", "debitcard", "tarjeta") || strings.Contains(joined, "creditcard") ||
		joined == "primaryaccountnumber" || has(ws, "carte") && has(ws, "bancaire", "credit", "crédit", "bleue"):
		// "PrimaryAccountNumber" is the card's (the PAN), not a bank's.
		if has(ws, "type", "brand", "exp", "expiry", "expiration", "cvv", "last4", "last", "network", "status") {
			return fNotPII
		}
		return fCard
	case has(ws, "account", "acct", "accountnumber", "bankaccount", "iban", "dda", "acctno", "accountno", "accno") || joined == "accountnumber" || has(ws, "acc") && has(ws, "no", "num", "number", "nbr"):
		if has(ws, "type", "status", "name", "holder", "open", "opened", "date", "id", "manager", "officer", "balance", "kind") {
			return fNotPII
		}
		return fBank
	case has(ws, "phone", "phones", "tel", "telephone", "mobile", "cell", "fax", "homephone", "cellphone", "phonenumber", "workphone", "mobilephone",
		"téléphone", "telefon", "teléfono", "telefono", "telefone", "telefoon", "handy", "portable", "móvil", "movil", "celular", "cellulare", "mobiel") || joined == "contactnumber" ||
		has(ws, "ph") && (len(ws) <= 2 || has(ws, "hm", "home", "wk", "work", "cell", "cel", "mob", "day", "eve", "night", "alt", "primary", "borr", "cust", "emp", "emerg")) || has(ws, "phn", "phne", "fone", "tele", "cellno", "mob", "landline") || has(ws, "contact") && has(ws, "no", "num", "nbr") && len(ws) <= 3 || has(ws, "msisdn", "mdn", "ctn") || has(ws, "wireless") && has(ws, "number", "no", "num", "nbr"):
		// MSISDN, MDN, CTN, "Wireless Number": a telephone company's
		// names for the subscriber's number.
		if has(ws, "type", "ext", "extension", "country", "verified", "status") {
			return fNotPII
		}
		return fPhone
	case has(ws, "suffix", "sfx", "namesuffix", "generation") && !has(ws, "street", "st", "str", "addr", "address", "road", "rd", "unit", "zip", "postal", "phone", "file"):
		// Jr., Sr., III: a name's generational suffix.
		if nonPerson {
			return fNotPII
		}
		return fSuffix
	case has(ws, "maiden", "maidenname", "former", "previous", "prior", "preferred", "nickname", "aka", "alias", "alternate") && (has(ws, "name", "names", "surname", "lastname", "aka", "alias") || joined == "nickname" || joined == "maidenname" || joined == "maiden"):
		// "Maiden Name", Synthea's "MAIDEN", "Former Last Name",
		// "Preferred Name", "AKA": the person's other name, not the one
		// a letter is addressed to.
		if nonPerson {
			return fNotPII
		}
		return fAlias
	case has(ws, "first", "given", "firstname", "givenname") && has(ws, "last", "surname", "lastname", "family") && has(ws, "name", "names", "firstname", "lastname", "givenname") &&
		!has(ws, "date", "login", "seen", "time", "ts", "visit", "four", "digits", "4"):
		// "Name (Last, First)", "First and Last Name": both parts, in
		// one cell.
		if nonPerson {
			return fNotPII
		}
		return fFullName
	case has(ws, "first", "frst", "fst", "given", "fname", "firstname", "forename", "givenname", "firstnm", "prénom", "prenom", "vorname", "voornaam", "nombre", "nome", "primeiro", "primernombre") && !has(ws, "date", "payment", "login", "seen", "time", "ts", "amount", "due", "use", "used", "visit", "at", "on", "day"):
		if nonPerson {
			return fNotPII
		}
		return fGiven
	case has(ws, "middle", "mname", "mi", "middlename", "middleinitial", "mid"):
		if nonPerson {
			return fNotPII
		}
		return fMiddle
	case has(ws, "last", "lst", "surname", "sur", "lname", "lastname", "family", "familyname", "lastnm", "nom", "nachname", "familienname", "apellido", "apellidos", "cognome", "achternaam", "sobrenome") && !has(ws, "date", "payment", "login", "seen", "updated", "modified", "four", "digits", "paid", "time", "ts", "amount", "due", "visit", "at", "on", "activity", "4"):
		if nonPerson {
			return fNotPII
		}
		return fSurname
	case headIs(ws, "city", "town", "municipality", "ville", "stadt", "ort", "ciudad", "città", "cidade", "plaats") && !has(ws, orgWords...) && !has(ws, "birth", "origin", "issuing"):
		// "Default Address City", "Home Address - City", MISMO's
		// "CityName": a part of the address its header names first,
		// unless the address is an organisation's. (Before names: a
		// "City Name" or "State Name" is not a person's.)
		return fCity
	case (headIs(ws, "state", "province", "stateprovince") || headIs(ws, "region") && has(ws, "address", "addr", "mailing", "home", "billing", "shipping", "postal")) && !has(ws, orgWords...) && !has(ws, "license", "licence", "dl", "tax", "card", "issuing", "birth"):
		// Google Contacts' "Address 1 - Region" is the state too.
		return fState
	case headIs(ws, "zip", "zipcode", "postal", "postalcode", "postcode", "zip5", "plz", "postleitzahl") && !has(ws, orgWords...) && !has(ws, "birth", "origin"):
		return fZIP
	case has(ws, "country", "countrycode", "pays", "país", "pais", "paese") && (len(ws) <= 3 || headIs(ws, "country")) &&
		!has(ws, "birth", "citizenship", "nationality", "origin", "issuing", "issuer", "issue", "passport", "bank", "card", "ip", "phone", "tax", "incorporation", "risk"):
		// The country of a postal address: where its person lives,
		// which decides the law (GDPR, PIPEDA) as a state does.
		return fCountry
	case has(ws, "street", "road", "strasse", "straße", "calle", "rue") && has(ws, "name", "nm") && !has(ws, orgWords...),
		has(ws, "house", "housenumber", "houseno", "housenum", "hausnummer", "hnr", "streetnumber", "streetno", "streetnum") &&
			(len(ws) == 1 || has(ws, "number", "num", "no", "nr", "nbr")) && !has(ws, orgWords...):
		// "Street Name" and "House Number": an address split into its
		// parts, as voter files, property records and FEBRL keep it.
		return fStreet
	case has(ws, "name", "fullname", "borrowername", "customername", "contactname", "nm", "insured", "beneficiary", "recipient", "signatory") || joined == "fullname":
		if nonPerson || has(ws, payerWords...) || has(ws, "service", "services") && !has(ws, "member") || parent != "" && has(words(parent), thingWords...) {
			// Also a service's name (AWS's serviceFullName); a service
			// member's is a person's.
			return fNotPII
		}
		return fFullName
	case has(ws, "line2", "addr2", "add2", "address2", "street2", "unit", "apt", "suite", "apartment", "addressline2") ||
		len(ws) >= 2 && ws[len(ws)-1] == "2" && has(ws[:len(ws)-1], "address", "addr", "street", "line") && !has(ws, orgWords...):
		// "Home Address 2", "Mailing Street 2": the second line of the
		// address before it.
		return fUnit
	case has(ws, "address", "addr", "addr1", "add1", "address1", "line1", "street", "street1", "streetaddress", "addressline1", "line", "mailing", "residence", "pobox",
		"adresse", "dirección", "direccion", "domicilio", "indirizzo", "endereço", "endereco", "straße", "strasse", "adres", "rue", "calle") ||
		has(ws, "po") && has(ws, "box"):
		if len(ws) >= 2 && has(ws, orgWords...) && !has(ws, "post", "po") {
			// "Business Address Street", "Employer Address": an
			// organisation's, as its city and ZIP Code are above (a
			// post office box is the person's).
			return fNotPII
		}
		return fStreet
	case len(ws) >= 2 && has(ws, orgWords...) && has(ws, "city", "town", "state", "zip", "zipcode", "postal", "postalcode", "postcode", "zip5", "zip4"):
		// "Business City", "Employer Zip": an organisation's, as its
		// street is above.
		return fNotPII
	case has(ws, "city", "cty", "town", "borough", "suburb", "municipality", "ville", "stadt", "ort", "wohnort", "ciudad", "localidad", "città", "citta", "comune", "cidade", "plaats", "woonplaats"):
		return fCity
	case has(ws, "state", "st", "province", "stateprovince", "estado", "provincia") && len(ws) <= 2 && !has(ws, "status", "statement") ||
		joined == "region" && addressParent(parent):
		// A "region" key in an address object ("addresses.region") is
		// its state, as Google's and Stripe's exports name it.
		return fState
	case has(ws, "zip", "zipcode", "postal", "postalcode", "postcode", "zip5", "zip4", "zipplus4", "plz", "postleitzahl", "postale", "codepostal") || joined == "cap" ||
		len(ws) <= 3 && has(ws, "post") && has(ws, "code"):
		// Italy's CAP (codice di avviamento postale), a header of its
		// own; a rate's cap is "Rate Cap", "Lifetime Cap".
		return fZIP
	case has(ws, "id", "uuid", "guid", "hash", "sha", "sha256", "sha1", "md5", "order", "invoice", "amount", "cents", "balance",
		"principal", "due", "date", "dt", "created", "updated", "ts", "timestamp", "time", "ref", "reference", "loan", "txn",
		"transaction", "status", "type", "count", "qty", "price", "total", "rate", "fee", "page", "version", "source", "code", "sku", "seq", "key", "token", "exported", "at"):
		return fNotPII
	}
	return fUnknown
}

// documentParent reports whether a key's parent (normalised) is an
// identity document object: "iddocument", "passport", "driverslicense".
func documentParent(p string) bool {
	return p != "" && (strings.Contains(p, "document") || strings.Contains(p, "passport") || strings.Contains(p, "license") || strings.Contains(p, "licence") ||
		strings.HasSuffix(p, "idcard") || p == "identification" || p == "iddoc")
}

// addressParent reports whether a key's parent (normalised) is a postal
// address object: "address", "addresses", "billing_address", "home_addr".
// An organisation's ("company_address") is not.
func addressParent(parent string) bool {
	if !strings.Contains(parent, "addr") {
		return false
	}
	for _, w := range orgWords {
		if strings.Contains(parent, w) {
			return false
		}
	}
	return true
}

// onlyHolderWords reports whether the words of a header other than w say
// only whose value it is or that it is a number: "SS# Primary", "SS No
// Borrower".
func onlyHolderWords(ws []string, w string) bool {
	for _, x := range ws {
		switch x {
		case w, "primary", "secondary", "borrower", "coborrower", "co", "spouse", "applicant", "coapplicant", "member", "employee",
			"patient", "insured", "subscriber", "customer", "no", "num", "number", "nbr", "1", "2":
		default:
			return false
		}
	}
	return true
}

// cityStateZIP reports a value under a city, state or ZIP Code header
// that holds the address's whole last line ("Columbus, OH 43215" under
// "City/State/Zip", "Dayton, Ohio" under "City, State"): the part
// "locality", which people reads into all three.
func cityStateZIP(sv string) bool {
	return address.ValidLocality(sv) || address.ValidCityState(sv)
}

// trimSpan returns the bounds of seg.Text without surrounding spaces.
func trimSpan(b []byte) (int, int) {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\r' || b[j-1] == '\n') {
		j--
	}
	return i, j
}

// digitsOf returns the digits of v and whether v holds only digits and
// the separators "- ./()+".
func digitsOf(v []byte, buf []byte, gbuf []int, sbuf []byte) ([]byte, []int, []byte, bool) {
	buf = buf[:0]
	groups, seps := gbuf[:0], sbuf[:0]
	n := 0
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
			buf = append(buf, c)
			n++
		case c == '-' || c == ' ' || c == '.' || c == '/' || c == ')':
			if n > 0 {
				groups = append(groups, n)
				seps = append(seps, c)
				n = 0
			}
			if c == ')' && i+1 < len(v) && v[i+1] == ' ' {
				continue
			}
		case c == '(' || c == '+':
			if c == '(' && n > 0 { // "+1(415)": the country code is a group
				groups = append(groups, n)
				seps = append(seps, c)
				n = 0
			}
		default:
			return nil, nil, nil, false
		}
	}
	if n > 0 {
		groups = append(groups, n)
	} else if len(seps) > 0 {
		seps = seps[:len(seps)-1]
	}
	// Collapse ") " into one separator.
	return buf, groups, seps, len(buf) > 0
}

// field detects the value of a structured field whose header decides.
// people says the segment's table has columns of a person's data (email,
// phone, birth date, address): a loose name column there is a person's.
func (e *Engine) field(seg *scan.Segment, fi *fieldInfo, t tableInfo, emit func(scan.Match)) {
	st, en := trimSpan(seg.Text)
	if st >= en {
		return
	}
	v := seg.Text[st:en]
	// Quotes left around a value (SQL, loose CSV), and the formula
	// ="02134" that CSV exports write to keep a spreadsheet from dropping
	// leading zeros.
	if en-st >= 3 && v[0] == '=' && v[1] == '"' && v[len(v)-1] == '"' {
		st++
		v = seg.Text[st:en]
	}
	if en-st >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		st, en = st+1, en-1
		v = seg.Text[st:en]
	}
	if en-st >= 2 && v[0] == '\'' && asciiDigit(v[1]) && asciiDigit(v[len(v)-1]) {
		// '02134: Excel's mark of a number kept as text, which
		// Shopify and others write into CSV to keep leading zeros.
		st++
		v = seg.Text[st:en]
	}
	if len(v) == len(fi.name) && strings.EqualFold(string(v), fi.name) {
		return // the header again: a report's header row repeated on each page
	}
	sv := view(v)
	out := func(t breachkit.Element, conf float64, part string) {
		if conf < e.min {
			return
		}
		r := fi.reasons
		if part != partNames[fi.kind] || r == nil {
			r = []string{"header:" + fi.name}
			if part != "" {
				r = append(r, "part:"+part)
			}
		}
		emit(scan.Match{Type: t, Start: st, End: en, Confidence: conf, Reasons: r})
	}
	// outRule emits a match of the column named by a rule of its own
	// ("rule:excel-serial-date") rather than by its part.
	outRule := func(t breachkit.Element, conf float64, rule string) {
		if conf >= e.min {
			emit(scan.Match{Type: t, Start: st, End: en, Confidence: conf, Reasons: []string{"header:" + fi.name, rule}})
		}
	}
	// Digits, groups and separators of a number value, on the stack: a
	// number cell costs no allocation.
	var buf [24]byte
	var gbuf [12]int
	var sbuf [12]byte
	switch fi.kind {
	case fNational:
		if k := govid.NationalValid(v, fi.national); k != govid.NoNational {
			outRule(breachkit.GovID, 0.95, k.Reason())
		}
	case fTaxID, fITIN:
		d, groups, seps, ok := digitsOf(v, buf[:0], gbuf[:0], sbuf[:0])
		if !ok {
			if fi.kind == fTaxID {
				e.nationalTaxID(v, st, en, fi, emit)
			}
			return
		}
		if _, ok := itin.Score(d, groups, seps); ok {
			out(breachkit.ITIN, 0.99, "")
		} else if _, ok := ssn.Score(d, groups, seps); ok && fi.kind == fTaxID {
			out(breachkit.SSN, 0.99, "")
		} else if fi.kind == fTaxID && len(groups) == 1 && len(d) >= 7 && len(d) <= 8 {
			// An SSN that a spreadsheet stored as a number lost its
			// leading zeros (012-44-8721 became 12448721): restored, it
			// must still be a valid SSN.
			var p [9]byte
			n := copy(p[9-len(d):], d)
			for k := range 9 - n {
				p[k] = '0'
			}
			if _, ok := ssn.Score(p[:], []int{9}, nil); ok {
				outRule(breachkit.SSN, 0.9, "rule:ssn-leading-zeros-lost")
			}
		} else if fi.kind == fTaxID {
			e.nationalTaxID(v, st, en, fi, emit)
		}
	case fDOB:
		if dob.Parse(sv) {
			out(breachkit.DOB, 0.98, "")
		} else if k := timeOfDay(v); k > 0 && dob.Parse(view(v[:k])) {
			// A date with a time, as databases and APIs write dates of
			// birth (1980-05-17T00:00:00Z, 1980-05-17 00:00:00.000):
			// the date is the value.
			en = st + k
			out(breachkit.DOB, 0.98, "")
		} else if excelSerial(v) {
			// A spreadsheet's date saved as a number (21356 is
			// 1958-06-20), as a CSV exported without its formats has it.
			outRule(breachkit.DOB, 0.9, "rule:excel-serial-date")
		}
	case fEmail:
		if email.ValidBytes(v) {
			out(breachkit.Email, 0.99, "")
			return
		}
		e.textIn(seg, emit, breachkit.Email)
	case fPhone:
		// An extension (x123, ext. 45, #7) is not part of the number.
		num := v
		if k := phoneExt(v); k > 0 {
			num = bytes.TrimRight(v[:k], " ,;")
		}
		d, groups, seps, ok := digitsOf(num, buf[:0], gbuf[:0], sbuf[:0])
		if ok && len(d) == 13 && string(d[:3]) == "001" && len(groups) > 1 && groups[0] == 3 {
			// 001-918-463-0147: the United States dialled from abroad.
			d, groups, seps = d[3:], groups[1:], seps[1:]
		}
		if ok && len(num) > 0 {
			if _, ok := phone.Score(d, groups, seps); ok {
				en = st + len(num)
				out(breachkit.Phone, 0.98, "")
				return
			} else if num[0] == '+' && phone.International(d) || len(d) > 2 && d[0] == '0' && d[1] == '0' && num[0] == '0' && phone.International(d[2:]) {
				en = st + len(num)
				out(breachkit.Phone, 0.98, "")
				return
			} else if len(d) > 1 && d[0] == '0' && d[1] != '0' && !nanpLayout(num, groups) && phone.National(d) {
				// 07911 123456, 030 901820: a number in the national form
				// of a European country, Australia or New Zealand. One
				// written as North America writes them, (066) 303-1040,
				// is a North American number that is no valid one.
				en = st + len(num)
				out(breachkit.Phone, 0.95, "")
				return
			} else if (phone.Spanish(d) || phone.Italian(d) && !nanpLayout(num, groups)) && phone.National(d) {
				// 612 345 678, 912345678: Spain's nine digits, with no
				// trunk prefix; 347 123 4567, an Italian mobile's ten,
				// not written as North America writes its numbers
				// ((302) 123-4567 is a North American one, no valid one).
				en = st + len(num)
				out(breachkit.Phone, 0.95, "")
				return
			} else if phone.Mexican(d, groups, seps) {
				// 55 1234 5678: Mexico City's area code and two blocks
				// of four.
				en = st + len(num)
				out(breachkit.Phone, 0.95, "")
				return
			} else if _, ok := phone.ScoreUnassigned(d, groups, seps); ok {
				// (591) 443-3867: a North American number in all but its
				// area code, which no number has. In a phone column it is
				// still what the person gave as theirs.
				en = st + len(num)
				outRule(breachkit.Phone, 0.85, "rule:phone-unassigned-area")
				return
			}
		}
		// "Home: 415-867-5309", "415-867-5309 / 415-555-0100": the
		// numbers in the value.
		if !ok {
			e.textIn(seg, emit, breachkit.Phone)
		}
	case fCard:
		d, _, _, ok := digitsOf(v, buf[:0], gbuf[:0], sbuf[:0])
		if !ok && govid.NationalValid(v, panKinds) != govid.NoNational {
			// "PAN" heads a card's primary account number and, in an
			// Indian HR or KYC file, the Permanent Account Number.
			outRule(breachkit.GovID, 0.95, govid.INPAN.Reason())
			return
		}
		if !ok && bytes.IndexFunc(v, unicode.IsLetter) >= 0 {
			// "Cc: Ana Souza <ana@example.org>", an archive's "X-cc:
			// Jeffrey A Shankman": an e-mail's copy list, whose header
			// reads like a card column's. Its people are found as in
			// free text.
			e.textIn(seg, emit, "")
			return
		}
		if ok && card.Test(d) {
			outRule(breachkit.CardNumber, testCardConf, "rule:card-test-number")
		} else if ok && card.Valid(d) {
			out(breachkit.CardNumber, 0.99, "")
		} else if ok && card.ValidRegional(d) {
			// Maestro, Mir, Troy…: the column says what the prefix
			// alone cannot.
			out(breachkit.CardNumber, 0.95, "")
		}
	case fRouting:
		d, groups, _, ok := digitsOf(v, buf[:0], gbuf[:0], sbuf[:0])
		if ok && len(groups) == 1 && routing.Valid(d) {
			out(breachkit.RoutingNumber, 0.99, "")
		}
	case fBank:
		d, _, _, ok := digitsOf(v, buf[:0], gbuf[:0], sbuf[:0])
		if ok && len(d) >= 15 && (strings.Contains(fi.norm, "consumer") || strings.Contains(fi.norm, "credit")) && card.Valid(d) {
			// A consumer or credit account's number that is a card's
			// (length, issuer prefix, check digit) is the card's:
			// Metro 2's consumer account number of a card account. A
			// bank account may pass those checks too, so a column named
			// only "account" keeps its numbers bank accounts.
			out(breachkit.CardNumber, 0.95, "")
		} else if ok && bank.Valid(d) && !sample.Number(d) {
			out(breachkit.BankAccount, 0.97, "")
		} else if end, ok := bank.IBANAt(v, 0); ok && end == len(v) {
			out(breachkit.BankAccount, 0.99, "")
		}
	case fDL:
		// A British licence number has sixteen characters or more
		// (MORGA753116SM91J 01), more than Valid's US shapes.
		if dl.Valid(sv) || dl.UK(v) == len(v) {
			out(breachkit.DriversLicense, 0.95, "")
		}
	case fPassport:
		if passport.InColumn(strings.ToUpper(sv)) {
			out(breachkit.Passport, 0.95, "")
		}
	case fHealth:
		if health.Valid(sv) {
			out(breachkit.HealthID, 0.95, "")
			if n := hicnSSN(v); n > 0 && 0.95 >= e.min {
				// A Medicare claim number (HICN) holds its SSN.
				emit(scan.Match{Type: breachkit.SSN, Start: st, End: st + n, Confidence: 0.95, Reasons: []string{"header:" + fi.name, "rule:hicn"}})
			}
		}
	case fPassword:
		if creds.Valid(sv) && creds.Hashed(sv) {
			// A password hash (bcrypt, argon2, a hex digest) opens no
			// account by itself: reported below the default confidence.
			out(breachkit.Credentials, 0.4, "")
		} else if creds.Valid(sv) {
			out(breachkit.Credentials, 0.9, "")
			if strings.Contains(fi.norm, "maiden") || strings.Contains(fi.norm, "mdn") {
				// The answer to a security question, and a mother's
				// maiden name, which some state laws name by itself.
				out(breachkit.MothersMaidenName, 0.9, "")
			}
		}
	case fDiagnosis, fDxCode:
		switch {
		case medical.CodeList(v, medical.Diagnosis):
			out(breachkit.MedicalInfo, 0.95, "")
		case fi.kind == fDiagnosis && medical.Text(v):
			out(breachkit.MedicalInfo, 0.85, "")
		}
	case fCardCode, fPIN, fMedication, fProcedure, fBiometric, fGenetic, fANumber, fI94, fStateID, fDoDID, fTribalID, fSIN, fNINO, fNHS, fEmployeeID, fStudentID:
		if c := &valueRules[fi.kind]; c.ok(v) {
			if c.rule != "" {
				outRule(c.typ, c.conf, c.rule)
			} else {
				out(c.typ, c.conf, "")
			}
			if fi.kind == fEmployeeID || fi.kind == fStudentID {
				if t := ssnShaped(v); t != "" {
					// 212-67-4093 in an employee or student ID column:
					// the SSN such systems long used as the ID.
					outRule(t, 0.8, "rule:ssn-as-id")
				}
			}
		}
	case fGiven, fMiddle, fSurname, fFullName, fAlias:
		if fi.kind == fFullName && strings.Contains(fi.norm, "display") && !knownName(sv) {
			// A display name is a person's in a directory and a
			// product's or a team's elsewhere: one of its words must be
			// a known given name or surname.
			break
		}
		if fi.loose {
			// "name", "locationName" name anything: a file (ctr.go), a
			// CSS property, an instruction (CSETM), an API's field
			// (ReceiptHandle), a service (Amazon Security Lake). Beside
			// a person's email, phone or address it is a person's; else
			// a given name must say so, the value's own or, in a column
			// of them, most of the column's.
			if t.given && name.Valid(sv) && !strings.ContainsAny(sv, " ,") && !name.Ordinary(v) {
				// "Name" beside "Vorname": the surname.
				out(breachkit.PersonName, 0.9, "surname")
				break
			}
			pl := personLike(sv) && !name.HasStop(sv)
			ok := pl && t.people
			if pl && !t.people {
				shaped, first := nameShape(sv)
				col := fi.nameColumn(seg, shaped && first)
				ok = givenIn(sv) && !ordinaryIn(sv) || shaped && (first || col)
			}
			if !ok {
				break
			}
		}
		if fi.kind == fFullName && (camelCase(sv) || oneCamelWord(sv)) {
			break
		}
		if name.Valid(sv) {
			conf := 0.97
			if fi.kind == fMiddle && len(strings.TrimSuffix(sv, ".")) == 1 {
				conf = 0.9
			}
			out(breachkit.PersonName, conf, partNames[fi.kind])
		} else if !fi.loose && name.ValidNumbered(sv) {
			// "Jacinto644 Kris249": Synthea's patients, whose names carry
			// a number to make them unique, under a column of names.
			out(breachkit.PersonName, 0.85, partNames[fi.kind])
		} else if bytes.IndexByte(v, '@') >= 0 {
			// "Owner: Ana Souza <ana.souza@example.org>": the name with
			// its address, found as in free text.
			e.textIn(seg, emit, "")
		}
	case fSuffix:
		if gazetteer.Generation(sv) != gazetteer.NoGeneration {
			out(breachkit.PersonName, 0.9, "suffix")
		}
	case fStreet:
		if address.ValidFull(sv) {
			out(breachkit.Address, 0.98, "full")
		} else if address.ValidLocality(sv) {
			// "Address Line 3": the city, state and ZIP Code line.
			out(breachkit.Address, 0.9, "locality")
		} else if address.ValidStreet(sv) {
			out(breachkit.Address, 0.95, "street")
		} else if address.ValidHouseNumber(sv) && houseNumberHeader(fi.norm) {
			// "House Number", "street_number": the number alone, beside
			// a column of street names (not a "line" column's number).
			out(breachkit.Address, 0.85, "number")
		} else if address.ValidStreetName(sv, strings.Contains(fi.norm, "name")) {
			// "Cedar Lane" under "Street Name", "wallaby place" under
			// "address_1": the street, its number in a column of its own.
			out(breachkit.Address, 0.85, "street")
		}
	case fUnit:
		if address.ValidUnit(sv) {
			out(breachkit.Address, 0.9, "unit")
		} else if address.ValidStreet(sv) {
			// The second line holds the street, or a post office box,
			// when the first names whom it is in care of or a company.
			out(breachkit.Address, 0.9, "street")
		}
	case fCity:
		if address.ValidCity(sv) {
			out(breachkit.Address, 0.9, "city")
		} else if cityStateZIP(sv) {
			out(breachkit.Address, 0.9, "locality")
		}
	case fState, fZIP:
		if fi.kind == fState && address.ValidState(sv) {
			out(breachkit.Address, 0.9, "state")
		} else if fi.kind == fZIP && address.ValidZIP(sv) {
			out(breachkit.Address, 0.9, "zip")
		} else if cityStateZIP(sv) {
			out(breachkit.Address, 0.9, "locality")
		} else if se, zs, ok := address.StateZIP(sv); ok {
			// "OH 45402" under "State Zip": the state and the code,
			// each reported as its part.
			s0, e0 := st, en
			en = s0 + se
			out(breachkit.Address, 0.9, "state")
			st, en = s0+zs, s0+len(sv)
			out(breachkit.Address, 0.9, "zip")
			st, en = s0, e0 // the whole value again, for the custom rules below
		}
	case fCountry:
		if _, ok := gazetteer.CountryCode(sv); ok {
			out(breachkit.Address, 0.9, "country")
		}
	}
	if len(e.custom) > 0 {
		for _, r := range e.custom {
			if r.Re.Match(v) {
				conf := r.Confidence
				if r.Column(fi.norm) {
					conf = 0.99
				}
				out(r.Type, conf, "")
			}
		}
	}
}

// nanpLayout reports whether a phone value is laid out as North America
// writes numbers: three, three and four digits, the first three in
// parentheses or each block ended by a hyphen or a dot ((066) 303-1040,
// 066-303-1040).
func nanpLayout(v []byte, groups []int) bool {
	if len(groups) != 3 || groups[0] != 3 || groups[1] != 3 || groups[2] != 4 {
		return false
	}
	if v[0] == '(' {
		return true
	}
	return len(v) == 12 && (v[3] == '-' && v[7] == '-' || v[3] == '.' && v[7] == '.')
}

// houseNumberHeader reports whether a street column's header, normalised,
// says it holds a number: "streetnumber", "houseno", "hausnummer".
func houseNumberHeader(norm string) bool {
	for _, w := range []string{"num", "no", "nr", "house", "haus"} {
		if strings.Contains(norm, w) {
			return true
		}
	}
	return false
}

// view returns b as a string without copying it, for validators, which
// read their argument and never keep it: a copy per cell or candidate
// was one allocation each.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// textIn runs the free-text detectors over a structured value, keeping
// only type t (a list of e-mail addresses in an e-mail column), or every
// type when t is "".
func (e *Engine) textIn(seg *scan.Segment, emit func(scan.Match), t breachkit.Element) {
	s := e.pool.Get().(*scratch)
	defer e.pool.Put(s)
	e.text(s, seg, func(m scan.Match) {
		if m.Type == t || t == "" {
			m.Reasons = append(m.Reasons, "header:"+seg.Field)
			emit(m)
		}
	})
}

// excelSerial reports whether v is a spreadsheet date serial of a birth
// date: five digits, optionally ".0", from 10000 (1927-05-18) to 46000
// (2025-12-09). Only a date-of-birth column asks.
func excelSerial(v []byte) bool {
	if len(v) == 7 && v[5] == '.' && v[6] == '0' {
		v = v[:5]
	}
	if len(v) != 5 || !allDigits(v) {
		return false
	}
	n := 0
	for _, c := range v {
		n = n*10 + int(c-'0')
	}
	return n >= 10000 && n <= 46000
}

// timeOfDay returns where a time of day starts after a date ("T00:00:00Z",
// " 00:00:00.000", "T12:30+02:00"), or -1: the value must end with it.
func timeOfDay(v []byte) int {
	for k := 6; k < len(v); k++ {
		if v[k] != 'T' && v[k] != ' ' {
			continue
		}
		r := v[k+1:]
		if len(r) < 5 || !asciiDigit(r[0]) || !asciiDigit(r[1]) || r[2] != ':' || !asciiDigit(r[3]) || !asciiDigit(r[4]) ||
			(r[0]-'0')*10+r[1]-'0' > 23 || r[3] > '5' {
			continue
		}
		r = r[5:]
		if len(r) >= 3 && r[0] == ':' && asciiDigit(r[1]) && asciiDigit(r[2]) {
			r = r[3:]
			if len(r) > 1 && r[0] == '.' {
				j := 1
				for j < len(r) && asciiDigit(r[j]) {
					j++
				}
				r = r[j:]
			}
		}
		switch {
		case len(r) == 0, len(r) == 1 && (r[0] == 'Z' || r[0] == 'z'):
			return k
		case len(r) == 6 && (r[0] == '+' || r[0] == '-') && r[3] == ':', len(r) == 5 && (r[0] == '+' || r[0] == '-'):
			return k
		case string(r) == " UTC" || string(r) == " GMT":
			return k
		}
	}
	return -1
}

// phoneExt returns where an extension starts at the end of a phone
// value ("x123", "ext. 45", "extension 7", "#12"), or -1.
func phoneExt(v []byte) int {
	j := len(v)
	for j > 0 && v[j-1] >= '0' && v[j-1] <= '9' {
		j--
	}
	if j == len(v) || len(v)-j > 6 {
		return -1
	}
	k := j
	for k > 0 && (v[k-1] == ' ' || v[k-1] == '.' || v[k-1] == ':') {
		k--
	}
	for _, m := range []string{"extension", "ext", "x", "#"} {
		if k >= len(m) && strings.EqualFold(string(v[k-len(m):k]), m) {
			k -= len(m)
			if k > 0 && isLetter(v[k-1]) {
				return -1 // the end of a word, not an extension mark
			}
			return k
		}
	}
	return -1
}

func streetSuffix(w []byte) (string, bool) {
	if len(w) > 12 {
		return "", false
	}
	return gazetteer.StreetSuffix(string(w))
}

func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }

// knownName reports whether one of the words of s is a given name or a
// surname of the gazetteer that is not also a common word ("Sales").
func knownName(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if r := name.RolesOf([]byte(w)); r&(name.Given|name.Surname) != 0 && r&(name.Common|name.Stop) == 0 {
			return true
		}
	}
	return false
}

// personLike reports whether the value of a loose name column or key is
// written as a person's name: words of letters, with the hyphens,
// apostrophes, commas, nicknames' quotes and initials' periods of names
// ("O'Neil, Mary J."); two words or more, or one that the gazetteer
// knows; in lower case, two words with a name the gazetteer knows ("john
// smith"). Digits, symbols, a period inside a word (media.sln), one
// unknown word (float, CSETM) or a lower-case phrase (max-results) are
// not.
func personLike(v string) bool {
	prev := ' '
	words, lower := 0, false
	for _, r := range v {
		switch {
		case r == '.':
			if !unicode.IsLetter(prev) {
				return false
			}
		case r == ' ' || r == ',' || r == '-' || r == '\'' || r == '’' || r == '&' || r == '"' || r == '(' || r == ')' || r == '“' || r == '”':
			// Robert "Bob" Smith, Dana (DJ) Whitfield: a nickname.
			if prev == '.' && r != ' ' && r != ',' {
				return false
			}
		case unicode.IsLetter(r):
			if prev == '.' {
				return false // a period inside a word: media.sln
			}
			if prev == ' ' || prev == ',' || prev == '&' || prev == '"' || prev == '(' || prev == '“' {
				words++
				lower = lower || unicode.IsLower(r)
			}
		default:
			return false
		}
		prev = r
	}
	if lower {
		return words >= 2 && knownName(v) // "john smith"; not max-results
	}
	return words >= 2 || knownName(v)
}

// nameColumn counts a person-like value of a loose name column in the
// file of seg (its record before the '#'); given says it is a name that
// starts with a known given name (nameShape). It reports whether three
// or more of the column's values so far, and half of them at least, did:
// a column of people's names (id,name,plan), whose other values are
// names the gazetteer lacks (Sipho Nkosi), not of products or places.
func (fi *fieldInfo) nameColumn(seg *scan.Segment, given bool) bool {
	file := seg.Record
	if h := strings.LastIndexByte(file, '#'); h >= 0 {
		file = file[:h]
	}
	if file != fi.file {
		fi.file, fi.names, fi.seen = file, 0, 0
	}
	fi.seen++
	if given {
		fi.names++
	}
	return fi.names >= 3 && 2*fi.names >= fi.seen
}

// nameShape reports whether v is written as a person's full name: two
// to four words, each a capital and small letters, an initial or a
// surname's particle ("Sipho Nkosi", "Anna van der Berg"; not
// "Orchestre de Paris, piano"); first says its first word, or its first
// after a comma (Nkosi, Sipho), is a given name of the gazetteer, common
// or rarer (Ngozi), that is no ordinary word.
func nameShape(v string) (shaped, first bool) {
	f := strings.Fields(v)
	if len(f) < 2 || len(f) > 4 {
		return false, false
	}
	g := 0 // the given name's word
	if strings.HasSuffix(f[0], ",") {
		g = 1
	}
	// A value in capitals throughout ("NGUYEN, TRAN V"), as legacy
	// systems, voter rolls and donor files write names, is shaped as
	// one in capitals and small letters is.
	caps := strings.ToUpper(v) == v
	for k, w := range f {
		w = strings.TrimSuffix(w, ",")
		b := []byte(w)
		switch {
		case k > 0 && name.IsParticle(b):
		case len(w) == 1 || len(w) == 2 && w[1] == '.':
			if k == 0 || w[0] < 'A' || w[0] > 'Z' {
				return false, false
			}
		case caps && len(w) >= 2 && capsWord(w):
		case !name.NameCase(b):
			return false, false
		}
	}
	r := name.RolesOf([]byte(strings.TrimSuffix(f[g], ",")))
	return true, r&(name.Given|name.Rare) != 0 && r&(name.Common|name.Stop) == 0
}

// capsWord reports a word of capitals, perhaps with a hyphen or an
// apostrophe inside (GARCIA-LOPEZ, O'NEIL), or of letters outside ASCII.
func capsWord(w string) bool {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if !(c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf || k > 0 && k < len(w)-1 && (c == '-' || c == '\'')) {
			return false
		}
	}
	return true
}

// givenIn reports whether a name has a word that is a given name of the
// gazetteer and no ordinary word (Dana, not Will), or is written in
// another script than the Latin, which the gazetteer does not cover.
// ordinaryIn reports whether a word of v is a common English word that
// no name of the gazetteer is: in a column named only "Name", the given
// name "Seven" or "Caron" is no person's beside "KEYPAD DIGIT" or "DEAD".
func ordinaryIn(v string) bool {
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '"' || r == '(' || r == ')' }) {
		if len(w) == 1 || len(w) == 2 && w[1] == '.' {
			continue // an initial ("SMITH, JOHN A"), not the word "a"
		}
		if name.Ordinary([]byte(w)) {
			return true
		}
	}
	return false
}

func givenIn(v string) bool {
	latin := false
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '"' || r == '(' || r == ')' }) {
		if r := name.RolesOf([]byte(w)); r&name.Given != 0 && r&(name.Common|name.Stop) == 0 {
			return true
		}
		for _, c := range w {
			latin = latin || c < 0x250 && unicode.IsLetter(c)
		}
	}
	return !latin
}

// oneCamelWord reports a full name that is one word with a capital after a
// small letter (RoleName, VpcId): a program's name; a person's full name
// has two words.
func oneCamelWord(v string) bool {
	if strings.ContainsAny(v, " ,") {
		return false
	}
	for i := 1; i < len(v); i++ {
		if v[i] >= 'A' && v[i] <= 'Z' && v[i-1] >= 'a' && v[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// camelCase reports a word written as a program's identifier, four lower
// case letters or more and then a capital (ReceiptHandle, InstanceId):
// names have a capital after at most three (McKenzie, LaToya, FitzGerald).
func camelCase(v string) bool {
	run := 0
	for _, c := range v {
		switch {
		case c >= 'a' && c <= 'z':
			run++
		case c >= 'A' && c <= 'Z':
			if run >= 4 {
				return true
			}
			run = 0
		default:
			run = 0
		}
	}
	return false
}

// lineLocality reports a paragraph of free text that is by itself the
// last line of an address ("Glen Springs, NC 28277"), as a letter's
// address block is written in a word processor, a paragraph a line: the
// city, state and ZIP Code of the person named above it, as the part
// "locality". It reports whether the segment was one.
func (e *Engine) lineLocality(seg *scan.Segment, emit func(scan.Match)) bool {
	lead := min(max(seg.Lead, 0), len(seg.Text))
	st, en := trimSpan(seg.Text[lead:])
	st, en = st+lead, en+lead
	if en-st < 8 || en-st > 64 || !asciiDigit(seg.Text[en-1]) {
		return false
	}
	if !address.ValidLocality(view(seg.Text[st:en])) {
		return false
	}
	if conf := 0.8; conf >= e.min {
		emit(scan.Match{Type: breachkit.Address, Start: st, End: en, Confidence: conf,
			Reasons: []string{"rule:address-locality", "part:locality"}})
	}
	return true
}

// locality reports a cell of a column its header does not name that
// holds the last line of an address by itself ("Dayton, OH 45402" under
// "Bill to 3"): the city, state and ZIP Code that place its person, as
// the part "locality".
func (e *Engine) locality(seg *scan.Segment, fi *fieldInfo, emit func(scan.Match)) {
	st, en := trimSpan(seg.Text)
	if en-st < 8 || en-st > 64 || !asciiDigit(seg.Text[en-1]) {
		return
	}
	if !address.ValidLocality(view(seg.Text[st:en])) {
		return
	}
	if conf := 0.85; conf >= e.min {
		emit(scan.Match{Type: breachkit.Address, Start: st, End: en, Confidence: conf,
			Reasons: []string{"header:" + fi.name, "part:locality"}})
	}
}
