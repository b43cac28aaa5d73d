package breachkit_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
)

func chain(n int) []*breachkit.AuditEntry {
	var out []*breachkit.AuditEntry
	var prev *breachkit.AuditEntry
	for i := 0; i < n; i++ {
		e := &breachkit.AuditEntry{At: time.Date(2023, 10, 31, 9, i, 0, 123456789, time.UTC), Actor: "ana", Action: "scan", CaseID: 1, Object: "o", Detail: "d"}
		e.Seal(prev)
		out = append(out, e)
		prev = e
	}
	return out
}

func TestAuditChain(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func([]*breachkit.AuditEntry) []*breachkit.AuditEntry
		wantSeq int64 // 0: intact
	}{
		{"intact", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry { return es }, 0},
		{"changed detail", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry { es[2].Detail = "x"; return es }, 3},
		{"changed actor", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry { es[0].Actor = "eve"; return es }, 1},
		{"changed time", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry {
			es[4].At = es[4].At.Add(time.Second)
			return es
		}, 5},
		{"removed entry", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry { return append(es[:1], es[2:]...) }, 2},
		{"rehashed entry", func(es []*breachkit.AuditEntry) []*breachkit.AuditEntry {
			es[1].Detail = "x"
			es[1].Hash = es[1].ChainHash(es[1].PrevHash)
			return es
		}, 3},
	}
	for _, tt := range tests {
		var v breachkit.ChainVerifier
		var err error
		for _, e := range tt.tamper(chain(6)) {
			if err = v.Next(e); err != nil {
				break
			}
		}
		var ce *breachkit.ChainError
		switch {
		case tt.wantSeq == 0 && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantSeq != 0 && (!errors.As(err, &ce) || ce.Seq != tt.wantSeq):
			t.Errorf("%s: err = %v, want a break at %d", tt.name, err, tt.wantSeq)
		}
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		e          breachkit.Element
		in, want   string
		mustNotHas string
	}{
		{breachkit.SSN, "123-45-6789", "***-**-6789", "12345"},
		{breachkit.SSN, "123456789", "***-**-6789", "12345"},
		{breachkit.CardNumber, "4111 1111 1111 1111", "************1111", "411111"},
		{breachkit.Email, "ann.smith@example.com", "a***@example.com", "smith"},
		{breachkit.Phone, "(212) 555-0147", "(***) ***-0147", "212"},
		{breachkit.PersonName, "ann smith", "A*** S***", "mith"},
		{breachkit.DOB, "1980-03-15", "****-**-**", "1980"},
		{breachkit.Address, "12 Oak St, Austin TX", "*** (address)", "Oak"},
		{breachkit.SSN, "12", "***-**-****", "12"},
		{breachkit.SSN, "four one two six five seven seven three three", "***-**-7733", "four"}, // read out on a call
	}
	for _, tt := range tests {
		got := breachkit.Mask(tt.e, tt.in)
		if got != tt.want || strings.Contains(got, tt.mustNotHas) {
			t.Errorf("Mask(%s) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		e        breachkit.Element
		in, want string
	}{
		{breachkit.SSN, "123 45 6789", "123456789"},
		{breachkit.SSN, "12448721", "012448721"}, // stored as a number: the leading zero comes back
		{breachkit.Phone, "+1 (212) 555-0147", "2125550147"},
		{breachkit.Phone, "+44 20 7946 0958", "442079460958"},
		{breachkit.Phone, "0044 20 7946 0958", "442079460958"},
		{breachkit.Email, " Ann@Example.COM", "ann@example.com"},
		{breachkit.PersonName, "  Ann   SMITH ", "ann smith"},
		{breachkit.SSN, "four one two six five seven seven three three", "412657733"}, // read out on a call
		{breachkit.Phone, "three one two, eight six seven, five three oh nine", "3128675309"},
		{breachkit.SSN, "two one nine oh nine double nine nine eight", "219099998"},
	}
	for _, tt := range tests {
		if got := breachkit.Normalize(tt.e, tt.in); got != tt.want {
			t.Errorf("Normalize(%s, %q) = %q, want %q", tt.e, tt.in, got, tt.want)
		}
	}
}

func TestElements(t *testing.T) {
	for _, s := range []string{"ssn", " PERSON_NAME ", "ACCESS_CODE", "CUSTOM_LOAN_NUMBER"} {
		if _, err := breachkit.ParseElement(s); err != nil {
			t.Errorf("ParseElement(%q): %v", s, err)
		}
	}
	for in, want := range map[string]breachkit.Element{
		"Driver's License": breachkit.DriversLicense, "date of birth": breachkit.DOB,
		"name": breachkit.PersonName, "Financial Account Number": breachkit.BankAccount,
		"credit-card": breachkit.CardNumber, "username and password": breachkit.Credentials,
		"e-mail": breachkit.Email, "drivers_license": breachkit.DriversLicense,
	} {
		if got, err := breachkit.ParseElement(in); err != nil || got != want {
			t.Errorf("ParseElement(%q) = %q, %v; want %s", in, got, err, want)
		}
	}
	for _, s := range []string{"SSNN", "", "CUSTOM_", "TIN", "health information"} {
		if _, err := breachkit.ParseElement(s); err == nil {
			t.Errorf("ParseElement(%q) accepted", s)
		}
	}
	set := breachkit.NewElementSet(breachkit.SSN, breachkit.PersonName, breachkit.SSN)
	if set.String() != "PERSON_NAME+SSN" || !set.Contains([]breachkit.Element{breachkit.SSN}) || set.Has(breachkit.DOB) {
		t.Errorf("set = %v", set)
	}
	if got := breachkit.ParseElementSet(set.String()); got.String() != set.String() {
		t.Errorf("round trip %v", got)
	}
}

// TestScanSettings pins how a scan's limits are written and which done
// sources a later scan may resume.
func TestScanSettings(t *testing.T) {
	for _, tt := range []struct {
		types  []breachkit.Element
		min    float64
		custom string
		health bool
		want   string
	}{
		{nil, 0.5, "", false, ""},
		{nil, 0.3, "", false, ""},
		{[]breachkit.Element{breachkit.SSN, breachkit.DOB}, 0.5, "", false, "types=DOB,SSN"},
		{nil, 0.75, "ab12", true, "min=0.75;custom=ab12;health"},
	} {
		if got := breachkit.ScanSettings(tt.types, tt.min, tt.custom, tt.health); got != tt.want {
			t.Errorf("ScanSettings(%v, %v, %q, %v) = %q, want %q", tt.types, tt.min, tt.custom, tt.health, got, tt.want)
		}
	}
	for _, tt := range []struct {
		done, want string
		cover      bool
	}{
		{"", "", true},
		{"", "types=SSN", true},
		{"", "min=0.9", true},
		{"types=SSN", "", false},
		{"types=SSN", "types=SSN", true},
		{"", "custom=ab12", false},
		{"", "health", false},
		{"min=0.9", "types=SSN", false},
	} {
		if got := breachkit.SettingsCover(tt.done, tt.want); got != tt.cover {
			t.Errorf("SettingsCover(%q, %q) = %v, want %v", tt.done, tt.want, got, tt.cover)
		}
	}
}
