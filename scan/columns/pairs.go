package columns

import (
	"strings"

	"github.com/breachkit/breachkit/gazetteer"
)

// Label-value pairs: a table or document that stores one value per row
// or object, named by a label beside it (an entity-attribute-value
// table, WordPress's wp_usermeta with meta_key and meta_value, a form
// export's {"field": "Date of birth", "value": "04/07/1961"}). The value
// is named by the label's text, not by its column ("value", which says
// nothing).
var (
	labelNames = map[string]bool{"name": true, "key": true, "field": true, "label": true, "question": true, "title": true,
		"attribute": true, "attr": true, "property": true, "param": true, "fieldname": true, "field_name": true,
		"attribute_name": true, "meta_key": true, "metakey": true, "option_name": true, "setting": true}
	valueNames = map[string]bool{"value": true, "answer": true, "val": true, "response": true,
		"field_value": true, "attribute_value": true, "meta_value": true, "metavalue": true, "option_value": true}
)

// LabelName reports whether a column or key holds the label of a
// label-value pair.
func LabelName(name string) bool { return labelNames[strings.ToLower(strings.TrimSpace(name))] }

// ValueName reports whether a column or key holds the value of a
// label-value pair.
func ValueName(name string) bool { return valueNames[strings.ToLower(strings.TrimSpace(name))] }

// PairLabel returns the label a pair's label cell gives its value: the
// text trimmed, or "" when it cannot name a column: more than 100 bytes
// (a sentence), a digit (but a numbered field's last one or two,
// "billing_address_1") or an '@', or what reads as a person (a full
// name, a street, a given name first), as LooksLikeData tells a header
// row from data. A
// label becomes a Field, and a Field the detectors recognise is written
// into a finding's reasons in the clear: {"name": "Jennifer Street",
// "value": …} must not put a person's name there.
func PairLabel(text string) string {
	t := strings.TrimSpace(text)
	if len(t) > 100 || strings.ContainsAny(strings.TrimRight(numbered(t), "_- "), "0123456789@") || LooksLikeData([]string{t}) {
		return ""
	}
	if f := strings.Fields(t); len(f) > 0 && gazetteer.IsGivenName(f[0]) {
		return "" // "Jennifer Street": a person, whatever follows
	}
	return t
}

// numbered returns a label without the one or two digits a numbered
// field ends with ("billing_address_1", "phone2": the first address
// line, the second phone), so that only these digits are allowed.
func numbered(t string) string {
	n := len(t)
	for n > 0 && n > len(t)-2 && t[n-1] >= '0' && t[n-1] <= '9' {
		n--
	}
	if n == len(t) || n == 0 || t[n-1] >= '0' && t[n-1] <= '9' {
		return t
	}
	return t[:n]
}

// Pairs are the columns of a table of label-value pairs: its label and
// value columns and the entity column whose rows they describe
// (wp_usermeta's user_id); -1 for none.
type Pairs struct{ Label, Value, Entity int }

// PairColumns returns the pair columns of a table with these column
// names. A table has them when a label column comes before a value
// column; its entity is the last column before the label whose name ends
// in "id" (user_id, entity_id), so that a person's rows make one record.
func PairColumns(cols []string) Pairs {
	p := Pairs{-1, -1, -1}
	for i, c := range cols {
		switch {
		case p.Label < 0 && LabelName(c):
			p.Label = i
		case p.Label >= 0 && p.Value < 0 && ValueName(c):
			p.Value = i
		}
	}
	if p.Label < 0 || p.Value < 0 {
		return Pairs{-1, -1, -1}
	}
	for i := p.Label - 1; i >= 0; i-- {
		if c := strings.ToLower(strings.TrimSpace(cols[i])); strings.HasSuffix(c, "id") && len(c) > 2 {
			p.Entity = i
			break
		}
	}
	return p
}

// An identity document written as an object of its type and number
// ({"type": "drivers_license", "number": "049231187", "state": "GA"},
// as KYC and onboarding APIs return them): the type names the number.
var (
	typeNames   = map[string]bool{"type": true, "idtype": true, "id_type": true, "documenttype": true, "document_type": true, "doctype": true, "doc_type": true, "kind": true, "identifiertype": true, "identifier_type": true}
	numberNames = map[string]bool{"number": true, "value": true, "id": true, "identifier": true, "idnumber": true, "id_number": true, "documentnumber": true, "document_number": true, "docnumber": true, "doc_number": true, "no": true, "num": true}
	// documentTypes maps a document type, in lower case with its
	// letters only, to a header the detectors read.
	documentTypes = map[string]string{
		"driverslicense": "Driver's License Number", "driverlicense": "Driver's License Number", "dl": "Driver's License Number",
		"drivinglicence": "Driver's License Number", "drivinglicense": "Driver's License Number", "driverslicence": "Driver's License Number",
		"passport": "Passport Number", "uspassport": "Passport Number", "passportcard": "Passport Number",
		"ssn": "SSN", "socialsecurity": "SSN", "socialsecuritynumber": "SSN", "ssncard": "SSN",
		"itin": "ITIN", "stateid": "State ID", "stateidcard": "State ID", "idcard": "State ID",
		"nationalid": "National ID", "nationalidcard": "National ID", "nationalidentitycard": "National ID",
		"alienregistration": "A-Number", "greencard": "A-Number", "permanentresidentcard": "A-Number",
		"militaryid": "Military ID", "tribalid": "Tribal ID", "sin": "SIN", "nino": "NI Number",
	}
)

// TypeName reports whether a key holds an identity document's type.
func TypeName(key string) bool { return typeNames[strings.ToLower(strings.TrimSpace(key))] }

// NumberName reports whether a key holds the number of the document
// whose type its object gives.
func NumberName(key string) bool { return numberNames[strings.ToLower(strings.TrimSpace(key))] }

// DocumentType returns the header that names the number of a document
// of type v ("drivers_license", "Driver's License", "PASSPORT"), or ""
// for any other type (a billing address's, a phone's).
func DocumentType(v string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return documentTypes[b.String()]
}
