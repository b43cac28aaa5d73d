package email

import (
	"fmt"
	"strings"
	"testing"
)

// nested is a message whose body is n multiparts, each inside the last,
// around one text part.
func nested(n int) string {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
	for i := range n {
		fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", i, i+1)
	}
	fmt.Fprintf(&b, "--b%d\r\nContent-Type: text/plain\r\n\r\nSSN 383-41-8663\r\n--b%d--\r\n", n, n)
	for i := n - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

// TestMIMEDepth reads the text of a message nested a few levels, and
// stops one nested beyond maxMIMEDepth with a warning: every level is a
// reader each byte passes through, and 20,000 levels took two minutes.
func TestMIMEDepth(t *testing.T) {
	o, err := run(t, EML{}, "mail.eml", nested(5), 0)
	if err != nil {
		t.Fatalf("5 levels: %v", err)
	}
	found := false
	for _, s := range o.segs {
		found = found || strings.Contains(string(s.Text), "383-41-8663")
	}
	if !found {
		t.Errorf("5 levels: the text part was not read")
	}
	// The message's headers are read; the rest is reported, and the
	// source is partial.
	o, err = run(t, EML{}, "mail.eml", nested(maxMIMEDepth+5), 0)
	if err != nil || !strings.Contains(strings.Join(o.warns, "\n"), "nested deeper than 100 levels") {
		t.Errorf("%d levels: err %v, warnings %q", maxMIMEDepth+5, err, o.warns)
	}
}
