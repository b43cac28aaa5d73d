package text

import (
	"strings"
	"testing"
)

// TestQuestionLead reads a chat transcript: a line that answers a
// question takes the question as its lead (context, not reported), and
// the other lines of the log take none.
func TestQuestionLead(t *testing.T) {
	log := "[10:14:22] <agent> hi, can you confirm your date of birth?\n" +
		"[10:14:40] <cust> sure its 4/7/1961\n" +
		"[10:14:51] <agent> thanks\n" +
		"[10:15:03] <cust> {\"ssn\":\"531-44-2290\"}\n"
	segs, _ := extract(t, []byte(log))
	leads := map[string]int{}
	for _, s := range segs {
		leads[s.text[s.lead:]] = s.lead
		if s.lead > 0 && !strings.HasSuffix(s.text[:s.lead], "date of birth?\n") {
			t.Errorf("lead %q", s.text[:s.lead])
		}
	}
	if leads["[10:14:40] <cust> sure its 4/7/1961"] == 0 {
		t.Errorf("the answer took no lead: %+v", segs)
	}
	for line, lead := range leads {
		if lead > 0 && !strings.Contains(line, "4/7/1961") {
			t.Errorf("%q took a lead of %d", line, lead)
		}
	}
}
