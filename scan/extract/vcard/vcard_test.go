package vcard

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

type segOut struct {
	Field, Record, Text string
	Offset              int64
}

func extract(t testing.TB, data string) []segOut {
	var out []segOut
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "c.vcf", R: strings.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		out = append(out, segOut{s.Field, s.Record, string(s.Text), s.Offset})
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Fictional people only.
const cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Souza;Ana;Maria;Dr.;\r\nFN:Dr. Ana Maria Souza\r\n" +
	"item1.TEL;TYPE=CELL:(415) 867-5309\r\nEMAIL;TYPE=INTERNET:ana.souza@example.com\r\n" +
	"ADR;TYPE=HOME:;;1200 Mission St\\, Apt 4;San Francisco;CA;94103;USA\r\nBDAY:1971-03-09\r\n" +
	"NOTE:SSN 383-41-8663\\, verified by\r\n  phone\r\nX-SSN:512-44-7081\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\nVERSION:2.1\nN:Jefferson;Sierra\nTEL;HOME:415-555-0100\n" +
	"NOTE;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 called=\n about 601-23-4455\nEND:VCARD\n"

// TestCards reads two cards (vCard 3.0 and 2.1): structured names and
// addresses written out, escapes undone, folded and quoted-printable
// lines joined, photos skipped, exact values located by offset.
func TestCards(t *testing.T) {
	got := extract(t, cards)
	type fr struct{ Field, Text string }
	var pairs []fr
	for _, s := range got {
		pairs = append(pairs, fr{s.Field, s.Text})
		if !strings.HasPrefix(s.Record, "c.vcf#card=") {
			t.Errorf("record %q", s.Record)
		}
	}
	want := []fr{
		{"name", "Dr. Ana Maria Souza"}, {"full name", "Dr. Ana Maria Souza"}, {"tel", "(415) 867-5309"},
		{"email", "ana.souza@example.com"}, {"address", "1200 Mission St, Apt 4, San Francisco, CA 94103"},
		{"bday", "1971-03-09"}, {"", "SSN 383-41-8663, verified by phone"}, {"x-ssn", "512-44-7081"},
		{"name", "Sierra Jefferson"}, {"tel", "415-555-0100"}, {"", "José called about 601-23-4455"},
	}
	if !slices.Equal(pairs, want) {
		t.Errorf("\n got %q\nwant %q", pairs, want)
	}
	located := 0
	for _, s := range got {
		if s.Offset >= 0 {
			located++
		}
	}
	if located != 6 { // FN, TEL, EMAIL, BDAY, X-SSN, TEL
		t.Errorf("%d values located by offset, want 6", located)
	}
}

func TestAccepts(t *testing.T) {
	if !(Extractor{}).Accepts("contacts.VCF", nil) || !(Extractor{}).Accepts("export", []byte("\ufeffbegin:vcard\r\n")) || (Extractor{}).Accepts("a.txt", []byte("BEGIN:VCALENDAR")) {
		t.Error("Accepts")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(cards)
	f.Fuzz(func(t *testing.T, data string) {
		Extractor{}.Extract(context.Background(), &scan.Input{Path: "f.vcf", R: bytes.NewReader([]byte(data))}, func(s scan.Segment) error {
			if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text)) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			if msg := extracttest.Mapped(s, len(data)); msg != "" {
				t.Fatal(msg)
			}
			return nil
		})
	})
}

// TestAddressOffsets: an ADR written on one line without escapes is
// located part by part, so an address found in it spans the file's
// "street;city;region;postcode"; one with escapes is not.
func TestAddressOffsets(t *testing.T) {
	data := "BEGIN:VCARD\r\nVERSION:3.0\r\nADR;TYPE=HOME:;; 77 Massachusetts Ave ;Cambridge;MA;02139;USA\r\n" +
		"ADR;TYPE=WORK:;Suite 5;1 Main St;Boston;MA;02108;Canada\r\nADR:;;1200 Mission St\\, Apt 4;San Francisco;CA;94103;\r\nEND:VCARD\r\n"
	want := map[string]string{
		"77 Massachusetts Ave, Cambridge, MA 02139":       "77 Massachusetts Ave ;Cambridge;MA;02139",
		"Suite 5 1 Main St, Boston, MA 02108, Canada":     "Suite 5;1 Main St;Boston;MA;02108;Canada",
		"1200 Mission St, Apt 4, San Francisco, CA 94103": "",
	}
	n := 0
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "c.vcf", R: strings.NewReader(data), Size: int64(len(data))}, func(s scan.Segment) error {
		w, ok := want[string(s.Text)]
		if !ok {
			t.Errorf("unexpected segment %q", s.Text)
			return nil
		}
		n++
		switch {
		case w == "" && s.OffsetAt != nil:
			t.Errorf("%q: escaped value has offsets", s.Text)
		case w != "" && s.OffsetAt == nil:
			t.Errorf("%q: no offsets", s.Text)
		case w != "":
			if got := data[s.OffsetAt(0):s.OffsetAt(len(s.Text))]; got != w {
				t.Errorf("%q maps to %q, want %q", s.Text, got, w)
			}
			if i := strings.Index(string(s.Text), "MA"); data[s.OffsetAt(i):s.OffsetAt(i+2)] != "MA" {
				t.Errorf("%q: state maps to %q", s.Text, data[s.OffsetAt(i):s.OffsetAt(i+2)])
			}
		}
		return nil
	})
	if err != nil || n != len(want) {
		t.Fatalf("err %v, %d segments", err, n)
	}
}
