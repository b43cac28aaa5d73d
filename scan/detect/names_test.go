package detect

import (
	"bytes"
	"os"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan"
)

// TestNamesAbroad runs the detectors over notes and e-mails that name
// people whose names the 5,000 common given names do not hold (Ngozi
// Okonkwo, Wojciech Nowak), in the places real notes put them: after a
// role or a verb of contact, a salutation, a valediction, before their
// e-mail address. Every marked name must be found whole, and nothing
// else in the file (department signatures, mailboxes, "Dear Valued
// Customer") reported as a name. The second file was written after the
// first, and measured before the rules were tuned to it.
func TestNamesAbroad(t *testing.T) {
	for _, c := range []struct {
		file string
		min  float64
	}{{"testdata/names_abroad.txt", 0.95}, {"testdata/names_abroad2.txt", 0.9}} {
		t.Run(c.file, func(t *testing.T) { namesAbroad(t, c.file, c.min) })
	}
}

func namesAbroad(t *testing.T, file string, min float64) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var text []byte
	var want [][2]int
	for len(raw) > 0 {
		i := bytes.Index(raw, []byte("[["))
		if i < 0 {
			text = append(text, raw...)
			break
		}
		j := bytes.Index(raw[i:], []byte("]]"))
		text = append(text, raw[:i]...)
		st := len(text)
		text = append(text, raw[i+2:i+j]...)
		want = append(want, [2]int{st, len(text)})
		raw = raw[i+j+2:]
	}
	found := map[[2]int]bool{}
	e := New(Config{MinConfidence: 0.5})
	for st := 0; st < len(text); {
		// A paragraph a segment, as the text extractor cuts them.
		end := bytes.Index(text[st:], []byte("\n\n"))
		if end < 0 {
			end = len(text)
		} else {
			end += st
		}
		e.Detect(&scan.Segment{Text: text[st:end]}, func(m scan.Match) {
			if m.Type == breachkit.PersonName {
				found[[2]int{st + m.Start, st + m.End}] = true
			}
		})
		st = end + 2
	}
	hit := 0
	for _, w := range want {
		if found[w] {
			hit++
			delete(found, w)
		} else {
			t.Logf("missed %s at %d", breachkit.Mask(breachkit.PersonName, string(text[w[0]:w[1]])), w[0])
		}
	}
	recall := float64(hit) / float64(len(want))
	t.Logf("%d names, %d found whole (recall %.3f), %d other spans reported", len(want), hit, recall, len(found))
	if recall < min {
		t.Errorf("recall %.3f, want at least %.2f", recall, min)
	}
	for f := range found {
		t.Errorf("reported %s at %d-%d, not a marked name", breachkit.Mask(breachkit.PersonName, string(text[f[0]:f[1]])), f[0], f[1])
	}
}

// TestInitialBefore checks where a name with a first initial before the
// given name starts: with the initial after a line's start, a label, a
// comma, a title or a word in small letters; without it after a
// capitalised word, where the letter ends something else (Plan B.).
func TestInitialBefore(t *testing.T) {
	e := New(Config{})
	for text, want := range map[string]string{
		"Signed: J. Robert Smith":            "J. Robert Smith",
		"Sent to J. Robert Smith today.":     "J. Robert Smith",
		"J. Robert Smith\n":                  "J. Robert Smith",
		"cc: M. Carmen Ruiz, A. Maria Lopez": "A. Maria Lopez",
		"Dr. J. Robert Smith":                "J. Robert Smith",
		"See Plan B. John Smith called.":     "John Smith",
		"Exhibit A. Maria Lopez signed.":     "Maria Lopez",
	} {
		var got []string
		e.Detect(&scan.Segment{Text: []byte(text)}, func(m scan.Match) {
			if m.Type == breachkit.PersonName {
				got = append(got, text[m.Start:m.End])
			}
		})
		if len(got) == 0 || got[len(got)-1] != want {
			t.Errorf("%q: names %q, want the last %q", text, got, want)
		}
	}
}

// TestNameList checks a list of names written given name first, comma
// after comma: a surname and the next given name are no name written
// surname first ("Ogunleye, Sarah").
func TestNameList(t *testing.T) {
	text := "Attendees: Priya Natarajan, Adebayo Ogunleye, Sarah O'Connor, Tomasz Wójcik"
	e := New(Config{MinConfidence: 0.5})
	var got []string
	e.Detect(&scan.Segment{Text: []byte(text)}, func(m scan.Match) {
		if m.Type == breachkit.PersonName {
			got = append(got, text[m.Start:m.End])
		}
	})
	for _, g := range got {
		if g == "Ogunleye, Sarah" {
			t.Errorf("a surname and the next given name read as one name: %v", breachkit.Mask(breachkit.PersonName, g))
		}
	}
	if len(got) != 3 {
		t.Errorf("found %d names, want 3 (Natarajan, O'Connor, Wójcik)", len(got))
	}
}
