package xml

import (
	"runtime"
	"strings"
	"testing"
)

// TestDepth checks that XML nested beyond maxDepth stops with a reason,
// while HTML, whose tags are often left open, is read on.
func TestDepth(t *testing.T) {
	deep := strings.Repeat("<a>", maxDepth+1) + "x" + strings.Repeat("</a>", maxDepth+1)
	if _, err := extract(t, "deep.xml", []byte(deep)); err == nil || !strings.Contains(err.Error(), "nested deeper than 10000 levels") {
		t.Errorf("xml: err = %v", err)
	}
	page := "<html><body><table>" + strings.Repeat("<tr><td>row", maxDepth) + "<tr><td>SSN 383-41-8663</table></body></html>"
	segs, err := extract(t, "page.html", []byte(page))
	if err != nil {
		t.Fatalf("html: %v", err)
	}
	if last := segs[len(segs)-1]; !strings.Contains(string(last.Text), "383-41-8663") {
		t.Errorf("html: last segment %q", last.Text)
	}
}

// TestLabels reads the label-value shapes of form exports: a value named
// by its element's label attribute, whose label is text rather than a
// value named "name"; a value named by its sibling key; and an element
// whose name attribute is a person's name, left as it was.
func TestLabels(t *testing.T) {
	doc := `<submission>
<field name="Date of birth">04/07/1961</field>
<item><key>SSN</key><value>531442290</value></item>
<person name="Ana Souza"><city>Boise</city></person>
</submission>`
	segs, err := extract(t, "f.xml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range segs {
		got[string(s.Text)] = s.Field
	}
	for text, want := range map[string]string{"Date of birth": "", "04/07/1961": "Date of birth", "SSN": "key", "531442290": "SSN", "Ana Souza": "person@name", "Boise": "city"} {
		if f, ok := got[text]; !ok || f != want {
			t.Errorf("%q named %q, want %q", text, f, want)
		}
	}
}

// TestDeepHeld bounds what is held while the record level is unknown
// when every value sits thousands of elements deep: the element counts
// kept with each value weigh in the bound.
func TestDeepHeld(t *testing.T) {
	var b strings.Builder
	b.WriteString("<r>")
	for i := 0; i < 5000; i++ {
		b.WriteString("<a>")
	}
	for i := 0; i < 3000; i++ {
		b.WriteString("<v>383-41-8663</v>")
	}
	for i := 0; i < 5000; i++ {
		b.WriteString("</a>")
	}
	b.WriteString("</r>")
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	segs, err := extract(t, "deep.xml", []byte(b.String()))
	if err != nil || len(segs) != 3000 {
		t.Fatalf("err %v, %d segments", err, len(segs))
	}
	runtime.ReadMemStats(&ms)
	if got := ms.TotalAlloc - before; got > 60<<20 {
		t.Errorf("allocated %d MB reading a 60 kB document", got>>20)
	}
}
