package yaml

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

type seg struct{ field, text, record string }

func extract(t testing.TB, name, data string) ([]seg, []string, error) {
	var segs []seg
	var warns []string
	in := &scan.Input{Path: name, R: strings.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || !bytes.Equal([]byte(data[s.Offset:s.Offset+int64(len(s.Text))]), s.Text)) {
			t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		if msg := extracttest.Mapped(s, len(data)); msg != "" {
			t.Fatal(msg)
		}
		segs = append(segs, seg{s.Field, string(s.Text), strings.TrimPrefix(s.Record, name)})
		return nil
	})
	return segs, warns, err
}

// TestRecords reads a list of people and a map keyed by ids, one record
// each, and a configuration file as one document; fields are key paths.
func TestRecords(t *testing.T) {
	doc := `# fixtures
users:
  - name: {first: Ana, last: "Souza"}
    ssn: 383-41-8663
    phones: ["(415) 867-5309"]
  - name: {first: Dana, last: Whitfield}
    ssn: '512-44-7081'
    notes: |
      Called about escrow.
---
customers:
  cus_8f2k91:
    email: ana.souza@example.com
  cus_9x1m77:
    email: dana.whitfield@example.org
---
database:
  user: app
  password: S3cret!pass
  port: 5432
  enabled: true
`
	segs, warns, err := extract(t, "f.yml", doc)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	got := map[string]seg{}
	for _, s := range segs {
		got[s.text] = s
	}
	for text, want := range map[string]seg{
		"Ana":                        {"users.name.first", "Ana", "#rec=1"},
		"Souza":                      {"users.name.last", "Souza", "#rec=1"},
		"383-41-8663":                {"users.ssn", "383-41-8663", "#rec=1"},
		"(415) 867-5309":             {"users.phones", "(415) 867-5309", "#rec=1"},
		"512-44-7081":                {"users.ssn", "512-44-7081", "#rec=2"},
		"Called about escrow.\n":     {"users.notes", "Called about escrow.\n", "#rec=2"},
		"ana.souza@example.com":      {"customers.cus_8f2k91.email", "ana.souza@example.com", "#rec=3"},
		"dana.whitfield@example.org": {"customers.cus_9x1m77.email", "dana.whitfield@example.org", "#rec=4"},
		"S3cret!pass":                {"database.password", "S3cret!pass", "#doc=3"},
		"5432":                       {"database.port", "5432", "#doc=3"},
	} {
		if got[text] != want {
			t.Errorf("%q: %+v, want %+v", text, got[text], want)
		}
	}
	if _, ok := got["true"]; ok {
		t.Error("a boolean emitted")
	}
}

// TestDecline reads a file that is not YAML as text, leaves one too
// large to the text extractor; a later broken document is a warning.
func TestDecline(t *testing.T) {
	if segs, _, err := extract(t, "bad.yml", "Dear Ana: [your SSN 383-41-8663\nb: {\n"); err != nil || len(segs) == 0 || !strings.Contains(segs[0].text, "383-41-8663") {
		t.Errorf("not YAML, read as text: %v %v", err, segs)
	}
	segs, warns, err := extract(t, "two.yml", "a: 383-41-8663\n---\nb: [unclosed\n")
	if err != nil || len(segs) != 1 || len(warns) != 1 {
		t.Errorf("err %v, segments %v, warnings %q", err, segs, warns)
	}
	in := &scan.Input{Path: "big.yml", R: strings.NewReader(""), Size: MaxSize + 1}
	if err := (Extractor{}).Extract(context.Background(), in, func(scan.Segment) error { return nil }); !errors.Is(err, scan.ErrDecline) {
		t.Errorf("too large: %v", err)
	}
	if (Extractor{}).Accepts("notes.txt", []byte("a: b")) || !(Extractor{}).Accepts("app.YML", []byte("a: b")) {
		t.Error("Accepts")
	}
}

func FuzzYAML(f *testing.F) {
	f.Add("users:\n  - name: Ana\n    ssn: 383-41-8663\n---\nx: &a [1, *a]\n")
	f.Add("a: \"x\\u00e9 \\\n  y\"\nb: 'O''H'\nc: >\n  one\n\n  two\nd: |\n  three\n")
	f.Fuzz(func(t *testing.T, data string) { extract(t, "f.yml", data) })
}

// TestRecordColumns checks that a record's values carry its fields as
// Columns, those after them too.
func TestRecordColumns(t *testing.T) {
	doc := "members:\n  - name: Ngozi Okonkwo\n    email: n.okonkwo@example.org\n  - memberId: XWB100234567\n    shareBalance: \"10.00\"\n"
	var got []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "m.yaml", R: strings.NewReader(doc), Size: int64(len(doc))}, func(s scan.Segment) error {
		got = append(got, s.Field+"="+strings.Join(s.Columns, ","))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "members.name=name,email members.email=name,email members.memberId=memberId,shareBalance members.shareBalance=memberId,shareBalance"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestScalarOffsets: a scalar that is not a byte copy of the file
// (escapes, ” in single quotes, folded or block lines) maps each of its
// bytes to where it is written, so a value found in it has start and end.
func TestScalarOffsets(t *testing.T) {
	doc := "people:\n  - name: \"Jos\\u00e9 Garc\\u00eda\"\n    alias: 'Mary O''Hara'\n    note: >\n      born 03/14/1975 and\n      lives at 77 Massachusetts Ave,\n      Cambridge, MA 02139\n" +
		"    log: |\n      call 617-253-1000\n      dob 1975-03-14\n    plain: multi line\n      phone 617-253-1000 here\n    esc: \"SSN\\t383-41-8663 \\\n      end\"\n"
	want := map[string]string{ // a part of a value, and what it maps to
		"José García": `Jos\u00e9 Garc\u00eda`,
		"Mary O'Hara": "Mary O''Hara",
		"77 Massachusetts Ave, Cambridge, MA 02139": "77 Massachusetts Ave,\n      Cambridge, MA 02139",
		"617-253-1000\ndob":                         "617-253-1000\n      dob",
		"line phone":                                "line\n      phone",
		"SSN\t383-41-8663 end":                      "SSN\\t383-41-8663 \\\n      end",
	}
	found := map[string]bool{}
	in := &scan.Input{Path: "p.yaml", R: strings.NewReader(doc), Size: int64(len(doc))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		for v, raw := range want {
			i := strings.Index(string(s.Text), v)
			if i < 0 {
				continue
			}
			found[v] = true
			if s.OffsetAt == nil {
				t.Errorf("%q: no offsets", s.Text)
				continue
			}
			if got := doc[s.OffsetAt(i):s.OffsetAt(i+len(v))]; got != raw {
				t.Errorf("%q maps to %q, want %q", v, got, raw)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for v := range want {
		if !found[v] {
			t.Errorf("no value holds %q", v)
		}
	}
}

func TestUnescape(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		n    int
	}{
		{`\u00e9x`, "é", 6}, {`\x41`, "A", 4}, {`\U0001F600`, "😀", 10}, {`\"`, `"`, 2}, {"\\\n   x", "", 5}, {`\q`, "", 0}, {`\u00`, "", 0},
	} {
		got, n := unescape([]byte(tc.in))
		if string(got) != tc.want || n != tc.n {
			t.Errorf("unescape(%q) = %q, %d; want %q, %d", tc.in, got, n, tc.want, tc.n)
		}
	}
}
