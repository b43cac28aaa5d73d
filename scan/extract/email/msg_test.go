package email

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readMsg(t testing.TB, name string) string {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestMSG reads the Outlook messages testdata/makemsg.pl writes: sender,
// recipients by kind, subject, plain body, internet headers and an
// attachment; and an older one with 8-bit strings, an HTML body only and
// no recipient table.
func TestMSG(t *testing.T) {
	o, err := run(t, MSG{}, "letter.msg", readMsg(t, "letter.msg"), 0)
	if err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string][]string{
		"From":    {"Dana Whitfield <dana.whitfield@example.org>"},
		"To":      {"Sierra Jefferson <sierra.jefferson@example.com>"},
		"Cc":      {"Ana Souza <ana.souza@example.net>"},
		"Subject": {"Escrow refund for José Álvarez"},
	} {
		if got := field(o, f); !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", f, got, want)
		}
	}
	body := strings.Join(field(o, ""), "\n")
	for _, s := range []string{"383-41-8663", "(415) 867-5309", "X-Customer-DOB: 1980-05-17"} {
		if !strings.Contains(body, s) {
			t.Errorf("body %q lacks %q", body, s)
		}
	}
	if o.members["customers.csv"] != "name,ssn\r\nMaria Garcia,601-23-4455\r\n" || len(o.members) != 1 || len(o.warns) > 0 {
		t.Errorf("members %q, warnings %q", o.members, o.warns)
	}
	for _, s := range o.segs {
		if s.Record != "letter.msg" || s.Offset != -1 {
			t.Errorf("segment %q: record %q, offset %d", s.Text, s.Record, s.Offset)
		}
	}

	o, err = run(t, MSG{}, "html.msg", readMsg(t, "html.msg"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := field(o, "Subject"); !slices.Equal(got, []string{"Account for Renée Dubois"}) {
		t.Errorf("8-bit subject %q", got)
	}
	if got := field(o, "To"); !slices.Equal(got, []string{"Renée Dubois"}) {
		t.Errorf("display To %q", got)
	}
	body = strings.Join(field(o, ""), "\n")
	if !strings.Contains(body, "SSN: 512-44-7081") || strings.Contains(body, "var x") || strings.Contains(body, "<b>") {
		t.Errorf("HTML body as text: %q", body)
	}
}

// TestMSGDamaged cuts a message at several places (one error each, no
// panic) and refuses compound files that hold no message.
func TestMSGDamaged(t *testing.T) {
	data := readMsg(t, "letter.msg")
	for _, n := range []int{0, 8, 512, len(data) / 2} {
		if _, err := run(t, MSG{}, "c.msg", data[:n], 0); err == nil {
			t.Errorf("cut at %d: no error", n)
		}
	}
	if !(MSG{}).Accepts("Mail.MSG", []byte(data[:8])) || (MSG{}).Accepts("mail.msg", []byte("From: a")) || (MSG{}).Accepts("book.xls", []byte(data[:8])) {
		t.Error("Accepts")
	}
	xls, err := os.ReadFile(filepath.Join("..", "xls", "testdata", "customers.xls"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, MSG{}, "x.msg", string(xls), 0); err == nil || !strings.Contains(err.Error(), "not an Outlook message") {
		t.Errorf("a workbook named .msg: %v", err)
	}
}

func FuzzMSG(f *testing.F) {
	f.Add([]byte(readMsg(f, "letter.msg")))
	f.Add([]byte(readMsg(f, "html.msg")))
	f.Add([]byte(readMsg(f, "forwarded.msg")))
	f.Add([]byte(readMsg(f, "contact.msg")))
	f.Fuzz(func(t *testing.T, data []byte) { run(t, MSG{}, "f.msg", string(data), 0) })
}
