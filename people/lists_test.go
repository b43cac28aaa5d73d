package people

import (
	"fmt"
	"testing"

	"github.com/breachkit/breachkit"
)

// TestSplitList cuts a record holding a list of people (a loan's
// borrowers) at each element, and leaves whole what is one person.
func TestSplitList(t *testing.T) {
	type kv struct {
		hdr string
		typ breachkit.Element
		val string
	}
	loan := []kv{
		{"loans.property.street", breachkit.Address, "2093 Highland St"}, {"loans.loan_id", "CUSTOM_LOAN", "LN1"},
		{"loans.borrowers.first_name", breachkit.PersonName, "Ana"}, {"loans.borrowers.ssn", breachkit.SSN, "383-41-8663"},
		{"loans.borrowers.first_name", breachkit.PersonName, "Joao"}, {"loans.borrowers.ssn", breachkit.SSN, "362-98-5217"},
	}
	ssnFirst := []kv{
		{"members.ssn", breachkit.SSN, "383-41-8663"}, {"members.name", breachkit.PersonName, "Ana Souza"}, {"members.dob", breachkit.DOB, "1961-07-04"},
		{"members.ssn", breachkit.SSN, "362-98-5217"}, {"members.name", breachkit.PersonName, "Joao Souza"}, {"members.dob", breachkit.DOB, "1956-08-31"},
		{"members.ssn", breachkit.SSN, "212-45-6791"}, {"members.name", breachkit.PersonName, "Dana Whitfield"},
	}
	fhir := []kv{
		{"entry.resource.name.given", breachkit.PersonName, "José"}, {"entry.resource.name.given", breachkit.PersonName, "Eduardo"},
		{"entry.resource.name.family", breachkit.PersonName, "Gómez"}, {"entry.resource.birthDate", breachkit.DOB, "1989-05-25"},
		{"ssn", breachkit.SSN, "383-41-8663"},
	}
	flat := []kv{{"SSN", breachkit.SSN, "383-41-8663"}, {"SSN", breachkit.SSN, "362-98-5217"}, {"Name", breachkit.PersonName, "Ana Souza"}}
	household := []kv{
		{"customer.name", breachkit.PersonName, "Ana Souza"}, {"customer.ssn", breachkit.SSN, "383-41-8663"}, {"customer.address", breachkit.Address, "2093 Highland St, Glen Springs, NC 28277"},
		{"customer.dependents.name", breachkit.PersonName, "Leo Souza"}, {"customer.dependents.dob", breachkit.DOB, "2012-03-04"},
		{"customer.dependents.name", breachkit.PersonName, "Mia Souza"}, {"customer.dependents.dob", breachkit.DOB, "2015-06-07"},
	}
	xml := []kv{{"street", breachkit.Address, "2093 Highland St"}, {"first_name", breachkit.PersonName, "Ana"}, {"ssn", breachkit.SSN, "383-41-8663"},
		{"first_name", breachkit.PersonName, "Joao"}, {"ssn", breachkit.SSN, "362-98-5217"}}
	tests := []struct {
		name string
		kvs  []kv
		want string // per part: the types of its values, findings in brackets
	}{
		{"a loan's two borrowers", loan, "[ADDRESS CUSTOM_LOAN PERSON_NAME SSN (4)] [ADDRESS PERSON_NAME SSN (2)]"},
		{"SSN first in each element", ssnFirst, "[SSN PERSON_NAME DOB (3)] [SSN PERSON_NAME DOB (3)] [SSN PERSON_NAME (2)]"},
		{"FHIR's given names are one person's", fhir, "[PERSON_NAME PERSON_NAME PERSON_NAME DOB SSN (5)]"},
		{"flat keys are no list", flat, "[SSN SSN PERSON_NAME (3)]"},
		{"one borrower", loan[:4], "[ADDRESS CUSTOM_LOAN PERSON_NAME SSN (4)]"},
		{"XML's element names, flat", xml, "[ADDRESS PERSON_NAME SSN (3)] [PERSON_NAME SSN (2)]"},
		{"a customer and their dependants", household, "[PERSON_NAME SSN ADDRESS (3)] [ADDRESS PERSON_NAME DOB (2)] [ADDRESS PERSON_NAME DOB (2)]"},
	}
	for _, tt := range tests {
		var r listRecord
		for i, x := range tt.kvs {
			r.vals = append(r.vals, Value{Type: x.typ, Value: x.val, Order: int64(i)})
			r.finds = append(r.finds, FindingRef{ID: int64(i + 1)})
			r.fixed = append(r.fixed, true)
			r.co = append(r.co, 0)
			r.hdr = append(r.hdr, x.hdr)
		}
		got := ""
		for i, p := range splitList(r, tt.name == "XML's element names, flat") {
			if i > 0 {
				got += " "
			}
			got += "["
			for j, v := range p.vals {
				if j > 0 {
					got += " "
				}
				got += string(v.Type)
			}
			got += fmt.Sprintf(" (%d)]", len(p.finds))
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
