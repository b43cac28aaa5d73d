package xml

import (
	"bytes"
	"context"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

func extract(t testing.TB, name string, data []byte) ([]scan.Segment, error) {
	var out []scan.Segment
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: name, R: bytes.NewReader(data)}, func(s scan.Segment) error {
		if s.Offset >= 0 {
			if s.Offset+int64(len(s.Text)) > int64(len(data)) || !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text) {
				t.Fatalf("segment at %d is not the file's bytes", s.Offset)
			}
		}
		if s.OffsetAt != nil {
			// The mapped bytes, their references and CRs decoded, are
			// the text.
			if msg := extracttest.Mapped(s, len(data)); msg != "" {
				t.Fatal(msg)
			}
			st, en := s.OffsetAt(0), s.OffsetAt(len(s.Text))
			if raw := data[st:en]; !bytes.Contains(raw, []byte("<![CDATA[")) {
				dec := html.UnescapeString(strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\r", "\n"))
				if dec != string(s.Text) {
					t.Fatalf("segment %q maps to %q", s.Text, raw)
				}
			}
		}
		s.Text = bytes.Clone(s.Text)
		out = append(out, s)
		return nil
	})
	return out, err
}

// fieldsOf extracts doc as the file name and returns each value's Field.
func fieldsOf(t testing.TB, name, doc string) map[string]string {
	t.Helper()
	segs, err := extract(t, name, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range segs {
		got[string(s.Text)] = s.Field
	}
	return got
}

func TestXML(t *testing.T) {
	data := []byte(`<?xml version="1.0"?><customers><customer id="7" ssn="123-45-6780"><name>Jane &amp; Doe</name><email>jane@example.com</email></customer></customers>`)
	segs, err := extract(t, "c.xml", data)
	if err != nil {
		t.Fatal(err)
	}
	fields := []string{"customer@id", "customer@ssn", "name", "email"}
	if len(segs) != len(fields) {
		t.Fatalf("got %d segments, want %d", len(segs), len(fields))
	}
	for i, f := range fields {
		if segs[i].Field != f || segs[i].Record != "c.xml#elem=1" {
			t.Errorf("segment %d: field %q record %q", i, segs[i].Field, segs[i].Record)
		}
	}
	if segs[1].Offset < 0 || segs[3].Offset < 0 || segs[2].Offset != -1 || segs[2].OffsetAt == nil {
		t.Errorf("offsets: ssn %d, email %d, entity text %d (mapped %v)", segs[1].Offset, segs[3].Offset, segs[2].Offset, segs[2].OffsetAt != nil)
	}
}

func TestHTML(t *testing.T) {
	segs, err := extract(t, "p.html", []byte("<html><body><p>Call (212) 555-0199<br>now</p><script>var x=1</script></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range segs {
		if bytes.Contains(s.Text, []byte("var x")) {
			t.Error("script text extracted")
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<a b="c">d<![CDATA[e]]></a>`), false)
	f.Add([]byte(`<table><thead><tr><th>SSN</th></tr></thead><tr><td>1</td><th>x</th></tr></table><p>y</p>`), true)
	f.Add([]byte("<input value=a&amp;b name=\"x&#34;y\" Type=Text>\r\n<p>a&amp;b\r\nc<![if x]>d<![endif]> < e\x00"), true)
	f.Add([]byte(`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet Name="S"><Table><Row><Cell><Data Type="String">SSN</Data></Cell></Row><Row Index="3"><Cell Index="2"><Data Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>`), false)
	f.Fuzz(func(t *testing.T, data []byte, html bool) {
		name := "f.xml"
		if html {
			name = "f.html"
		}
		extract(t, name, data)
	})
}

// TestHTMLTable checks that an HTML table reads like a CSV file: each row
// a record, each data cell named by its column's header, whether the
// headers are <th> cells, the cells of <thead> or a first row of column
// names, that a <th> that labels a row names no column, and that a first
// row of data names none.
func TestHTMLTable(t *testing.T) {
	page := `<html><body><p>Intro</p>
<table><tr><th>Name</th><th>SSN</th><th><b>Date</b> of Birth</th></tr>
<tr><td>Jane Roe</td><td>123-45-6780</td><td>03/14/1987</td></tr>
<tr><th>Row 2</th><td>987654320</td><td><i>1990-02-01</i></td></tr></table>
<table><thead><tr><td>Email</td></tr></thead><tbody><tr><td>a@example.com</td></tr></tbody></table>
<table><tr><td>Customer</td><td>Phone</td></tr><tr><td>Ann Lee</td><td>415-867-5309</td></tr></table>
<table><tr><td>Bob Stone</td><td>212-736-1212</td></tr><tr><td>Cy Young</td><td>312-555-0100</td></tr></table>
<p>Contact us</p></body></html>`
	segs, err := extract(t, "p.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, s := range segs {
		got[string(s.Text)] = [2]string{s.Field, s.Record}
	}
	want := map[string][2]string{
		"Intro":         {"", "p.html#elem=1"},
		"Jane Roe":      {"Name", "p.html#table=1,row=2"},
		"123-45-6780":   {"SSN", "p.html#table=1,row=2"},
		"03/14/1987":    {"Date of Birth", "p.html#table=1,row=2"},
		"Row 2":         {"", "p.html#table=1,row=3"},
		"987654320":     {"SSN", "p.html#table=1,row=3"},
		"1990-02-01":    {"Date of Birth", "p.html#table=1,row=3"},
		"a@example.com": {"Email", "p.html#table=2,row=2"},
		"Contact us":    {"", "p.html#elem=2"},
		"Customer":      {"", "p.html#table=3,row=1"},
		"415-867-5309":  {"Phone", "p.html#table=3,row=2"},
		"Bob Stone":     {"", "p.html#table=4,row=1"},
		"312-555-0100":  {"", "p.html#table=4,row=2"},
	}
	for text, w := range want {
		if g, ok := got[text]; !ok || g != w {
			t.Errorf("%q: field and record %q, want %q", text, g, w)
		}
	}
}

// TestHTMLSavedAsXLS reads an HTML table saved as .xls, as web
// applications export "Excel" files: it is taken (not left to the binary
// workbook reader) and read as HTML, its header naming the cells.
func TestHTMLSavedAsXLS(t *testing.T) {
	page := "\ufeff<table border=1><tr><th>Name<th>SSN</tr><tr><td>Jane Roe<td>123-45-6780</tr></table>"
	if !(Extractor{}).Accepts("report.xls", []byte(page)) || (Extractor{}).Accepts("report.xls", []byte("Name\tSSN\n")) {
		t.Fatal("Accepts")
	}
	got := fieldsOf(t, "report.xls", page)
	if got["Jane Roe"] != "Name" || got["123-45-6780"] != "SSN" {
		t.Errorf("fields %q", got)
	}
}

// TestHTMLAsBrowsersRead reads pages that are not XML, as Word's "Save as
// Web Page", mail programs and hand-written exports make them: Office's
// conditional comments, a bare "<" and "&" in text, unquoted and
// valueless attributes, tags left open and written in capitals. All of
// the text after them is still read, table cells by their headers, with
// the file's own offsets.
func TestHTMLAsBrowsersRead(t *testing.T) {
	page := `<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><style><!-- .Slide {font-size:12pt} p.MsoNormal {margin:0} --></style>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->
</head><BODY lang=EN-US>
<p class=MsoNormal><![if !supportLists]>1.<![endif]>Balance < 100 & rising for Jane Roe<o:p></o:p>
<P>Call (415) 867-5309
<TABLE border=1>
<TR><TH>Name<TH>SSN
<TR><TD>Ana Souza<TD>383-41-8663
<TR><TD>Dana Whitfield<TD>512-44-7081
</TABLE>
<input type=hidden name=ssn value=601-23-4455 disabled>
<p>Ends here.</body></html>`
	segs, err := extract(t, "saved.htm", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]scan.Segment{}
	for _, s := range segs {
		got[string(bytes.TrimSpace(s.Text))] = s
	}
	want := map[string]string{ // text: field
		"Ana Souza": "Name", "383-41-8663": "SSN", "Dana Whitfield": "Name", "512-44-7081": "SSN",
		"601-23-4455": "input@value", "Call (415) 867-5309": "", "Ends here.": "",
	}
	for text, field := range want {
		s, ok := got[text]
		if !ok {
			t.Errorf("%q not read", text)
			continue
		}
		if s.Field != field || s.Offset < 0 {
			t.Errorf("%q: field %q offset %d, want field %q and an offset", text, s.Field, s.Offset, field)
		}
	}
	if s, ok := got["1."]; !ok || s.Field != "" {
		t.Errorf("text inside Office's list marker not read: %v", ok)
	}
	if _, ok := got["Balance < 100 & rising for Jane Roe"]; !ok {
		t.Errorf("text with a bare < and & not read whole")
	}
	for text := range got {
		if strings.Contains(text, "font-size") || strings.Contains(text, "Author") {
			t.Errorf("style or conditional comment read as text: %q", text)
		}
	}
	if got["383-41-8663"].Record != "saved.htm#table=1,row=2" || got["512-44-7081"].Record != "saved.htm#table=1,row=3" {
		t.Errorf("records %q, %q", got["383-41-8663"].Record, got["512-44-7081"].Record)
	}
}

// TestRecords names each value's record after the element that repeats
// under the document's wrappers: a customer, not the list of customers
// around it nor the addresses inside it.
func TestRecords(t *testing.T) {
	tests := []struct {
		name, doc string
		want      map[string]string // value: record
	}{
		{"wrapped", `<export date="2023-10-01"><customers>` +
			`<customer id="1"><name>Ana Souza</name><ssn>383-41-8663</ssn></customer>` +
			`<customer id="2"><name>Dana Whitfield</name><ssn>512-44-7081</ssn></customer></customers></export>`,
			map[string]string{"Ana Souza": "#elem=1", "383-41-8663": "#elem=1", "Dana Whitfield": "#elem=2", "2023-10-01": ""}},
		{"lists before values", `<Customers xmlns="urn:x">` +
			`<Customer><Addresses><Address><Street>4417 Birchwood Lane</Street></Address><Address><Street>12 Oak St</Street></Address></Addresses><SSN>383-41-8663</SSN></Customer>` +
			`<Customer><SSN>512-44-7081</SSN><Addresses><Address><Street>200 Oak St</Street></Address></Addresses></Customer></Customers>`,
			map[string]string{"4417 Birchwood Lane": "#elem=1", "12 Oak St": "#elem=1", "383-41-8663": "#elem=1", "512-44-7081": "#elem=2", "200 Oak St": "#elem=2"}},
		{"one record", `<Customer><Addresses><Address><Street>4417 Birchwood Lane</Street></Address><Address><Street>12 Oak St</Street></Address></Addresses><SSN>383-41-8663</SSN></Customer>`,
			map[string]string{"4417 Birchwood Lane": "#elem=1", "12 Oak St": "#elem=1", "383-41-8663": "#elem=1"}},
		{"flat", `<rows><row><ssn>383-41-8663</ssn></row><row><ssn>512-44-7081</ssn></row></rows>`,
			map[string]string{"383-41-8663": "#elem=1", "512-44-7081": "#elem=2"}},
		// MISMO 3.4, a loan delivery file of two loans: each PARTY is a
		// person, though its contact points repeat first and the deals
		// repeat above it.
		{"MISMO parties", `<MESSAGE xmlns="http://www.mismo.org/residential/2009/schemas"><DEAL_SETS><DEAL_SET><DEALS>` +
			`<DEAL><COLLATERALS><COLLATERAL><SUBJECT_PROPERTY><ADDRESS><AddressLineText>2093 Highland St</AddressLineText></ADDRESS></SUBJECT_PROPERTY></COLLATERAL></COLLATERALS><PARTIES>` +
			`<PARTY><INDIVIDUAL><NAME><FirstName>Ana</FirstName></NAME><CONTACT_POINTS><CONTACT_POINT><CONTACT_POINT_TELEPHONE><ContactPointTelephoneValue>9193620142</ContactPointTelephoneValue></CONTACT_POINT_TELEPHONE></CONTACT_POINT>` +
			`<CONTACT_POINT><CONTACT_POINT_EMAIL><ContactPointEmailValue>ana@example.com</ContactPointEmailValue></CONTACT_POINT_EMAIL></CONTACT_POINT></CONTACT_POINTS></INDIVIDUAL>` +
			`<TAXPAYER_IDENTIFIERS><TAXPAYER_IDENTIFIER><TaxpayerIdentifierValue>383418663</TaxpayerIdentifierValue></TAXPAYER_IDENTIFIER></TAXPAYER_IDENTIFIERS></PARTY>` +
			`<PARTY><INDIVIDUAL><NAME><FirstName>Joao</FirstName></NAME></INDIVIDUAL><TAXPAYER_IDENTIFIERS><TAXPAYER_IDENTIFIER><TaxpayerIdentifierValue>362985217</TaxpayerIdentifierValue></TAXPAYER_IDENTIFIER></TAXPAYER_IDENTIFIERS></PARTY>` +
			`</PARTIES></DEAL><DEAL><PARTIES><PARTY><INDIVIDUAL><NAME><FirstName>Dana</FirstName></NAME></INDIVIDUAL></PARTY></PARTIES></DEAL>` +
			`</DEALS></DEAL_SET></DEAL_SETS></MESSAGE>`,
			map[string]string{"2093 Highland St": "#elem=1", "Ana": "#elem=2", "9193620142": "#elem=2", "ana@example.com": "#elem=2", "383418663": "#elem=2",
				"Joao": "#elem=3", "362985217": "#elem=3", "Dana": "#elem=4"}},
	}
	for _, tt := range tests {
		segs, err := extract(t, "d.xml", []byte(tt.doc))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := map[string]string{}
		for _, s := range segs {
			got[string(s.Text)] = strings.TrimPrefix(s.Record, "d.xml")
		}
		for v, rec := range tt.want {
			if got[v] != rec {
				t.Errorf("%s: %q in record %q, want %q", tt.name, v, got[v], rec)
			}
		}
	}
}

// TestCDAIdentifiers names an HL7 v3 identifier's extension by its root
// OID: the SSN's, not an organisation's own record numbers.
func TestCDAIdentifiers(t *testing.T) {
	doc := `<ClinicalDocument xmlns="urn:hl7-org:v3"><patientRole><id root="2.16.840.1.113883.4.1" extension="383418663"/><id root="1.2.3.4.5" extension="MRN-7781"/></patientRole></ClinicalDocument>`
	segs, err := extract(t, "c.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range segs {
		got[string(s.Text)] = s.Field
	}
	if got["383418663"] != "ssn" || got["MRN-7781"] != "id@extension" {
		t.Errorf("fields %q", got)
	}
}

// TestCDACodes names a C-CDA code by its code system: an ICD-10-CM
// problem's code and display name are a diagnosis code and a diagnosis,
// an RxNorm code a medication; another code system's keep their names.
func TestCDACodes(t *testing.T) {
	doc := `<ClinicalDocument xmlns="urn:hl7-org:v3"><entry><observation>` +
		`<value code="E11.9" codeSystem="2.16.840.1.113883.6.90" displayName="Type 2 diabetes"/>` +
		`<code code="860975" codeSystem="2.16.840.1.113883.6.88" displayName="Metformin 500 MG"/>` +
		`<code code="4548-4" codeSystem="2.16.840.1.113883.6.1" displayName="Hemoglobin A1c"/></observation></entry></ClinicalDocument>`
	got := fieldsOf(t, "c.xml", doc)
	for v, want := range map[string]string{"E11.9": "diagnosis code", "Type 2 diabetes": "diagnosis", "860975": "medication",
		"Metformin 500 MG": "medication", "4548-4": "code@code", "Hemoglobin A1c": "code@displayName"} {
		if got[v] != want {
			t.Errorf("%s: field %q, want %q", v, got[v], want)
		}
	}
}

// TestByteOrderMark reads XML in UTF-16 with its mark, as Windows tools
// write it, and keeps the offsets of UTF-8 XML after its mark.
func TestByteOrderMark(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><c><ssn>412-65-7733</ssn></c>`
	u16 := []byte{0xFF, 0xFE}
	for _, c := range doc {
		u16 = append(u16, byte(c), 0)
	}
	var texts []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.xml", R: bytes.NewReader(u16)}, func(s scan.Segment) error {
		texts = append(texts, string(s.Text))
		return nil
	})
	if err != nil || len(texts) != 1 || texts[0] != "412-65-7733" {
		t.Errorf("UTF-16: %q, %v", texts, err)
	}
	bom := append([]byte{0xEF, 0xBB, 0xBF}, `<c><ssn>412-65-7733</ssn></c>`...)
	segs, err := extract(t, "b.xml", bom)
	if err != nil || len(segs) != 1 || segs[0].Offset != 11 {
		t.Errorf("UTF-8 with a mark: %+v, %v", segs, err)
	}
}

// TestSpreadsheetML reads an Excel 2003 XML workbook by its sheets: the
// header row names the columns, each row is a record, cells are located
// by sheet and reference (ss:Index skips cells), dates lose their
// midnight; the header's cells are read as text, as xlsx's are.
func TestSpreadsheetML(t *testing.T) {
	doc := `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>` +
		`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">` +
		`<Worksheet ss:Name="Customers"><Table>` +
		`<Row><Cell><Data ss:Type="String">Name</Data></Cell><Cell><Data ss:Type="String">SSN</Data></Cell><Cell><Data ss:Type="String">DOB</Data></Cell></Row>` +
		`<Row><Cell><Data ss:Type="String">Dana Whitfield</Data></Cell><Cell ss:Index="3"><Data ss:Type="DateTime">1985-03-22T00:00:00.000</Data></Cell></Row>` +
		`<Row ss:Index="5"><Cell><Data ss:Type="String">Sean O'Brien</Data></Cell><Cell><Data ss:Type="Number">523710098</Data></Cell></Row>` +
		`</Table></Worksheet></Workbook>`
	segs, err := extract(t, "w.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	type c struct{ text, field, record, cell string }
	var got []c
	for _, s := range segs {
		got = append(got, c{string(s.Text), s.Field, s.Record, s.Cell})
	}
	want := []c{
		{"Name", "", "w.xml#sheet=Customers!row=1", "A1"}, {"SSN", "", "w.xml#sheet=Customers!row=1", "B1"}, {"DOB", "", "w.xml#sheet=Customers!row=1", "C1"},
		{"Dana Whitfield", "Name", "w.xml#sheet=Customers!row=2", "A2"}, {"1985-03-22", "DOB", "w.xml#sheet=Customers!row=2", "C2"},
		{"Sean O'Brien", "Name", "w.xml#sheet=Customers!row=5", "A5"}, {"523710098", "SSN", "w.xml#sheet=Customers!row=5", "B5"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestRecordColumns checks that an element's values carry the fields of
// their record as Columns, those read after them too.
func TestRecordColumns(t *testing.T) {
	doc := `<members><member><memberId>XWB100234567</memberId><shareBalance>10.00</shareBalance></member>` +
		`<member><memberId>XWB100234568</memberId><planCode>PPO</planCode></member></members>`
	segs, _ := extracttest.Extract(t, Extractor{}, "m.xml", doc)
	var got []string
	for _, s := range segs {
		got = append(got, s.Field+"="+strings.Join(s.Columns, ","))
	}
	want := []string{"memberId=memberId,shareBalance", "shareBalance=memberId,shareBalance", "memberId=memberId,planCode", "planCode=memberId,planCode"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReferenceOffsets: a value written with character or entity
// references is located by the bytes it was decoded from, so that a
// finding's start and end cover the markup ("ann&#64;example.com"), in
// XML text and attributes and in HTML alike.
func TestReferenceOffsets(t *testing.T) {
	for _, tc := range []struct{ name, doc, value, raw string }{
		{"a.xml", `<c><email>ann&#64;example.com</email></c>`, "ann@example.com", "ann&#64;example.com"},
		{"a.xml", "<c><note>Call O&apos;Brien\r\nat 415</note></c>", "Call O'Brien\nat 415", "Call O&apos;Brien\r\nat 415"},
		{"a.xml", `<c><p owner = 'Mary O&apos;Hara'/></c>`, "Mary O'Hara", "Mary O&apos;Hara"},
		{"a.html", `<p>Sean O&rsquo;Neil&nbsp;SSN</p>`, "Sean O\u2019Neil\u00a0SSN", "Sean O&rsquo;Neil&nbsp;SSN"},
		{"a.html", `<a TITLE="Jo &amp; Co" href=x>y</a>`, "Jo & Co", "Jo &amp; Co"},
	} {
		segs, err := extract(t, tc.name, []byte(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range segs {
			if string(s.Text) != tc.value {
				continue
			}
			found = true
			if s.OffsetAt == nil {
				t.Errorf("%s: %q has no offsets", tc.doc, tc.value)
				continue
			}
			if got := tc.doc[s.OffsetAt(0):s.OffsetAt(len(s.Text))]; got != tc.raw {
				t.Errorf("%s: %q maps to %q, want %q", tc.doc, tc.value, got, tc.raw)
			}
		}
		if !found {
			t.Errorf("%s: no segment %q", tc.doc, tc.value)
		}
	}
}

func TestRawOffsets(t *testing.T) {
	for _, tc := range []struct {
		raw, text string
		want      []int // nil: not mappable
	}{
		{"ab", "ab", []int{0, 1, 2}},
		{"a&amp;b", "a&b", []int{0, 1, 6, 7}},
		{"&#233;", "\u00e9", []int{0, 0, 6}},
		{"a\r\nb", "a\nb", []int{0, 2, 3, 4}},
		{"a\rb", "a\nb", []int{0, 1, 2, 3}},
		{"<![CDATA[x]]>y", "xy", []int{9, 13, 14}},
		{"a & b", "a & b", []int{0, 1, 2, 3, 4, 5}},
		{"a&amp;b", "a&amp;b", nil},
		{"ab", "abc", nil},
		{"abc", "ab", nil},
	} {
		if got := rawOffsets([]byte(tc.raw), []byte(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("rawOffsets(%q, %q) = %v, want %v", tc.raw, tc.text, got, tc.want)
		}
	}
}
