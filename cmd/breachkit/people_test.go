package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/vault"
)

// seedFindings stores findings for the test case as scan would: sealed
// values, one Record key per row.
func seedFindings(t *testing.T, e *env, rows [][][2]string) {
	t.Helper()
	ctx := context.Background()
	e.ok("case", "create", "default")
	st, err := sqlite.Open(ctx, e.db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	kr, _, err := vault.OpenKeyFile(e.keyFile)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Case(ctx, "default")
	if err != nil {
		t.Fatal(err)
	}
	dk, err := kr.Primary.Unwrap(c.WrappedKey)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := vault.NewCaseKeys(c.ID, dk)
	src, err := st.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "stolen/customers.csv", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	var fs []*breachkit.Finding
	off := int64(0)
	for i, row := range rows {
		for _, tv := range row {
			typ := breachkit.Element(tv[0])
			fs = append(fs, &breachkit.Finding{CaseID: c.ID, SourceID: src.ID, Path: src.Path, Type: typ, Start: off, End: off + int64(len(tv[1])),
				Record: "stolen/customers.csv#row=" + string(rune('1'+i)), Confidence: 0.9, Value: keys.Seal(typ, []byte(tv[1])), Fingerprint: keys.Fingerprint(typ, tv[1])})
			off += int64(len(tv[1])) + 1
		}
	}
	if err := st.AddFindings(ctx, fs); err != nil {
		t.Fatal(err)
	}
}

func TestPeopleCommand(t *testing.T) {
	e := newEnv(t)
	seedFindings(t, e, [][][2]string{
		{{"PERSON_NAME", "Robert Quincy"}, {"SSN", "123-45-6780"}, {"ADDRESS", "12 Oak Street, Austin, TX 78701"}, {"EMAIL", "rq@example.com"}},
		{{"PERSON_NAME", "Bob Quincy"}, {"SSN", "123456780"}, {"DOB", "1970-03-04"}},
		{{"PERSON_NAME", "Alice Zed"}, {"SSN", "234-56-7890"}, {"ADDRESS", "9 Elm Ave, Boston, MA 02108"}},
		{{"EMAIL", "alone@example.org"}},
	})
	tests := []struct {
		name   string
		args   []string
		checks []string
		absent []string
	}{
		{"table", []string{"people"}, []string{"4 records -> 3 people", "US-TX", "US-MA", "substitute-notice"}, []string{"Robert", "Quincy"}},
		{"jsonl", []string{"people", "--format", "jsonl"}, []string{`"jurisdiction":"US-TX"`, `"name":"R*** Q***"`, `"path":"stolen/customers.csv"`, `"no-name"`}, []string{"Robert", "rq@"}},
		{"rerun-same-ids", []string{"people", "--format", "jsonl"}, []string{`"id":1,`, `"id":2,`, `"id":3,`}, nil},
		{"reveal", []string{"--reveal", "people", "--format", "csv"}, []string{"Robert Quincy"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := e.ok(tc.args...)
			for _, c := range tc.checks {
				if !strings.Contains(out, c) {
					t.Errorf("output lacks %q", c)
				}
			}
			for _, c := range tc.absent {
				if strings.Contains(out, c) {
					t.Errorf("output shows a plaintext value (%d bytes of output)", len(out))
				}
			}
		})
	}
	// Explain the person with two records.
	out := e.ok("people", "--format", "jsonl")
	var pid int64
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var p personOut
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatal(err)
		}
		if p.Records == 2 {
			pid = p.ID
		}
	}
	if pid == 0 {
		t.Fatal("no person with two records: the same SSN was not linked")
	}
	ex := e.ok("people", "explain", itoa(pid))
	for _, c := range []string{"same-tax-id", "row=1", "row=2", "ZIP code"} {
		if !strings.Contains(ex, c) {
			t.Errorf("explain lacks %q", c)
		}
	}
	if strings.Contains(ex, "Quincy") || strings.Contains(ex, "123-45") {
		t.Error("explain shows a plaintext value")
	}
	audit := e.ok("audit", "list")
	if !strings.Contains(audit, "people.resolve") || !strings.Contains(audit, "reveal") {
		t.Error("people runs and reveals are not audited")
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// personRow is what the people tests read of a person in jsonl output.
type personRow struct {
	Jurisdiction string   `json:"jurisdiction"`
	Elements     []string `json:"elements"`
}

// scanPeople scans dir into a new case, resolves its people and returns
// them, with the case's environment and the raw jsonl for messages.
func scanPeople(t *testing.T, dir string) (*env, []personRow, string) {
	t.Helper()
	e := newEnv(t)
	e.ok("scan", dir)
	e.ok("people")
	out := e.ok("people", "--format", "jsonl")
	var rows []personRow
	for _, l := range lines(out) {
		var p personRow
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, p)
	}
	return e, rows, out
}

// TestPeopleListInText scans a memo that lists three people in one
// paragraph and a short log of three users, and requires six people, not
// two holding three SSNs each.
func TestPeopleListInText(t *testing.T) {
	dir := t.TempDir()
	memo := "Please update payroll for the following:\n" +
		"1. Jennifer Martinez (SSN 412-55-8901, DOB 06/12/1979) - 4521 Oak Hollow Dr., Austin, TX 78745\n" +
		"2. Robert Kim, social security no. 523 44 9012, born March 3, 1968\n" +
		"3. Kim, Patricia - SSN: 601-23-4455; email pkim1968@example.com\n"
	os.WriteFile(filepath.Join(dir, "memo.txt"), []byte(memo), 0o644)
	// And a short log without names: a line is a person.
	log := "2025-01-01 10:00 login user_email=jane.roe@example.com ssn=212-45-6791\n" +
		"2025-01-01 10:02 login user_email=bob.lee@example.com ssn=383-41-8663\n" +
		"2025-01-02 09:13 login user_email=ann.fox@example.com ssn=050-21-0670\n"
	os.WriteFile(filepath.Join(dir, "app.log"), []byte(log), 0o644)
	e := newEnv(t)
	e.ok("scan", dir)
	e.ok("people")
	out := e.ok("people", "--format", "jsonl")
	if n := len(lines(out)); n != 6 {
		t.Errorf("%d people from a memo listing three and a log of three:\n%s", n, out)
	}
}

// TestPeopleLetters scans letters written a paragraph a line, as a word
// processor writes them (the addressee's name, street and "City, ST
// ZIP" each a paragraph, "Dear …", the SSN in the body, a signature), and
// a mail merge of two such letters in one document, and the same
// printed to PDF over two pages each (the SSN on the second, above the
// signature): each addressee is one person with the address to write to
// and what was exposed, and the signatories call for no duty.
func TestPeopleLetters(t *testing.T) {
	dir := t.TempDir()
	letter := func(who, street, city, ssn, acct string) []string {
		return []string{"Acme Mortgage Servicing", "PO Box 1000, Dallas, TX 75201", "", "November 3, 2025", "",
			who, street, city, "", "RE: Loan LN-3159809287", "", "Dear " + who + ",",
			"We changed your autopay account to " + acct + ". The SSN on file, " + ssn + ", was verified.",
			"If you have questions, call us at 800-555-0199.", "Sincerely,", "Maria Lopez", "Customer Care"}
	}
	docx := func(name string, paras []string) {
		var b strings.Builder
		for _, p := range paras {
			b.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r></w:p>`)
		}
		var buf bytes.Buffer
		w := zip.NewWriter(&buf)
		f, _ := w.Create("[Content_Types].xml")
		f.Write([]byte(`<Types/>`))
		f, _ = w.Create("word/document.xml")
		f.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + b.String() + `</w:body></w:document>`))
		w.Close()
		os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	ana := letter("Ana Souza", "2093 Highland St", "Glen Springs, NC 28277", "383-41-8663", "194637906")
	felix := letter("Felix Hurst", "478 Chang Loop Apt 4", "Sun Heights, AR 72935", "362-98-5217", "92737371396")
	docx("souza.docx", ana)
	docx("merge.docx", append(append([]string{}, felix...), letter("Dana Whitfield", "12 Oak Ct", "Dayton, OH 45402", "212-45-6791", "61218281597")...))
	// The same letters printed to PDF, two pages each: the SSN on the
	// second page, above the signature.
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.SetFont("Helvetica", "", 11)
	for _, l := range [][]string{
		letter("Renee Dubois", "2621 Washington Ave", "Tulsa, OK 74103", "050-21-0670", "3270500001"),
		letter("Jo Li", "88 Cedar Lane", "Seattle, WA 98101", "212-45-6792", "3270500002"),
	} {
		for i, line := range l {
			if i == 0 || i == 12 {
				pdf.AddPage()
			}
			pdf.Cell(0, 6, line)
			pdf.Ln(6)
		}
	}
	if err := pdf.OutputFileAndClose(filepath.Join(dir, "merge.pdf")); err != nil {
		t.Fatal(err)
	}
	e, rows, out := scanPeople(t, dir)
	want := map[string]bool{"US-NC": false, "US-AR": false, "US-OH": false, "US-OK": false, "US-WA": false}
	for _, p := range rows {
		if _, ok := want[p.Jurisdiction]; !ok {
			continue
		}
		if got := strings.Join(p.Elements, " "); got != "ADDRESS BANK_ACCOUNT PERSON_NAME SSN" {
			t.Errorf("the addressee in %s holds %s", p.Jurisdiction, got)
		}
		if want[p.Jurisdiction] {
			t.Errorf("two people in %s", p.Jurisdiction)
		}
		want[p.Jurisdiction] = true
	}
	for j, ok := range want {
		if !ok {
			t.Errorf("no addressee in %s:\n%s", j, out)
		}
	}
	if strings.Contains(out, `"elements":["SSN"]`) || strings.Contains(out, `"elements":["BANK_ACCOUNT","SSN"]`) {
		t.Errorf("an SSN without its person:\n%s", out)
	}
	// The signatory's name and the letterhead's address, found in every
	// letter and nothing else with them, are one entry each, not one a
	// letter.
	bare := map[string]int{}
	for _, p := range rows {
		if len(p.Elements) == 1 {
			bare[p.Elements[0]]++
		}
	}
	if bare["PERSON_NAME"] != 1 || bare["ADDRESS"] != 1 {
		t.Errorf("name-only and address-only entries %v, want one each:\n%s", bare, out)
	}
	// The signatory is a person without an address; no law requires
	// them to be told, so they call for no substitute notice (public
	// posting, statewide media).
	if d := e.ok("duties", "--discovered", "2026-11-01", "--format", "csv"); strings.Contains(d, "substitute-notice") {
		t.Errorf("substitute notice for people whose name alone was found:\n%s", d)
	}
}

// TestPeopleListsInExports scans exports that hold several people in
// one record: a JSON loan with its borrowers, a MISMO XML deal with its
// parties, an XML loan with its borrowers. Each borrower is a person with their own SSN; before, the
// second borrower's SSN went to the first and the second was nobody.
func TestPeopleListsInExports(t *testing.T) {
	dir := t.TempDir()
	loans := `{"loans":[{"loan_id":"LN3159809287","property":{"street":"2093 Highland St","city":"Glen Springs","state":"NC","zip":"28277"},` +
		`"borrowers":[{"first_name":"Ana","last_name":"Souza","ssn":"383-41-8663","dob":"1961-07-04"},` +
		`{"first_name":"Joao","last_name":"Souza","ssn":"362-98-5217","dob":"1956-08-31"}]}]}`
	mismo := `<MESSAGE xmlns="http://www.mismo.org/residential/2009/schemas"><DEAL_SETS><DEAL_SET><DEALS><DEAL><PARTIES>` +
		`<PARTY><INDIVIDUAL><NAME><FirstName>Dana</FirstName><LastName>Whitfield</LastName></NAME><CONTACT_POINTS>` +
		`<CONTACT_POINT><CONTACT_POINT_TELEPHONE><ContactPointTelephoneValue>9193620142</ContactPointTelephoneValue></CONTACT_POINT_TELEPHONE></CONTACT_POINT>` +
		`<CONTACT_POINT><CONTACT_POINT_EMAIL><ContactPointEmailValue>dana@example.com</ContactPointEmailValue></CONTACT_POINT_EMAIL></CONTACT_POINT></CONTACT_POINTS></INDIVIDUAL>` +
		`<TAXPAYER_IDENTIFIERS><TAXPAYER_IDENTIFIER><TaxpayerIdentifierValue>212456791</TaxpayerIdentifierValue></TAXPAYER_IDENTIFIER></TAXPAYER_IDENTIFIERS></PARTY>` +
		`<PARTY><INDIVIDUAL><NAME><FirstName>Felix</FirstName><LastName>Hurst</LastName></NAME></INDIVIDUAL>` +
		`<TAXPAYER_IDENTIFIERS><TAXPAYER_IDENTIFIER><TaxpayerIdentifierValue>050210670</TaxpayerIdentifierValue></TAXPAYER_IDENTIFIER></TAXPAYER_IDENTIFIERS></PARTY>` +
		`</PARTIES></DEAL></DEALS></DEAL_SET></DEAL_SETS></MESSAGE>`
	xml := `<loans><loan><loan_id>LN1</loan_id><property><street>88 Cedar Lane</street><city>Seattle</city><state>WA</state><zip>98101</zip></property>` +
		`<borrower><first_name>Jo</first_name><last_name>Li</last_name><ssn>212-45-6792</ssn></borrower>` +
		`<borrower><first_name>Kai</first_name><last_name>Park</last_name><ssn>383-41-8664</ssn></borrower></loan>` +
		`<loan><loan_id>LN2</loan_id><borrower><first_name>Renee</first_name><last_name>Dubois</last_name><ssn>512-44-7081</ssn></borrower></loan></loans>`
	os.WriteFile(filepath.Join(dir, "loans.json"), []byte(loans), 0o644)
	os.WriteFile(filepath.Join(dir, "deal.xml"), []byte(mismo), 0o644)
	os.WriteFile(filepath.Join(dir, "loans.xml"), []byte(xml), 0o644)
	_, rows, out := scanPeople(t, dir)
	withSSN := 0
	for _, p := range rows {
		if slices.Contains(p.Elements, "SSN") && slices.Contains(p.Elements, "PERSON_NAME") {
			withSSN++
		}
	}
	if withSSN != 7 {
		t.Errorf("%d people with a name and an SSN, want 7 (two borrowers in JSON, two parties, three borrowers in XML):\n%s", withSSN, out)
	}
}

// TestPeopleMailAboutCustomer scans an e-mail from an employee about a
// customer: the customer's SSN and phone, written before the sender's
// signature, are the customer's, not the sender's (whose decoded From
// header has no byte offset, and whose signature comes last).
func TestPeopleMailAboutCustomer(t *testing.T) {
	dir := t.TempDir()
	msg := "From: Maria Lopez <maria.lopez@acme-mortgage.com>\r\nTo: Servicing <servicing@acme-mortgage.com>\r\nSubject: Address change\r\n" +
		"Date: Mon, 3 Nov 2025 10:00:00 -0500\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Hi team,\r\n\r\nPlease update the mailing address for borrower Ana Souza, SSN 383-41-8663,\r\n" +
		"to 12 Oak Ct, Dayton, OH 45402. Her phone is 937-362-0142.\r\n\r\nThanks,\r\nMaria Lopez\r\nAcme Mortgage Servicing\r\n"
	os.WriteFile(filepath.Join(dir, "msg.eml"), []byte(msg), 0o644)
	_, rows, _ := scanPeople(t, dir)
	var got []string
	for _, p := range rows {
		got = append(got, p.Jurisdiction+":"+strings.Join(p.Elements, "+"))
	}
	slices.Sort(got)
	if want := []string{"US-OH:ADDRESS+PERSON_NAME+PHONE+SSN", "unknown:EMAIL+PERSON_NAME"}; !slices.Equal(got, want) {
		t.Errorf("people %q, want %q", got, want)
	}
}

// TestPeopleMailingAddress places a borrower by the mailing address of a
// loan tape, not the property's: the property may be a rental in another
// state, and the letter goes where the statements go.
func TestPeopleMailingAddress(t *testing.T) {
	dir := t.TempDir()
	tape := "Borrower,SSN,Property Address,Property City,Property State,Property Zip,Mailing Address,Mailing City,Mailing State,Mailing Zip\n" +
		"Ana Souza,383-41-8663,2093 Highland St,Glen Springs,NC,28277,12 Oak Ct,Dayton,OH,45402\n" +
		"Felix Hurst,362-98-5217,478 Chang Loop,Sun Heights,AR,72935,,,,\n"
	os.WriteFile(filepath.Join(dir, "tape.csv"), []byte(tape), 0o644)
	_, rows, out := scanPeople(t, dir)
	var got []string
	for _, p := range rows {
		got = append(got, p.Jurisdiction)
	}
	slices.Sort(got)
	if want := []string{"US-AR", "US-OH"}; !slices.Equal(got, want) {
		t.Errorf("jurisdictions %q, want %q (the mailing address's, else the property's):\n%s", got, want, out)
	}
}

// TestPeopleNewAddress places a person by the address a note calls new,
// not the one it says they left.
func TestPeopleNewAddress(t *testing.T) {
	dir := t.TempDir()
	note := "2025-06-07 agent #5378: Returned mail for Ana Souza, SSN 383-41-8663. Old address 12 Oak Ct, Dayton, OH 45402. " +
		"New address 2093 Highland St, Glen Springs, NC 28277.\n"
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte(note), 0o644)
	_, rows, out := scanPeople(t, dir)
	if len(rows) != 1 || rows[0].Jurisdiction != "US-NC" {
		t.Errorf("want one person in US-NC:\n%s", out)
	}
}

// TestPeopleSmallCase links a person's two records in a case of two: in
// a small case a name's records are mostly one person's, and its share
// of them does not make it common.
func TestPeopleSmallCase(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("Name,Address,City,State,Zip\nFelix Hurst,478 Chang Loop,Sun Heights,AR,72935\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.csv"), []byte("Name,SSN,Address,City,State,Zip\nFelix Hurst,362-98-5217,478 Chang Loop Apt 4,Sun Heights,AR,72935\n"), 0o644)
	_, rows, out := scanPeople(t, dir)
	if len(rows) != 1 {
		t.Errorf("%d people, want 1:\n%s", len(rows), out)
	}
}

// TestPeopleNumberedBorrowers splits a loan tape's row of two numbered
// borrowers ("Borrower 2 SSN", "B2_SSN") into two people, each with
// their own SSN and the loan's address; before, the second borrower was
// nobody and the first held two SSNs.
func TestPeopleNumberedBorrowers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "tape.csv"), []byte("Loan,Borrower 1 First Name,Borrower 1 Last Name,Borrower 1 SSN,Borrower 2 First Name,Borrower 2 Last Name,Borrower 2 SSN,Property Address,City,State,Zip\n"+
		"LN1,Ana,Souza,383-41-8663,Joao,Souza,362-98-5217,2093 Highland St,Glen Springs,NC,28277\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "tape2.csv"), []byte("Loan,B1_FNAME,B1_LNAME,B1_SSN,B2_FNAME,B2_LNAME,B2_SSN,ADDR,CITY,ST,ZIP\n"+
		"LN2,Dana,Whitfield,212-45-6791,Felix,Hurst,050-21-0670,12 Oak Ct,Dayton,OH,45402\n"), 0o644)
	_, rows, out := scanPeople(t, dir)
	ok := 0
	for _, p := range rows {
		if strings.Join(p.Elements, "+") == "ADDRESS+PERSON_NAME+SSN" {
			ok++
		}
	}
	if len(rows) != 4 || ok != 4 {
		t.Errorf("want four people, each with a name, an SSN and the address:\n%s", out)
	}
}

// TestPeopleSurnameFirst links a ledger's "WHITFIELD DANA" (surname
// first, no comma) to "Dana Whitfield" with the same SSN: the names were
// taken for two different people and the SSN link refused, so Dana would
// have had two letters.
func TestPeopleSurnameFirst(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ledger.csv"), []byte("Name,SSN,Zip\nWHITFIELD DANA,212456791,45402\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "crm.csv"), []byte("Name,SSN,Zip\nDana Whitfield,212-45-6791,45402\n"), 0o644)
	if _, rows, out := scanPeople(t, dir); len(rows) != 1 {
		t.Errorf("%d people, want 1:\n%s", len(rows), out)
	}
}

// TestPeopleDependants splits an HR or enrollment row into the employee,
// the spouse and each numbered dependant, each with the household's
// address; before, the dependants' SSNs and dates of birth were the
// employee's.
func TestPeopleDependants(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "benefits.csv"), []byte("Employee Name,Employee SSN,Home Address,City,State,Zip,Spouse Name,Spouse SSN,Dependent 1 Name,Dependent 1 DOB,Dependent 1 SSN,Dependent 2 Name,Dependent 2 DOB\n"+
		"Ana Souza,383-41-8663,2093 Highland St,Glen Springs,NC,28277,Joao Souza,362-98-5217,Leo Souza,03/04/2012,212-45-6791,Mia Souza,06/07/2015\n"), 0o644)
	_, rows, out := scanPeople(t, dir)
	nc := 0
	for _, p := range rows {
		if p.Jurisdiction == "US-NC" {
			nc++
		}
	}
	if len(rows) != 4 || nc != 4 {
		t.Errorf("want four people in US-NC:\n%s", out)
	}
}

// TestPeopleBeneficiaries splits a policy row's numbered beneficiaries
// into people of their own, each with their SSN, and gives them no copy
// of the insured's address (they live elsewhere); before, the second
// beneficiary's SSN went to the first.
func TestPeopleBeneficiaries(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "policies.csv"), []byte("Insured Name,Insured SSN,Address,City,State,Zip,Beneficiary 1 Name,Beneficiary 1 SSN,Beneficiary 2 Name,Beneficiary 2 SSN\n"+
		"Ana Souza,383-41-8663,2093 Highland St,Glen Springs,NC,28277,Joao Souza,362-98-5217,Leo Souza,212-45-6791\n"), 0o644)
	_, rows, out := scanPeople(t, dir)
	var got []string
	for _, p := range rows {
		got = append(got, p.Jurisdiction+":"+strings.Join(p.Elements, "+"))
	}
	slices.Sort(got)
	if want := []string{"US-NC:ADDRESS+PERSON_NAME+SSN", "unknown:PERSON_NAME+SSN", "unknown:PERSON_NAME+SSN"}; !slices.Equal(got, want) {
		t.Errorf("people %q, want %q:\n%s", got, want, out)
	}
}

// TestDutiesUnreachableWithEmail checks that duties, from a case's
// people, says of those without a deliverable postal address how many
// have an email address the law may accept notice at, and does not call
// them people without usable contact details.
func TestDutiesUnreachableWithEmail(t *testing.T) {
	e := newEnv(t)
	seedFindings(t, e, [][][2]string{
		{{"PERSON_NAME", "Robert Quincy"}, {"SSN", "123-45-6780"}, {"ADDRESS", "Sacramento, CA 95814"}, {"EMAIL", "rq@example.com"}},
		{{"PERSON_NAME", "Alice Zed"}, {"SSN", "234-56-7890"}, {"ADDRESS", "Fresno, CA 93721"}},
		{{"PERSON_NAME", "Carl Ng"}, {"SSN", "345-67-8901"}, {"ADDRESS", "9 Elm Ave, San Diego, CA 92101"}},
	})
	e.ok("people")
	d := e.ok("duties", "--discovered", "2026-11-01", "--format", "csv")
	if !strings.Contains(d, "2 of them have no deliverable postal address (1 of these has an email address, and Cal. Civ. Code") || strings.Contains(d, "usable contact") {
		t.Errorf("substitute notice's reasoning:\n%s", d)
	}
}
