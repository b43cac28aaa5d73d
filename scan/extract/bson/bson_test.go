package bson

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data []byte) ([]segOut, []string, error) {
	var out []segOut
	var warns []string
	in := &scan.Input{Path: "customers.bson", R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && string(data[s.Offset:s.Offset+int64(len(s.Text))]) != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	return out, warns, err
}

// dump writes documents as mongodump does: one after another.
func dump(t testing.TB, docs ...any) []byte {
	var b bytes.Buffer
	for _, d := range docs {
		raw, err := bson.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(raw)
	}
	return b.Bytes()
}

// doc builds an ordered document from keys and values.
func doc(kv ...any) bson.D {
	var d bson.D
	for i := 0; i+1 < len(kv); i += 2 {
		d = append(d, bson.E{Key: kv[i].(string), Value: kv[i+1]})
	}
	return d
}

// Fictional people only.
var customers = []any{
	doc("_id", bson.NewObjectID(), "name", doc("first", "Sierra", "last", "Jefferson"), "ssn", "383-41-8663",
		"dob", bson.DateTime(time.Date(1971, 3, 9, 0, 0, 0, 0, time.UTC).UnixMilli()), "phones", bson.A{"(415) 867-5309", "415-555-0100"},
		"account", int64(61218281597005122), "balance", 1250.5, "active", true, "photo", bson.Binary{Subtype: 0, Data: []byte{0x89, 0x50}}),
	doc("_id", bson.NewObjectID(), "name", doc("first", "José", "last", "Álvarez"),
		"notes", bson.A{doc("text", "called about 512-44-7081", "at", bson.DateTime(time.Date(2024, 5, 1, 14, 30, 0, 0, time.UTC).UnixMilli()))},
		"zip", int32(78701)),
}

// TestDump reads a collection dump: key paths as fields, array elements
// under their array's path, dates and numbers as read, strings located.
func TestDump(t *testing.T) {
	got, warns, err := extract(t, dump(t, customers...))
	if err != nil {
		t.Fatal(err)
	}
	want := []segOut{
		{"name.first", "customers.bson#doc=1", "Sierra"}, {"name.last", "customers.bson#doc=1", "Jefferson"},
		{"ssn", "customers.bson#doc=1", "383-41-8663"}, {"dob", "customers.bson#doc=1", "1971-03-09"},
		{"phones", "customers.bson#doc=1", "(415) 867-5309"}, {"phones", "customers.bson#doc=1", "415-555-0100"},
		{"account", "customers.bson#doc=1", "61218281597005122"}, {"balance", "customers.bson#doc=1", "1250.5"},
		{"name.first", "customers.bson#doc=2", "José"}, {"name.last", "customers.bson#doc=2", "Álvarez"},
		{"notes.text", "customers.bson#doc=2", "called about 512-44-7081"}, {"notes.at", "customers.bson#doc=2", "2024-05-01T14:30:00Z"},
		{"zip", "customers.bson#doc=2", "78701"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "1 binary values") {
		t.Errorf("warnings %q", warns)
	}
}

// TestBadInput: a damaged document is warned about and the next one
// read; a length that cannot be is an error naming the document and
// where it is; a cut file says so.
func TestBadInput(t *testing.T) {
	good := dump(t, customers...)
	first := int(good[0]) | int(good[1])<<8
	bad := bytes.Clone(good)
	bad[4] = 0x42 // an element type that does not exist
	got, warns, err := extract(t, bad)
	if err != nil || len(warns) < 1 || !strings.Contains(warns[0], "document 1") || len(got) == 0 || got[0].Record != "customers.bson#doc=2" {
		t.Errorf("bad element: %q, %q, %v", got, warns, err)
	}
	if _, _, err := extract(t, append(bytes.Clone(good[:first]), 0xff, 0xff, 0xff, 0x7f)); err == nil || !strings.Contains(err.Error(), "document 2") {
		t.Errorf("bad length: %v", err)
	}
	if _, _, err := extract(t, good[:len(good)-3]); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("cut: %v", err)
	}
	if !(Extractor{}).Accepts("x", good) || (Extractor{}).Accepts("x", []byte("{\"a\":1}")) || !(Extractor{}).Accepts("users.bson", nil) {
		t.Error("Accepts")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(dump(f, customers...))
	f.Fuzz(func(t *testing.T, data []byte) {
		extract(t, data)
	})
}
