package xml

import (
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
