// Package breachkit holds the domain of a data-breach response: cases,
// the stolen sources, the personal data found in them, the people it
// belongs to, the legal duties that follow and the notices that discharge
// them. It depends on the standard library only; storage, detection, law
// and delivery live in sub-packages that implement or use these types.
package breachkit

import (
	"fmt"
	"sort"
	"strings"
)

// Element is a kind of personal data. Scan reports findings with these
// names, people lists the elements exposed for each person, and the rule
// files of duties say which combinations make a breach notifiable.
type Element string

// The elements scan detects. Their names are part of the output format.
const (
	SSN            Element = "SSN"
	ITIN           Element = "ITIN"
	DOB            Element = "DOB"
	Email          Element = "EMAIL"
	Phone          Element = "PHONE"
	Address        Element = "ADDRESS"
	PersonName     Element = "PERSON_NAME"
	BankAccount    Element = "BANK_ACCOUNT"
	RoutingNumber  Element = "ROUTING_NUMBER"
	CardNumber     Element = "CARD_NUMBER"
	DriversLicense Element = "DRIVERS_LICENSE"
	Passport       Element = "PASSPORT"
	HealthID       Element = "HEALTH_ID"
	Credentials    Element = "CREDENTIALS"
	// AccessCode is a security code, access code or PIN that permits
	// access to a financial account or card: scan finds card security
	// codes (CVV, CVC) and PINs by their label.
	AccessCode Element = "ACCESS_CODE"
	// MedicalInfo is medical history, condition, treatment or diagnosis:
	// scan finds diagnosis and procedure codes, and the diagnoses and
	// medications that a column names.
	MedicalInfo Element = "MEDICAL_INFO"
	// GovID is another unique government identification number, such as
	// an alien registration number, a state ID card number, a military
	// ID, a tribal ID, or a Canadian SIN or UK National Insurance number:
	// scan finds them by their header or label.
	GovID Element = "GOV_ID"
	// Biometric is biometric data such as fingerprint, face or voice
	// templates: scan finds them in a column that names them.
	Biometric Element = "BIOMETRIC"
	// Genetic is genetic data: scan finds genotypes, DNA sequences and
	// haplogroups in a column that names them.
	Genetic Element = "GENETIC"
	// MothersMaidenName is a mother's birth surname: scan finds it in a
	// column that names it (often a security question's answer, so also
	// CREDENTIALS).
	MothersMaidenName Element = "MOTHERS_MAIDEN_NAME"
	// EmployeeID is an employer-assigned identification number: scan
	// finds it in a column that names it (Employee ID, EMPLID).
	EmployeeID Element = "EMPLOYEE_ID"
	// StudentID is a school-assigned student identification number: scan
	// finds it in a column that names it (Student ID, SASID).
	StudentID Element = "STUDENT_ID"
)

// Elements that breach statutes name but that scan does not detect in
// files. A scenario may state them, and counsel may add them to a case.
const (
	// DigitalSignature is an electronic or digital signature.
	DigitalSignature Element = "DIGITAL_SIGNATURE"
)

// CustomPrefix starts the name of a user-defined identifier declared in
// a scan configuration, such as CUSTOM_LOAN_NUMBER.
const CustomPrefix = "CUSTOM_"

// ScanElements lists the elements scan detects, in output order.
var ScanElements = []Element{SSN, ITIN, DOB, Email, Phone, Address, PersonName,
	BankAccount, RoutingNumber, CardNumber, DriversLicense, Passport, HealthID, Credentials,
	AccessCode, MedicalInfo, GovID, Biometric, Genetic, MothersMaidenName, EmployeeID, StudentID}

// LegalElements lists the elements only statutes and scenarios name.
var LegalElements = []Element{DigitalSignature}

var knownElements = func() map[Element]bool {
	m := map[Element]bool{}
	for _, e := range ScanElements {
		m[e] = true
	}
	for _, e := range LegalElements {
		m[e] = true
	}
	return m
}()

// Valid reports whether e is a known element or a user-defined one.
func (e Element) Valid() bool {
	return knownElements[e] || (strings.HasPrefix(string(e), CustomPrefix) && len(e) > len(CustomPrefix))
}

// ParseElement returns the element named s or an error that names the
// unknown value. Case, spaces, hyphens and apostrophes do not matter
// ("Driver's License" is DRIVERS_LICENSE), and the words statutes and
// counsel use for an element are read as it (name, date of birth,
// financial account, credit card, username and password): see
// elementAliases.
func ParseElement(s string) (Element, error) {
	key := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.', '/':
			return '_'
		case '\'', '’':
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
	for strings.Contains(key, "__") {
		key = strings.ReplaceAll(key, "__", "_")
	}
	e := Element(key)
	if a, ok := elementAliases[key]; ok {
		e = a
	}
	if !e.Valid() {
		return "", fmt.Errorf("unknown element %q (known: %s)", s, strings.Join(elementNames(), ", "))
	}
	return e, nil
}

// elementAliases maps other names of the elements, as statutes, breach
// forms and counsel write them (upper case, words joined by "_"), to
// the element. A name that could mean two elements is left out: "TIN"
// (SSN or ITIN), "ID number", "health information" (HEALTH_ID or
// MEDICAL_INFO).
var elementAliases = map[string]Element{
	"NAME": PersonName, "FULL_NAME": PersonName, "PERSON": PersonName,
	"SOCIAL_SECURITY_NUMBER": SSN, "SOCIAL_SECURITY": SSN,
	"INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER": ITIN,
	"DATE_OF_BIRTH": DOB, "BIRTH_DATE": DOB, "BIRTHDATE": DOB,
	"EMAIL_ADDRESS": Email, "E_MAIL": Email, "E_MAIL_ADDRESS": Email,
	"PHONE_NUMBER": Phone, "TELEPHONE": Phone, "TELEPHONE_NUMBER": Phone,
	"POSTAL_ADDRESS": Address, "HOME_ADDRESS": Address, "MAILING_ADDRESS": Address, "STREET_ADDRESS": Address,
	"FINANCIAL_ACCOUNT": BankAccount, "FINANCIAL_ACCOUNT_NUMBER": BankAccount, "ACCOUNT_NUMBER": BankAccount,
	"BANK_ACCOUNT_NUMBER": BankAccount, "ROUTING": RoutingNumber,
	"ABA_ROUTING_NUMBER": RoutingNumber, "PASSPORT_NUMBER": Passport,
	"CARD": CardNumber, "CREDIT_CARD": CardNumber, "DEBIT_CARD": CardNumber, "PAYMENT_CARD": CardNumber,
	"CREDIT_CARD_NUMBER": CardNumber, "DEBIT_CARD_NUMBER": CardNumber, "PAYMENT_CARD_NUMBER": CardNumber,
	"DRIVER_LICENSE": DriversLicense, "DRIVERS_LICENSE_NUMBER": DriversLicense, "DRIVER_LICENSE_NUMBER": DriversLicense,
	"DRIVERS_LICENCE": DriversLicense, "DRIVING_LICENCE": DriversLicense,
	"HEALTH_INSURANCE": HealthID, "HEALTH_INSURANCE_INFORMATION": HealthID, "HEALTH_PLAN_ID": HealthID,
	"MEDICAL": MedicalInfo, "MEDICAL_INFORMATION": MedicalInfo,
	"USERNAME_AND_PASSWORD": Credentials, "USERNAME_PASSWORD": Credentials, "LOGIN_CREDENTIALS": Credentials,
	// A stolen password is stolen with the account name it opens.
	"ONLINE_CREDENTIALS": Credentials, "EMAIL_AND_PASSWORD": Credentials, "PASSWORD": Credentials,
	"SECURITY_CODE": AccessCode, "PIN": AccessCode,
	"GOVERNMENT_ID": GovID, "STATE_ID": GovID, "MILITARY_ID": GovID, "TRIBAL_ID": GovID,
	"BIOMETRIC_DATA": Biometric, "GENETIC_DATA": Genetic,
	"MOTHERS_MAIDEN": MothersMaidenName, "EMPLOYEE_NUMBER": EmployeeID, "STUDENT_NUMBER": StudentID,
	"ELECTRONIC_SIGNATURE": DigitalSignature, "SIGNATURE": DigitalSignature,
}

func elementNames() []string {
	var out []string
	for e := range knownElements {
		out = append(out, string(e))
	}
	sort.Strings(out)
	return out
}

// ElementSet is a set of elements, kept sorted and without repeats.
type ElementSet []Element

// NewElementSet returns the sorted set of the given elements.
func NewElementSet(es ...Element) ElementSet {
	seen := map[Element]bool{}
	var out ElementSet
	for _, e := range es {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Has reports whether s contains e.
func (s ElementSet) Has(e Element) bool {
	for _, x := range s {
		if x == e {
			return true
		}
	}
	return false
}

// Contains reports whether every element of sub is in s.
func (s ElementSet) Contains(sub []Element) bool {
	for _, e := range sub {
		if !s.Has(e) {
			return false
		}
	}
	return true
}

// String joins the elements with "+", the form used in tables.
func (s ElementSet) String() string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = string(e)
	}
	return strings.Join(parts, "+")
}

// ParseElementSet reads the "+"-joined form that String writes. Names are
// taken as they are, so that values stored by a newer version survive.
func ParseElementSet(s string) ElementSet {
	if s == "" {
		return nil
	}
	var es []Element
	for _, e := range strings.Split(s, "+") {
		es = append(es, Element(e))
	}
	return NewElementSet(es...)
}

// Label returns the element's plain-English name ("Social Security
// number"), for readers who do not know the codes: reports and letters.
// A user-defined identifier is named after its code.
func (e Element) Label() string {
	if l, ok := elementLabels[e]; ok {
		return l
	}
	return strings.ReplaceAll(strings.TrimPrefix(string(e), CustomPrefix), "_", " ")
}

var elementLabels = map[Element]string{
	SSN:               "Social Security number",
	ITIN:              "Taxpayer ID number (ITIN)",
	DOB:               "Date of birth",
	Email:             "Email address",
	Phone:             "Phone number",
	Address:           "Postal address",
	PersonName:        "Name",
	BankAccount:       "Bank account number",
	RoutingNumber:     "Bank routing number",
	CardNumber:        "Payment card number",
	DriversLicense:    "Driver's license number",
	Passport:          "Passport number",
	HealthID:          "Health insurance ID",
	Credentials:       "Password or security answer",
	AccessCode:        "Card security code, PIN or access code",
	Biometric:         "Biometric data",
	MedicalInfo:       "Medical information",
	GovID:             "Government identification number",
	Genetic:           "Genetic data",
	DigitalSignature:  "Digital signature",
	MothersMaidenName: "Mother's maiden name",
	EmployeeID:        "Employee ID",
	StudentID:         "Student ID number",
}
