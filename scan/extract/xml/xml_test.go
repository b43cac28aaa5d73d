package xml

import (
	"bytes"
	"context"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

func extract(t testing.TB, name string, data []byte) ([]scan.Segment, error) {
	var out []scan.Segment
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: name, R: bytes.NewReader(data)}, func(s scan.Segment) error {
		if s.Offset >= 0 {
			if s.Offset+int64(len(s.Text)) > int64(len(data)) || !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text) {
				t.Fatalf("segment at %d is not the file's bytes", s.Offset)
			}
		}
		s.Text = bytes.Clone(s.Text)
		out = append(out, s)
		return nil
	})
	return out, err
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
	if segs[1].Offset < 0 || segs[3].Offset < 0 || segs[2].Offset != -1 {
		t.Errorf("offsets: ssn %d, email %d, entity text %d", segs[1].Offset, segs[3].Offset, segs[2].Offset)
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
	f.Add([]byte(`<a b="c">d<![CDATA[e]]></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		extract(t, "f.xml", data)
	})
}
