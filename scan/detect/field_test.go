package detect

import (
	"slices"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan"
)

// TestFieldParts checks what a column's header makes of its values: the
// type and the part of a name or address, which people puts together.
func TestFieldParts(t *testing.T) {
	tests := []struct {
		field, value string
		typ          breachkit.Element
		part         string // "" for a value that is not a part
	}{
		{"Name (Last, First)", "Whitfield, Dana", breachkit.PersonName, "full"},
		{"Maiden Name", "Smith", breachkit.PersonName, "alias"},
		{"MAIDEN", "Smith", breachkit.PersonName, "alias"},
		{"Account Holder", "Dana Whitfield", breachkit.PersonName, "full"},
		{"Guardian", "Sean O'Brien", breachkit.PersonName, "full"},
		{"Soc. Sec. No.", "412657733", breachkit.SSN, ""},
		{"Contact #", "614-362-0142", breachkit.Phone, ""},
		{"Drivers Lic #", "D1234567", breachkit.DriversLicense, ""},
		{"Joint Account Holder Name", "Robert Whitfield", breachkit.PersonName, "full"},
		{"Preferred Name", "DJ", breachkit.PersonName, "alias"},
		{"First and Last Name", "Dana Whitfield", breachkit.PersonName, "full"},
		{"First Name", "Dana", breachkit.PersonName, "given"},
		{"Last Name", "Whitfield", breachkit.PersonName, "surname"},
		{"City/State/Zip", "Columbus, OH 43215", breachkit.Address, "locality"},
		{"City, State", "Dayton, Ohio", breachkit.Address, "locality"},
		{"City", "Columbus", breachkit.Address, "city"},
		{"Address 1 - Region", "OH", breachkit.Address, "state"},
		{"Default Address Zip", "'02134", breachkit.Address, "zip"},
		{"CVV", "123", breachkit.AccessCode, ""},
		{"National ID", "412-65-7733", breachkit.SSN, ""},
		{"SS# Secondary", "523710098", breachkit.SSN, ""},
		{"State ID", "S12345678", breachkit.GovID, ""},
		{"Postcode", "SW1A 2AA", breachkit.Address, "zip"},
		{"SIN", "424 870 533", breachkit.GovID, ""},
		{"Social Insurance Number", "424870533", breachkit.GovID, ""},
		{"NI Number", "AB 12 34 56 C", breachkit.GovID, ""},
		{"Employee ID", "E104512", breachkit.EmployeeID, ""},
		{"Home Address 2", "Apt 2", breachkit.Address, "unit"},
		{"Mailing Street 2", "Suite 400", breachkit.Address, "unit"},
		{"Address 2", "12 Oak St", breachkit.Address, "street"},
		{"Address Line 2", "PO Box 55", breachkit.Address, "street"},
		{"Student ID", "S1029384", breachkit.StudentID, ""},
		{"Diagnosis", "Essential hypertension", breachkit.MedicalInfo, ""},
	}
	e := New(Config{}).Detector()
	for _, h := range []string{"Name", "Last Name", "City"} {
		e.Detect(&scan.Segment{Text: []byte(h), Field: h}, func(m scan.Match) {
			t.Errorf("the header %q repeated as a value was reported: %v", h, m)
		})
	}
	var both []scan.Match
	e.Detect(&scan.Segment{Text: []byte("Smith"), Field: "Mother's Maiden Name"}, func(m scan.Match) { both = append(both, m) })
	if len(both) != 2 || both[0].Type != breachkit.Credentials || both[1].Type != breachkit.MothersMaidenName {
		t.Errorf("a mother's maiden name: got %v, want CREDENTIALS and MOTHERS_MAIDEN_NAME", both)
	}
	for _, tt := range tests {
		var got []scan.Match
		e.Detect(&scan.Segment{Text: []byte(tt.value), Field: tt.field}, func(m scan.Match) { got = append(got, m) })
		if len(got) != 1 || got[0].Type != tt.typ {
			t.Errorf("%q under %q: got %v, want one %s", tt.value, tt.field, got, tt.typ)
			continue
		}
		want := "part:" + tt.part
		if has := slices.Contains(got[0].Reasons, want); tt.part != "" && !has {
			t.Errorf("%q under %q: reasons %v, want %s", tt.value, tt.field, got[0].Reasons, want)
		}
	}
}

// TestMemberColumn checks that a column named by "member" alone is a
// health plan's member ID only in a table whose other columns say health,
// or when the extractor gives no table (a JSON key): a credit union's
// "Member #" beside shares and loans is nobody's health data.
func TestMemberColumn(t *testing.T) {
	e := New(Config{})
	for _, c := range []struct {
		name  string
		field string
		cols  []string
		want  bool
	}{
		{"credit union", "Member #", []string{"Member #", "Member Name", "Tax ID", "Share Bal", "Loan Balance"}, false},
		{"health plan", "Member #", []string{"Member #", "Member Name", "Plan Code", "Group Number"}, true},
		{"claims", "Member ID", []string{"Member ID", "Patient Name", "Claim Number"}, true},
		{"no table", "Member ID", nil, true},
		{"says health itself", "Health Plan Member ID", []string{"Health Plan Member ID", "Name"}, true},
	} {
		got := false
		e.Detect(&scan.Segment{Text: []byte("XWB100234567"), Field: c.field, Columns: c.cols}, func(m scan.Match) {
			got = got || m.Type == breachkit.HealthID
		})
		if got != c.want {
			t.Errorf("%s: HEALTH_ID %v, want %v", c.name, got, c.want)
		}
	}
}

// TestAccountColumn checks that a column named by "account" alone is a
// bank account except in a table whose other columns name health and no
// bank: a hospital's export, where it is the patient's billing account.
func TestAccountColumn(t *testing.T) {
	e := New(Config{})
	for _, c := range []struct {
		name  string
		field string
		cols  []string
		want  bool
	}{
		{"hospital", "Account Number", []string{"Patient Name", "MRN", "Account Number", "Dx"}, false},
		{"hospital with a bank", "Account Number", []string{"Patient Name", "MRN", "Account Number", "Bank Routing"}, true},
		{"bank", "Account Number", []string{"Name", "SSN", "Account Number"}, true},
		{"no table", "Acct #", nil, true},
		{"says bank itself", "Checking Account", []string{"Patient Name", "MRN", "Checking Account"}, true},
	} {
		got := false
		e.Detect(&scan.Segment{Text: []byte("100234567"), Field: c.field, Columns: c.cols}, func(m scan.Match) {
			got = got || m.Type == breachkit.BankAccount
		})
		if got != c.want {
			t.Errorf("%s: BANK_ACCOUNT %v, want %v", c.name, got, c.want)
		}
	}
}
