package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

// crlf turns "\n" line ends into "\r\n".
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// Fictional people only.
const plain = `From: Jane Roe <jane.roe@example.com>
To: John Doe <john.doe@example.com>, billing@example.org
Cc: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.net>
Subject: =?ISO-8859-1?Q?Caf=E9_SSN?=
Date: Mon, 15 Jan 2024 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

Hello John,
my SSN is 078-05-1120.
`

var multipart = `From: Jane Roe <jane.roe@example.com>
To: hr@example.com
Reply-To: jane.private@example.net
Subject: Documents
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Phone: +1 555 0100, caf=E9 =
continued

--b2
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

` + base64.StdEncoding.EncodeToString([]byte(`<html><head><title>t</title><style>p{}</style></head><body><p>IBAN&nbsp;DE89 3704 0044 0532 0130 00</p><script>var x="hidden";</script><table><tr><td>a</td><td>b</td></tr></table></body></html>`)) + `
--b2--

--b1
Content-Type: text/csv; name="people.csv"
Content-Disposition: attachment; filename="people.csv"
Content-Transfer-Encoding: base64

` + base64.StdEncoding.EncodeToString([]byte("name,ssn\nJane Roe,078-05-1120\n")) + `
--b1
Content-Type: text/csv
Content-Disposition: attachment; filename="../../etc/people.csv"

name
--b1
Content-Type: text/csv
Content-Disposition: attachment; filename="people.csv"

second
--b1
Content-Type: image/png
Content-Disposition: inline

PNGDATA
--b1
Content-Type: message/rfc822

From: a@example.com
Subject: fwd

inner body
--b1--
`

type out struct {
	segs    []scan.Segment
	members map[string]string
	warns   []string
}

func run(t testing.TB, ex scan.Extractor, path, data string, depth int) (*out, error) {
	o := &out{members: map[string]string{}}
	in := &scan.Input{Path: path, R: strings.NewReader(data), Size: int64(len(data)), Depth: depth,
		Warn: func(s string) { o.warns = append(o.warns, s) },
		Member: func(name string, size int64, r io.Reader) error {
			b, err := io.ReadAll(r)
			if err != nil {
				t.Errorf("member %s: %v", name, err)
			}
			o.members[name] = string(b)
			return nil
		}}
	err := ex.Extract(context.Background(), in, func(s scan.Segment) error {
		o.segs = append(o.segs, s)
		return nil
	})
	return o, err
}

func field(o *out, f string) []string {
	var v []string
	for _, s := range o.segs {
		if s.Field == f {
			v = append(v, string(s.Text))
		}
	}
	return v
}

func TestPlainOffsets(t *testing.T) {
	for _, data := range []string{plain, crlf(plain)} {
		o, err := run(t, EML{}, "mail.eml", data, 0)
		if err != nil || len(o.warns) > 0 {
			t.Fatalf("err %v warns %q", err, o.warns)
		}
		want := map[string]string{"From": "Jane Roe <jane.roe@example.com>", "To": "John Doe <john.doe@example.com>, billing@example.org",
			"Cc": "Jürgen Müller <jm@example.net>", "Subject": "Café SSN"}
		for f, w := range want {
			if got := field(o, f); len(got) != 1 || got[0] != w {
				t.Errorf("%s = %q, want %q", f, got, w)
			}
		}
		body := field(o, "")
		if len(body) != 1 || !strings.Contains(body[0], "078-05-1120") {
			t.Fatalf("body = %q", body)
		}
		s := o.segs[len(o.segs)-1]
		if s.Offset < 0 || data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("body offset %d is not a byte copy", s.Offset)
		}
		// A header written as is has its place in the file; an encoded
		// one (Cc, Subject) has none.
		for _, h := range o.segs[:len(o.segs)-1] {
			switch {
			case h.Field == "From" || h.Field == "To":
				if h.Offset < 0 || data[h.Offset:h.Offset+int64(len(h.Text))] != string(h.Text) {
					t.Errorf("%s at %d is not the file's bytes", h.Field, h.Offset)
				}
			case h.Offset != -1:
				t.Errorf("encoded %s has offset %d", h.Field, h.Offset)
			}
		}
		if s.Record != "mail.eml" {
			t.Errorf("record %q", s.Record)
		}
	}
}

func TestMultipart(t *testing.T) {
	o, err := run(t, EML{}, "mail.eml", crlf(multipart), 0)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Join(field(o, ""), "|")
	for _, want := range []string{"Phone: +1 555 0100, café continued", "IBAN\u00a0DE89 3704 0044 0532 0130 00", "a\tb"} {
		if !strings.Contains(body, want) {
			t.Errorf("body %q lacks %q", body, want)
		}
	}
	if strings.Contains(body, "hidden") || strings.Contains(body, "p{}") {
		t.Errorf("script or style kept: %q", body)
	}
	for _, s := range o.segs {
		if s.Field == "" && s.Offset != -1 {
			t.Errorf("encoded body has offset %d", s.Offset)
		}
	}
	if got := field(o, "Reply-To"); len(got) != 1 {
		t.Errorf("Reply-To = %q", got)
	}
	wantMembers := map[string]string{
		"people.csv":     "name,ssn\nJane Roe,078-05-1120\n",
		"etc/people.csv": "name",
		"people-2.csv":   "second",
		"part-6.png":     "PNGDATA",
		"message-7.eml":  "From: a@example.com\r\nSubject: fwd\r\n\r\ninner body",
	}
	for name, want := range wantMembers {
		if got, ok := o.members[name]; !ok || strings.TrimSpace(strings.ReplaceAll(got, "\r", "")) != strings.TrimSpace(strings.ReplaceAll(want, "\r", "")) {
			t.Errorf("member %s = %q (present %v), want %q; members %v", name, got, ok, want, o.members)
		}
	}
	if len(o.members) != len(wantMembers) {
		t.Errorf("members %v", o.members)
	}
	if len(o.warns) != 1 || !strings.Contains(o.warns[0], `attachment "../../etc/people.csv" has an unsafe name`) {
		t.Errorf("warnings %q", o.warns)
	}
}

func TestEMLErrors(t *testing.T) {
	tests := []struct {
		name, data, wantErr, warn string
		depth                     int
	}{
		{name: "not a message", data: "this line has no colon\nand neither this\n\nbody", wantErr: "malformed message"},
		{name: "broken multipart", data: "From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nJane Roe\n--x\nbad header line\n\n", warn: "message read partly"},
		{name: "too deep for attachments", data: crlf(multipart), depth: 8, warn: "not scanned: nested 8 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := run(t, EML{}, "m.eml", tt.data, tt.depth)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(o.warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", o.warns, tt.warn)
			}
		})
	}
}

func TestMBOX(t *testing.T) {
	box := "From jane@example.com Mon Jan 15 10:00:00 2024\n" + plain + "\n" +
		"From nobody Mon Jan 15 10:00:00 2024\nthis is not a header line\n\nbody\n\n" +
		"From john@example.com Mon Jan 15 10:00:00 2024\n" + multipart + "\n" +
		"From x@example.com Tue Jan 16 10:00:00 2024\nFrom: x@example.com\nSubject: quoted\n\n>From here on\n>>From two\nend\n"
	o, err := run(t, MBOX{}, "box.mbox", box, 0)
	if err != nil {
		t.Fatal(err)
	}
	records := map[string]bool{}
	for _, s := range o.segs {
		records[s.Record] = true
		if s.Offset != -1 {
			t.Errorf("mbox segment with offset %d", s.Offset)
		}
	}
	for _, r := range []string{"box.mbox#msg=1", "box.mbox#msg=3", "box.mbox#msg=4"} {
		if !records[r] {
			t.Errorf("no record %s in %v", r, records)
		}
	}
	if !strings.Contains(strings.Join(o.warns, "\n"), "message 2: malformed") {
		t.Errorf("warnings %q", o.warns)
	}
	if o.members["msg-3/people.csv"] != "name,ssn\nJane Roe,078-05-1120\n" {
		t.Errorf("members %v", o.members)
	}
	last := o.segs[len(o.segs)-1]
	if string(last.Text) != "From here on\n>From two\nend\n" || last.Record != "box.mbox#msg=4" {
		t.Errorf("last body %q (%s)", last.Text, last.Record)
	}
	if _, err := run(t, MBOX{}, "x.mbox", "not a mailbox", 0); err == nil {
		t.Error("no error for a non-mbox")
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		ex   scan.Extractor
		name string
		head string
		want bool
	}{
		{EML{}, "a.eml", "", true},
		{EML{}, "blob", "Received: from x\nFrom: a@example.com\n", true},
		{EML{}, "blob", "Date: today\nnothing else", false},
		{EML{}, "notes.txt", "hello", false},
		{MBOX{}, "a.mbox", "", true},
		{MBOX{}, "blob", "From a@example.com Mon Jan 1\nReturn-Path: <a@example.com>\n", true},
		{MBOX{}, "blob", "From the desk of Jane\nDear John", false},
	}
	for _, tt := range tests {
		if got := tt.ex.Accepts(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("%s.Accepts(%q, %q) = %v", tt.ex.Format(), tt.name, tt.head, got)
		}
	}
}

func TestLongBodyChunks(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("From: a@example.com\n\n")
	for b.Len() < 3*chunk {
		b.WriteString("Jane Roe lives at 1 Example Street, Springfield.\n")
	}
	o, err := run(t, EML{}, "m.eml", b.String(), 0)
	if err != nil {
		t.Fatal(err)
	}
	body := field(o, "")
	if len(body) < 3 {
		t.Fatalf("%d body segments", len(body))
	}
	for _, s := range o.segs[1:] {
		if b.String()[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) || !strings.HasSuffix(string(s.Text), "\n") {
			t.Fatalf("segment at %d is not a line-aligned byte copy", s.Offset)
		}
	}
}

func fuzzRun(ex scan.Extractor, data []byte) {
	in := &scan.Input{Path: "f", R: bytes.NewReader(data), Size: int64(len(data)),
		Limits: &scan.Limits{MaxMemberSize: 1 << 20, MaxMembers: 50},
		Warn:   func(string) {},
		Member: func(name string, size int64, r io.Reader) error {
			_, err := io.Copy(io.Discard, r)
			_ = err
			return nil
		}}
	_ = ex.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && s.Offset+int64(len(s.Text)) <= int64(len(data)) && !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text) {
			panic("offset does not point at the text")
		}
		if msg := extracttest.Mapped(s, len(data)); msg != "" {
			panic(msg)
		}
		return nil
	})
}

func FuzzEML(f *testing.F) {
	f.Add([]byte(plain))
	f.Add([]byte(crlf(multipart)))
	f.Add([]byte(alternative))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRun(EML{}, data) })
}

func FuzzMBOX(f *testing.F) {
	f.Add([]byte("From a Mon Jan 1\n" + plain + "\nFrom b Mon Jan 1\n" + multipart))
	f.Add([]byte("From a\nFrom: x\n\n>From y\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRun(MBOX{}, data) })
}

// TestHTMLTableBody checks that an HTML body laid out as a table goes to
// the pipeline as an HTML file (its rows records, its header naming the
// columns there), and that an HTML body of prose is read as text.
func TestHTMLTableBody(t *testing.T) {
	table := `<table><tr><th>Name</th><th>SSN</th></tr><tr><td>Jane Roe</td><td>078-05-1120</td></tr><tr><td>John Doe</td><td>219-09-9999</td></tr></table>`
	msg := crlf("From: reports@example.com\nTo: ops@example.com\nSubject: Daily\nContent-Type: text/html; charset=utf-8\n\n") + table
	o, err := run(t, EML{}, "r.eml", msg, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.members["body-1.html"] != table {
		t.Errorf("members %q", o.members)
	}
	for _, s := range o.segs {
		if strings.Contains(string(s.Text), "078-05-1120") {
			t.Errorf("table body also read as text: %q", s.Text)
		}
	}
	prose := crlf("From: a@example.com\nContent-Type: text/html\n\n") + "<p>Call Jane Roe at <b>415-867-5309</b>.</p>"
	o, err = run(t, EML{}, "p.eml", prose, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.members) != 0 || !strings.Contains(strings.Join(field(o, ""), ""), "415-867-5309") {
		t.Errorf("prose body: members %q, text %q", o.members, field(o, ""))
	}
}

// TestEMLX reads an Apple Mail message: the length line skipped, the
// message read as an .eml with its body located in the file, Mail's
// property list after it left out.
func TestEMLX(t *testing.T) {
	msg := "From: Sierra Jefferson <sierra.jefferson@example.com>\r\nTo: hr@example.org\r\nSubject: My SSN\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy SSN is 383-41-8663.\r\n"
	data := fmt.Sprintf("%d\n%s<?xml version=\"1.0\"?><plist><dict><key>flags</key><integer>8590195713</integer></dict></plist>\n", len(msg), msg)
	if !(EMLX{}).Accepts("12345.emlx", []byte(data)) || (EMLX{}).Accepts("x.eml", []byte(data)) {
		t.Fatal("Accepts")
	}
	var texts []string
	in := &scan.Input{Path: "12345.emlx", R: strings.NewReader(data), Size: int64(len(data))}
	err := EMLX{}.Extract(context.Background(), in, func(s scan.Segment) error {
		texts = append(texts, s.Field+"="+string(s.Text))
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "383-41-8663") || !strings.Contains(joined, "From=Sierra Jefferson <sierra.jefferson@example.com>") || strings.Contains(joined, "8590195713") {
		t.Errorf("segments %q", texts)
	}
}

func FuzzEMLX(f *testing.F) {
	f.Add([]byte("25\nSubject: x\r\n\r\nSSN 383-41-8663<?xml?>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &scan.Input{Path: "m.emlx", R: bytes.NewReader(data), Size: int64(len(data))}
		EMLX{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text)) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

// TestRegisterInBody reads a list pasted into a message by rows: each
// date of birth and SSN named by its column, however far below the header.
func TestRegisterInBody(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: hr@example.org\r\nSubject: list\r\n\r\nHere is the list you asked for.\r\n\r\nName SSN DOB\r\n")
	for i := range 12 {
		fmt.Fprintf(&b, "Dana Whitfield 260247%03d 04/%02d/1984\r\n", i, i+1)
	}
	data := b.String()
	var births, ssns int
	in := &scan.Input{Path: "m.eml", R: strings.NewReader(data), Size: int64(len(data))}
	err := EML{}.Extract(context.Background(), in, func(s scan.Segment) error {
		switch s.Field {
		case "DOB":
			births++
		case "SSN":
			ssns++
		}
		return nil
	})
	if err != nil || births != 12 || ssns != 12 {
		t.Errorf("%d dates of birth and %d SSNs named, want 12 each (err %v)", births, ssns, err)
	}
}

// TestExtraHeaders reads the headers beyond From/To/Cc that name people:
// an archive's X-To list, a resent message's recipients, and the address
// a Received header says the message was for; not the relays' names.
func TestExtraHeaders(t *testing.T) {
	data := "Received: from mx.example.org (mx.example.org [192.0.2.7])\r\n\tby mail.example.com with ESMTP id 123\r\n\tfor <ana.souza@example.com>; Tue, 1 Oct 2023 10:00:00 +0000\r\n" +
		"Received: from internal by relay with LMTP; Tue, 1 Oct 2023 10:00:01 +0000\r\n" +
		"From: Dana Whitfield <dana.whitfield@example.org>\r\n" +
		"X-To: Ana Souza, Renee Dubois\r\n" +
		"Resent-To: sierra.jefferson@example.net\r\n" +
		"X-Mailer: Outlook\r\n" +
		"Subject: escrow\r\n\r\nbody\r\n"
	o, err := run(t, EML{}, "m.eml", data, 0)
	if err != nil || len(o.warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, o.warns)
	}
	for f, want := range map[string][]string{
		"Received for": {"ana.souza@example.com"},
		"X-To":         {"Ana Souza, Renee Dubois"},
		"Resent-To":    {"sierra.jefferson@example.net"},
		"X-Mailer":     nil,
	} {
		if got := field(o, f); !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", f, got, want)
		}
	}
}

// A multipart message's text parts, sent as is or in quoted-printable,
// are found in the file: each body piece carries the offsets of the
// bytes it was decoded from, so a finding's start and end cover
// "Jos=C3=A9" as a plain body's cover its own bytes.
const alternative = `From: hr@example.com
To: jane.roe@example.com
Subject: records
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m1"

--m1
Content-Type: multipart/alternative; boundary="a1"

--a1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Jos=C3=A9 Garc=C3=ADa, SSN 078-05-1120, lives at 77 Massachusetts Ave, Cambr=
idge, MA 02139.  =20
Phone: 617-253-1000
--a1
Content-Type: text/html; charset=utf-8

<p>Jos&eacute; Garc&iacute;a</p>
--a1--

--m1
Content-Type: text/plain

Second part: DOB 03/14/1975.
--m1--
`

func TestLocatedOffsets(t *testing.T) {
	for _, data := range []string{alternative, crlf(alternative)} {
		o, err := run(t, EML{}, "mail.eml", data, 0)
		if err != nil || len(o.warns) > 0 {
			t.Fatalf("err %v warns %q", err, o.warns)
		}
		var qp, plainPart bool
		for _, s := range o.segs {
			if s.Field != "" {
				continue
			}
			switch {
			case strings.HasPrefix(string(s.Text), "José García"):
				qp = true
				if s.OffsetAt == nil {
					t.Fatalf("quoted-printable body %q has no offsets", s.Text)
				}
				at := func(v string) string {
					i := strings.Index(string(s.Text), v)
					return data[s.OffsetAt(i):s.OffsetAt(i+len(v))]
				}
				for v, want := range map[string]string{"José García": "Jos=C3=A9 Garc=C3=ADa", "078-05-1120": "078-05-1120",
					"Cambridge": "Cambr=" + data[strings.Index(data, "Cambr=")+6:strings.Index(data, "idge")] + "idge", "617-253-1000": "617-253-1000"} {
					if got := at(v); got != want {
						t.Errorf("%q maps to %q, want %q", v, got, want)
					}
				}
			case strings.HasPrefix(string(s.Text), "Second part"):
				plainPart = true
				if s.Offset < 0 || data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
					t.Errorf("plain part at %d is not the file's bytes", s.Offset)
				}
			case strings.Contains(string(s.Text), "José"):
				// The HTML alternative, decoded from entities: no offsets.
				if s.Offset >= 0 || s.OffsetAt != nil {
					t.Errorf("HTML text %q has offsets", s.Text)
				}
			}
		}
		if !qp || !plainPart {
			t.Errorf("parts read: quoted-printable %v, plain %v", qp, plainPart)
		}
	}
}

func TestQPOffsets(t *testing.T) {
	for _, tc := range []struct {
		raw, dec string
		want     []int
	}{
		{"ab", "ab", []int{0, 1, 2}},
		{"a=3Db", "a=b", []int{0, 1, 4, 5}},
		{"a=3db", "a=b", []int{0, 1, 4, 5}},
		{"a=\r\nb", "ab", []int{0, 4, 5}},
		{"a  \nb", "a\nb", []int{0, 3, 4, 5}},
		{"a=XYb", "a=XYb", nil},
		{"a=3Db", "a=c", nil},
		{"ab", "abc", nil},
	} {
		if got := qpOffsets([]byte(tc.raw), 0, []byte(tc.dec)); !slices.Equal(got, tc.want) {
			t.Errorf("qpOffsets(%q, %q) = %v, want %v", tc.raw, tc.dec, got, tc.want)
		}
	}
}
