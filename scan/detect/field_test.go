package detect

import (
	"fmt"
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
		part         string // "" for a value that is not a part; typ "" for none at all
	}{
		{"Name (Last, First)", "Whitfield, Dana", breachkit.PersonName, "full"},
		{"Maiden Name", "Smith", breachkit.PersonName, "alias"},
		{"MAIDEN", "Smith", breachkit.PersonName, "alias"},
		{"Account Holder", "Dana Whitfield", breachkit.PersonName, "full"},
		{"Guardian", "Sean O'Brien", breachkit.PersonName, "full"},
		{"Soc. Sec. No.", "412657733", breachkit.SSN, ""},
		{"Fed ID", "412-65-7733", breachkit.SSN, ""},
		{"Federal ID", "12-3456789", "", ""}, // an employer's EIN
		{"Contact #", "614-362-0142", breachkit.Phone, ""},
		{"Drivers Lic #", "D1234567", breachkit.DriversLicense, ""},
		{"Joint Account Holder Name", "Robert Whitfield", breachkit.PersonName, "full"},
		{"Preferred Name", "DJ", breachkit.PersonName, "alias"},
		{"First and Last Name", "Dana Whitfield", breachkit.PersonName, "full"},
		{"First Name", "Dana", breachkit.PersonName, "given"},
		{"Last Name", "Whitfield", breachkit.PersonName, "surname"},
		{"City/State/Zip", "Columbus, OH 43215", breachkit.Address, "locality"},
		// A whole address without a house number first: people reads a
		// "full" part for its city, state and ZIP Code, a "street" part
		// not (its person had no state and got substitute notice).
		{"Address", "PO Box 4417, Tulsa, OK 74159", breachkit.Address, "full"},
		{"Address", "RR 2 Box 153, Wheatland, WY 82201", breachkit.Address, "full"},
		{"Address", "Unit 2050 Box 4190, APO AP 96278-4190", breachkit.Address, "full"},
		{"Address", "PSC 1234, Box 5678, APO AE 09204", breachkit.Address, "full"},
		{"Address", "PO Box 4417", breachkit.Address, "street"},
		{"Address", "Urb. Las Lomas, Calle 5 #123, San Juan, PR 00921", breachkit.Address, "full"},
		{"Address", "123-45 Queens Blvd, Forest Hills, NY 11375", breachkit.Address, "full"},
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
		{"BORR-HM-PH", "6143620142", breachkit.Phone, ""}, // a servicing system's abbreviations
		{"BORR-WK-PH", "6142531000", breachkit.Phone, ""},
		{"ACH-RTE-NO", "021000021", breachkit.RoutingNumber, ""},
		{"DRV-LIC-NO", "D1234567", breachkit.DriversLicense, ""},
		{"CUST-FRST-NM", "DANA", breachkit.PersonName, "given"},
		{"CUST-LST-NM", "WHITFIELD", breachkit.PersonName, "surname"},
		{"CTY", "SPRINGFIELD", breachkit.Address, "city"},
		{"Business City", "Dayton", "", ""},
		{"Business Postal Code", "45402", "", ""},
		{"Home Postal Code", "45429", breachkit.Address, "zip"},
		{"Suburb", "Parramatta", breachkit.Address, "city"},
		{"State", "NSW", breachkit.Address, "state"},
		{"Estado", "Jalisco", breachkit.Address, "state"},
		{"Wireless Number", "937-362-0142", breachkit.Phone, ""},
		{"MSISDN", "19373620142", breachkit.Phone, ""},
		{"Telefon", "030 901820", breachkit.Phone, ""},
		{"Mobile", "07911 123456", breachkit.Phone, ""},
		{"Fax", "(066) 303-1040", "", ""}, // a North American layout of no valid number
		{"Telefoon", "020-123 4567", breachkit.Phone, ""},
		{"Home Address 2", "Apt 2", breachkit.Address, "unit"},
		{"Mailing Street 2", "Suite 400", breachkit.Address, "unit"},
		{"Address 2", "12 Oak St", breachkit.Address, "street"},
		{"Address Line 2", "PO Box 55", breachkit.Address, "street"},
		{"Student ID", "S1029384", breachkit.StudentID, ""},
		{"Diagnosis", "Essential hypertension", breachkit.MedicalInfo, ""},
		{"PAYOR_NAME", "AETNA", "", ""}, // the insurer's
		{"Insurance Name", "Humana", "", ""},
		{"Insured Name", "Dana Whitfield", breachkit.PersonName, "full"},
		{"Attending Physician", "Alan Grant", "", ""}, // who treats the person, not the person
		{"Manager Name", "Ellen Ripley", "", ""},
		{"Sales Rep", "Ellen Ripley", "", ""},
		{"Card Holder", "Dana Whitfield", breachkit.PersonName, "full"},
		{"Name on Card", "Dana Whitfield", breachkit.PersonName, "full"},
		{"License Plate", "ABC1234", "", ""},
		{"Nursing License", "RN123456", "", ""},
		{"License Number", "D1234567", breachkit.DriversLicense, ""},
		{"MBR_ID", "W192837465", breachkit.HealthID, ""},
		{"data.customer.addresses.region", "CA", breachkit.Address, "state"},
		{"company_address.region", "CA", "", ""},
		{"phone1", "504-621-8927", breachkit.Phone, ""},
		{"phone2", "01835-703597", breachkit.Phone, ""}, // a UK number in national form
		{"email2", "art@venere.org", breachkit.Email, ""},
		{"tree.kids.name", "media.sln", "", ""}, // a bare "name" key names anything: a file
		{"name", "float", "", ""},
		{"Name", "SQDMULH (by element)", "", ""},
		{"name", "john smith", breachkit.PersonName, "full"},
		{"Name", "KEYPAD DIGIT SEVEN", "", ""}, // a keysym's: "Seven" is a given name, "keypad" no one's
		{"Name", "DEAD CARON", "", ""},
		{"Name", "JOHN BAKER", breachkit.PersonName, "full"},                       // "Baker" a word and a surname
		{"shapes.UpdateIntentRequest.members.botId.locationName", "botId", "", ""}, // an API's field
		{"serviceFullName", "Amazon Simple Email Service", "", ""},
		{"memberName", "RoleName", "", ""},
		{"Service Member Name", "Dana Whitfield", breachkit.PersonName, "full"},
		{"Customer Name", "dana whitfield", breachkit.PersonName, "full"},
		{"Name", "Robert \"Bob\" Smith", breachkit.PersonName, "full"},
		{"Name", "WHITFIELD, DANA J.", breachkit.PersonName, "full"},
		// Other tools' column names (piicatcher, OpenMetadata,
		// datahub-classify, fides test data).
		{"user_first_name", "Teodora", breachkit.PersonName, "given"},
		{"user_full_name", "Teodora Vukasinovic", breachkit.PersonName, "full"},
		{"User Name", "tvukasinovic", "", ""},
		{"HOME_PHN", "2035519842", breachkit.Phone, ""},
		{"contact_no", "2035519842", breachkit.Phone, ""},
		{"landline_number", "2035519842", breachkit.Phone, ""},
		{"BDate", "1988-11-03", breachkit.DOB, ""},
		{"date_naiss", "03/11/1988", breachkit.DOB, ""},
		{"social_sec", "412-65-9087", breachkit.SSN, ""},
		{"maidenname", "Vukasinovic", breachkit.PersonName, "alias"},
		{"Travel_Document_Number", "561839274", breachkit.Passport, ""},
		{"passport_expiry", "20310504", "", ""},
		{"contrasenia", "Tr0ub4dor&3", breachkit.Credentials, ""},
		{"mot_de_passe", "Tr0ub4dor&3", breachkit.Credentials, ""},
		{"creditcardnumber", "4556737586899855", breachkit.CardNumber, ""},
		{"numero_tarjeta", "4556737586899855", breachkit.CardNumber, ""},
		{"PrimaryAccountNumber", "4556737586899855", breachkit.CardNumber, ""},
		{"acc_no", "004471928833", breachkit.BankAccount, ""},
		{"ADD1", "77 Larchmont Ave", breachkit.Address, "street"},
		{"po_box", "PO Box 4417", breachkit.Address, ""},
		{"Post_Code", "06604", breachkit.Address, "zip"},
		{"borough", "Brooklyn", breachkit.Address, "city"},
		{"Driving lic", "D4471928", breachkit.DriversLicense, ""},
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
		if tt.typ == "" { // nothing: an organisation's
			if len(got) > 0 {
				t.Errorf("%q under %q: got %v, want nothing", tt.value, tt.field, got)
			}
			continue
		}
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

// TestTableContext checks the headers that the table's other columns
// decide. A column named by "member" alone is a health plan's member ID
// only in a table whose other columns say health (a JSON or XML record's
// other fields count as its columns), or when the extractor gives no
// table: a credit union's "Member #" beside shares
// and loans is nobody's health data. A column named by "account" alone is
// a bank account except in a table whose other columns name health and
// no bank: a hospital's export, where it is the patient's billing account.
// A health plan's own files (Config.HealthOrg) need no column of health.
func TestTableContext(t *testing.T) {
	e := New(Config{})
	for _, c := range []struct {
		name, field, value string
		cols               []string
		typ                breachkit.Element
		want               bool
	}{
		{"credit union", "Member #", "XWB100234567", []string{"Member #", "Member Name", "Tax ID", "Share Bal", "Loan Balance"}, breachkit.HealthID, false},
		{"health plan", "Member #", "XWB100234567", []string{"Member #", "Member Name", "Plan Code", "Group Number"}, breachkit.HealthID, true},
		{"claims", "Member ID", "XWB100234567", []string{"Member ID", "Patient Name", "Claim Number"}, breachkit.HealthID, true},
		{"member, no table", "Member ID", "XWB100234567", nil, breachkit.HealthID, true},
		{"says health itself", "Health Plan Member ID", "XWB100234567", []string{"Health Plan Member ID", "Name"}, breachkit.HealthID, true},
		{"eligibility file", "Member ID", "XWB100234567", []string{"Member ID", "Member Name", "Group Number", "Plan Code", "Effective Date"}, breachkit.HealthID, true},
		{"telephone company", "Subscriber ID", "100234567", []string{"Subscriber ID", "Name", "Rate Plan", "Phone", "SSN"}, breachkit.HealthID, false},
		{"auto insurer", "Member Number", "100234567", []string{"Member Number", "Name", "Policy Number", "Claim Number", "Deductible"}, breachkit.HealthID, false},
		{"hospital", "Account Number", "100234567", []string{"Patient Name", "MRN", "Account Number", "Dx"}, breachkit.BankAccount, false},
		{"hospital's billing account", "Account Number", "100234567", []string{"Patient Name", "MRN", "Account Number", "Dx"}, breachkit.HealthID, true},
		{"claims' subscriber", "SUBSCR-ID", "W123456789", []string{"SUBSCR-ID", "PAT-ACCT-NO", "PAT-DOB", "DIAG-CD-1"}, breachkit.HealthID, true},
		{"claims' patient account", "PAT-ACCT-NO", "00482913", []string{"MBR-ID", "PAT-ACCT-NO", "PAT-DOB", "DIAG-CD-1"}, breachkit.HealthID, true},
		{"telephone company's account", "Account Number", "287341983201", []string{"Account Number", "Subscriber Name", "Wireless Number", "SSN", "IMEI"}, breachkit.HealthID, false},
		{"hospital with a bank", "Account Number", "100234567", []string{"Patient Name", "MRN", "Account Number", "Bank Routing"}, breachkit.BankAccount, true},
		{"bank", "Account Number", "100234567", []string{"Name", "SSN", "Account Number"}, breachkit.BankAccount, true},
		{"account, no table", "Acct #", "100234567", nil, breachkit.BankAccount, true},
		{"telephone company", "Account Number", "287341983201", []string{"Account Number", "Subscriber Name", "Wireless Number", "SSN", "IMEI"}, breachkit.BankAccount, false},
		{"says bank itself", "Checking Account", "100234567", []string{"Patient Name", "MRN", "Checking Account"}, breachkit.BankAccount, true},
		{"people's names", "Name", "Ngozi Okonkwo", []string{"Name", "Email", "Phone"}, breachkit.PersonName, true},
		{"a name, no table", "name", "Sipho Nkosi", nil, breachkit.PersonName, false},
		{"a rarer given name, no table", "name", "Ngozi Okonkwo", nil, breachkit.PersonName, true},
		{"a name with a given name, no table", "name", "Dana Okonkwo", nil, breachkit.PersonName, true},
		{"services", "Name", "Amazon Security Lake", []string{"Name", "Region", "Endpoint"}, breachkit.PersonName, false},
		{"a hospital's contact record", "Name", "Nantucket Cottage Hospital", []string{"Name", "Phone", "Address"}, breachkit.PersonName, false},
		{"a medical center's", "name", "FONTAINE MEDICAL CENTER", []string{"name", "telecom", "address"}, breachkit.PersonName, false},
		{"a surname that is a building's word", "name", "Valerie Hall", []string{"name", "email", "phone"}, breachkit.PersonName, true},
		{"account holders", "Name", "Ngozi Okonkwo", []string{"Name", "Account Number", "Balance"}, breachkit.PersonName, true},
		{"an API's members", "memberName", "ReceiptHandle", nil, breachkit.PersonName, false},
		{"German surname beside Vorname", "Name", "Schneider", []string{"Kundennr", "Name", "Vorname", "Geburtsdatum"}, breachkit.PersonName, true},
		{"French surname beside Prénom", "Name", "Lefèvre", []string{"Name", "Prénom", "Courriel"}, breachkit.PersonName, true},
		{"a surname alone, no given column", "Name", "Schneider", []string{"Name", "Region", "Endpoint"}, breachkit.PersonName, false},
		{"an ordinary word beside Vorname", "Name", "Laptop", []string{"Name", "Vorname"}, breachkit.PersonName, false},
		{"German customers", "Name", "Sipho Nkosi", []string{"Name", "Geburtsdatum", "Telefon", "E-Mail"}, breachkit.PersonName, true},
		{"Italian postcode", "CAP", "20121", []string{"Indirizzo", "CAP", "Città"}, breachkit.Address, true},
		{"an ID document's state", "users.kyc.idDocument.state", "GA", nil, breachkit.Address, false},
		{"a passport's country", "passport.country", "US", nil, breachkit.Address, false},
		{"an address's state", "users.addresses.state", "GA", nil, breachkit.Address, true},
		{"a rate's cap", "Rate Cap", "20121", []string{"Loan", "Rate Cap"}, breachkit.Address, false},
	} {
		got := false
		e.Detect(&scan.Segment{Text: []byte(c.value), Field: c.field, Columns: c.cols}, func(m scan.Match) {
			got = got || m.Type == c.typ
		})
		if got != c.want {
			t.Errorf("%s: %s %v, want %v", c.name, c.typ, got, c.want)
		}
	}
	// A health plan's own roster: its member numbers are health plan IDs
	// beside no other column of health.
	got := false
	New(Config{HealthOrg: true}).Detect(&scan.Segment{Text: []byte("XWB100234567"), Field: "Member ID", Columns: []string{"Member ID", "Name", "DOB"}}, func(m scan.Match) {
		got = got || m.Type == breachkit.HealthID
	})
	if !got {
		t.Error("a health plan's roster: Member ID not HEALTH_ID")
	}
	got = false
	New(Config{HealthOrg: true}).Detect(&scan.Segment{Text: []byte("Member #1002345 called about a claim")}, func(m scan.Match) {
		got = got || m.Type == breachkit.HealthID
	})
	if !got {
		t.Error("a health plan's note: the member number is not HEALTH_ID")
	}
}

// TestLongNumbersAcrossLines checks that the long numbers of a file read
// a line at a time are counted across its lines: a log of random 16-digit
// IDs, one in ten of which passes the card checks by chance, reports no
// cards once ten are seen, and a list of cards reports every one.
func TestLongNumbersAcrossLines(t *testing.T) {
	ids := []string{"2043321819600133", "9908386379402654", "3351161559407816", "2849593103413164", "8525534192832764", "9350305641395376",
		"4532509839301032", "8101226916697848", "1184514627048281", "5893252880957015", "5303911718227824", "9963834657871331"}
	cards := []string{"4051834738299736", "5363116566701060", "5551333872624736", "4781080132677369", "4260647468723437", "4980500978820814",
		"5119136193990917", "5399854353462474", "5210799118384256", "4354278498084124", "4532509839301032", "4532015112830366"}
	for _, c := range []struct {
		name, path string
		nums       []string
		want       int
	}{{"transaction IDs", "settle.log", ids, 0}, {"cards", "dump.txt", cards, len(cards)}} {
		d := New(Config{}).Detector()
		got := 0
		for rep := range 2 {
			for i, n := range c.nums {
				seg := &scan.Segment{Text: []byte("settled " + n + " ok"), Record: fmt.Sprintf("%s#line=%d", c.path, rep*len(c.nums)+i+1)}
				d.Detect(seg, func(m scan.Match) {
					if m.Type == breachkit.CardNumber && rep == 1 {
						got++
					}
				})
			}
		}
		if got != c.want {
			t.Errorf("%s: %d cards on the second pass, want %d", c.name, got, c.want)
		}
	}
}

// TestNameColumn checks that a loose name column ("name") of a file whose
// values mostly hold a known given name takes the others too (Sipho
// Nkosi), and that a column of products does not, nor the same column
// name in another file.
func TestNameColumn(t *testing.T) {
	e := New(Config{MinConfidence: 0.5})
	run := func(file string, values []string) []bool {
		var got []bool
		for i, v := range values {
			found := false
			seg := &scan.Segment{Text: []byte(v), Field: "name", Record: fmt.Sprintf("%s#row=%d", file, i+1)}
			e.Detect(seg, func(m scan.Match) { found = found || m.Type == breachkit.PersonName })
			got = append(got, found)
		}
		return got
	}
	all := func(v bool) []bool { return []bool{v, v, v, v, v, v} }
	for _, c := range []struct {
		name, file string
		values     []string
		want       []bool
	}{
		{"people", "a.csv", []string{"Mary Smith", "Dana Whitfield", "Anna Lee", "Sipho Nkosi", "Jose Garcia", "Themba Zulu"}, all(true)},
		{"products", "b.csv", []string{"Garden Hose", "Deluxe Lamp", "Sipho Nkosi", "Widget Pro", "Desk Fan", "Themba Zulu"}, all(false)},
		// In capitals, surname first, as voter rolls and donor files
		// write them.
		{"capitals", "c.csv", []string{"SMITH, JOHN A", "JOHNSON, MARY", "WILLIAMS, ROBERT", "NGUYEN, TRAN", "PATEL, RAJ", "OKAFOR, CHIDI"}, all(true)},
		{"products in capitals", "d.csv", []string{"GARDEN HOSE", "DELUXE LAMP", "NKOSI, SIPHO", "WIDGET PRO", "DESK FAN", "THEMBA ZULU"}, all(false)},
	} {
		if got := run(c.file, c.values); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
