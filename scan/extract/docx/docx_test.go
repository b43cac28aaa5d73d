package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// doc writes a docx from parts (fictional people).
func doc(t testing.TB, parts ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, _ := w.Create("[Content_Types].xml")
	io.WriteString(f, `<Types/>`)
	for i := 0; i+1 < len(parts); i += 2 {
		f, err := w.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, parts[i+1])
	}
	w.Close()
	return b.Bytes()
}

func body(inner string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + inner + `</w:body></w:document>`
}

func para(runs ...string) string {
	s := "<w:p>"
	for _, r := range runs {
		s += `<w:r><w:t xml:space="preserve">` + r + `</w:t></w:r>`
	}
	return s + "</w:p>"
}

func row(header bool, cells ...string) string {
	s := "<w:tr>"
	if header {
		s += `<w:trPr><w:tblHeader/></w:trPr>`
	}
	for _, c := range cells {
		s += "<w:tc>" + para(c) + "</w:tc>"
	}
	return s + "</w:tr>"
}

func extract(t testing.TB, data []byte) ([]string, []string, error) {
	var segs, warns []string
	in := &scan.Input{Path: "letter.docx", R: bytes.NewReader(data), Size: int64(len(data)),
		Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset != -1 {
			t.Errorf("offset %d", s.Offset)
		}
		segs = append(segs, strings.TrimPrefix(s.Record, "letter.docx#")+"|"+s.Field+"|"+string(s.Text))
		return nil
	})
	return segs, warns, err
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    []string
		warn    string
		wantErr string
	}{
		{name: "paragraphs and runs",
			data: doc(t, "word/document.xml", body(para("Dear ", "Jane", " Roe,")+"<w:p/>"+
				`<w:p><w:r><w:t>SSN:</w:t><w:tab/><w:t>078-05-1120</w:t><w:br/><w:t>line two</w:t></w:r></w:p>`+
				`<w:p><w:r><w:fldChar/><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:hyperlink><w:r><w:t>jane.roe@example.com</w:t></w:r></w:hyperlink></w:p>`+
				`<w:p><w:del><w:r><w:delText>old 555-0100</w:delText></w:r></w:del><w:ins><w:r><w:t>new</w:t></w:r></w:ins></w:p>`)),
			want: []string{"para=1||Dear Jane Roe,", "para=3||SSN:\t078-05-1120\nline two", "para=4||jane.roe@example.com", "para=5||old 555-0100new"}},
		{name: "table with header row",
			data: doc(t, "word/document.xml", body(para("Staff")+"<w:tbl>"+row(false, "Name", "Email", "Phone")+
				row(false, "Jane Roe", "jane.roe@example.com", "555-0100")+row(false, "John Doe", "john.doe@example.com", "555-0101")+"</w:tbl>"+para("End"))),
			want: []string{"para=1||Staff", "table=1!row=1||Name", "table=1!row=1||Email", "table=1!row=1||Phone",
				"table=1!row=2|Name|Jane Roe", "table=1!row=2|Email|jane.roe@example.com", "table=1!row=2|Phone|555-0100",
				"table=1!row=3|Name|John Doe", "table=1!row=3|Email|john.doe@example.com", "table=1!row=3|Phone|555-0101", "para=11||End"}},
		{name: "table without header, marked header, spans",
			data: doc(t, "word/document.xml", body("<w:tbl>"+row(false, "Jane Roe", "555-0100")+row(false, "John Roe", "555-0101")+"</w:tbl>"+
				"<w:tbl>"+row(true, "ID 1", "Notes")+`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>`+para("wide")+`</w:tc></w:tr>`+
				`<w:tr><w:tc>`+para("a")+`</w:tc><w:tc>`+para("b")+`</w:tc></w:tr></w:tbl>`)),
			want: []string{"table=1!row=1||Jane Roe", "table=1!row=1||555-0100", "table=1!row=2||John Roe", "table=1!row=2||555-0101",
				"table=2!row=1||ID 1", "table=2!row=1||Notes", "table=2!row=2|ID 1|wide", "table=2!row=3|ID 1|a", "table=2!row=3|Notes|b"}},
		// A table of one row is a layout (a letterhead, an address block):
		// its paragraphs are the body's, read in order with the others.
		{name: "table of one row",
			data: doc(t, "word/document.xml", body("<w:tbl>"+row(false, "Ana Souza\n2093 Highland St", "November 3, 2025")+"</w:tbl>"+para("Dear Ana Souza,"))),
			want: []string{"para=1||Ana Souza\n2093 Highland St", "para=2||November 3, 2025", "para=3||Dear Ana Souza,"}},
		{name: "text box with fallback",
			data: doc(t, "word/document.xml", body(`<w:p><w:r><w:t>Outer</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent>`+para("In the box")+
				`</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>`+para("In the box")+`</w:txbxContent></mc:Fallback></mc:AlternateContent></w:p>`)),
			want: []string{"para=2||In the box", "para=1||Outer"}},
		{name: "headers and footers",
			data: doc(t, "word/footer1.xml", `<w:ftr `+ns+`>`+para("Page footer")+`</w:ftr>`, "word/header10.xml", `<w:hdr `+ns+`>`+para("H10")+`</w:hdr>`,
				"word/header2.xml", `<w:hdr `+ns+`>`+para("H2")+`</w:hdr>`, "word/document.xml", body(para("Body")),
				"word/comments.xml", `<w:comments `+ns+`><w:comment>`+para("Check Jane")+`</w:comment></w:comments>`),
			want: []string{"para=1||Body", "part=header2!para=1||H2", "part=header10!para=1||H10", "part=footer1!para=1||Page footer", "part=comments!para=1||Check Jane"}},
		{name: "truncated XML keeps what was read",
			data: doc(t, "word/document.xml", body(para("Jane Roe"))[:len(body(para("Jane Roe")))-30]),
			want: []string{"para=1||Jane Roe"}, warn: "part document read partly"},
		{name: "no body", data: doc(t, "word/styles.xml", "<x/>"), wantErr: "no word/document.xml"},
		{name: "not a zip", data: []byte("plain"), wantErr: "corrupt docx"},
		{name: "garbage body", data: doc(t, "word/document.xml", "<<<"), wantErr: "corrupt docx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, warns, err := extract(t, tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(segs, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(segs, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.warn != "" && !strings.Contains(strings.Join(warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", warns, tt.warn)
			}
			if tt.warn == "" && len(warns) > 0 {
				t.Errorf("unexpected warnings %q", warns)
			}
		})
	}
}

func TestLongParagraph(t *testing.T) {
	runs := make([]string, maxPara/1000+10)
	seed := uint32(1)
	for i := range runs {
		b := make([]byte, 1000)
		for j := range b {
			seed = seed*1664525 + 1013904223
			b[j] = 'a' + byte(seed>>24)%26 // incompressible enough not to look like a bomb
		}
		runs[i] = string(b)
	}
	segs, warns, err := extract(t, doc(t, "word/document.xml", body(para(runs...))))
	if len(warns) > 0 {
		t.Errorf("warnings %q", warns)
	}
	if err != nil || len(segs) != 2 {
		t.Fatalf("err %v, %d segments", err, len(segs))
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"a.docx", nil, true}, {"a.DOCM", nil, true}, {"a.doc", nil, false},
		{"blob", []byte("PK\x03\x04 short"), false},
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	w.Create("word/document.xml")
	w.Close()
	tests = append(tests, struct {
		name string
		head []byte
		want bool
	}{"blob", b.Bytes(), true})
	for _, tt := range tests {
		if got := (Extractor{}).Accepts(tt.name, tt.head); got != tt.want {
			t.Errorf("Accepts(%q) = %v", tt.name, got)
		}
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(doc(f, "word/document.xml", body(para("Jane Roe")+"<w:tbl>"+row(false, "Name", "Email")+row(false, "Jane", "j@example.com")+"</w:tbl>")))
	f.Add(doc(f, "word/document.xml", body(`<w:p><w:r><w:t>a</w:t><w:tab/></w:r><mc:Fallback><w:p/></mc:Fallback></w:p>`), "word/header1.xml", "<w:hdr/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 100}
		in := &scan.Input{Path: "f.docx", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
	})
}

// TestRegisterParagraphs reads a list typed one paragraph a row, its
// cells apart by tabs: each row a record, its date of birth and SSN named
// by their columns; the paragraphs around it are as they were.
func TestRegisterParagraphs(t *testing.T) {
	inner := para("Affected employees:") + para("Name\tSSN\tDate of Birth")
	for i := range 5 {
		inner += para(fmt.Sprintf("Dana Whitfield\t26024%04d\t04/%02d/1984", 7000+i, i+1))
	}
	inner += para("Signed, HR.")
	segs, warns, err := extract(t, doc(t, "word/document.xml", body(inner)))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []string{"para=1||Affected employees:", "para=2||Name\tSSN\tDate of Birth",
		"para=2!row=1||Dana Whitfield", "para=2!row=1|Date of Birth|04/01/1984", "para=2!row=1|SSN|260247000"}
	if len(segs) != 3+5*3 || !slices.Equal(segs[:5], want) || segs[len(segs)-1] != "para=8||Signed, HR." {
		t.Errorf("got %q", segs)
	}
}
