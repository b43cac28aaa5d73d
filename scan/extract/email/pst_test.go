package email

import (
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// samplePST reads one of the Outlook data files go-pst ships in its
// module (data/*.pst): no PST writer exists in Go to generate one, so
// the library's own samples stand in. Nothing of their content is
// printed, only counts.
func samplePST(t testing.TB, name string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/mooijtech/go-pst/v6").Output()
	if err != nil {
		t.Skipf("go-pst module not found: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "data", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPST reads the three sample files: every message node becomes a
// record with its headers, bodies and attachments, numbered in node
// order, and an ANSI (32-bit) file reads like a Unicode one.
func TestPST(t *testing.T) {
	tests := []struct {
		file                 string
		messages, withFrom   int
		withSubject, members int
	}{
		{"32-bit.pst", 1, 1, 1, 0},
		{"support.pst", 17, 17, 14, 2},
		{"enron.pst", 2178, 874, 2087, 168}, // most carry their sender in their internet headers only
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := samplePST(t, tt.file)
			if !(PST{}).Accepts(tt.file, []byte(data[:16])) {
				t.Fatal("not accepted")
			}
			o, err := run(t, PST{}, tt.file, data, 0)
			if err != nil {
				t.Fatal(err)
			}
			records := map[string]bool{}
			from, subject := map[string]bool{}, map[string]bool{}
			for _, s := range o.segs {
				records[s.Record] = true
				if s.Offset != -1 {
					t.Errorf("segment of %s has offset %d", s.Record, s.Offset)
				}
				switch s.Field {
				case "From":
					from[s.Record] = true
				case "Subject":
					subject[s.Record] = true
				}
			}
			if len(records) != tt.messages || len(from) != tt.withFrom || len(subject) != tt.withSubject {
				t.Errorf("%d records, %d with From, %d with Subject; want %d, %d, %d",
					len(records), len(from), len(subject), tt.messages, tt.withFrom, tt.withSubject)
			}
			for i := 1; i <= tt.messages; i++ {
				if r := tt.file + "#msg=" + strconv.Itoa(i); !records[r] && len(records) == tt.messages {
					t.Errorf("no record %s", r)
				}
			}
			if len(o.members) != tt.members {
				t.Errorf("%d attachments handed back, want %d", len(o.members), tt.members)
			}
			for name := range o.members {
				if !strings.HasPrefix(name, "msg-") || !strings.Contains(name, "/") {
					t.Errorf("attachment named %q", name)
				}
			}
			if len(o.warns) > 0 {
				t.Errorf("%d warnings, the first %q", len(o.warns), o.warns[0])
			}
		})
	}
}

// TestPSTDamaged damages a data file in several ways: one error or
// warnings each, never a panic, and the undamaged messages still read.
func TestPSTDamaged(t *testing.T) {
	data := samplePST(t, "support.pst")
	for _, n := range []int{0, 4, 12, 512, 4096, len(data) / 2} {
		if o, err := run(t, PST{}, "cut.pst", data[:n], 0); err == nil && len(o.warns) == 0 {
			t.Errorf("cut at %d: no error, no warning", n)
		}
	}
	// Noise over the second half: the first messages still read, the
	// others are reported one by one.
	b := []byte(data)
	for i := len(b) / 2; i < len(b); i += 7 {
		b[i] ^= 0x5A
	}
	o, err := run(t, PST{}, "noisy.pst", string(b), 0)
	if err == nil && len(o.warns) == 0 {
		t.Error("noise in half the file: no error, no warning")
	}
	// High (cyclic) encryption is refused with its reason.
	c := []byte(data)
	c[0x201] = 2 // bCryptMethod of a Unicode header
	if _, err := run(t, PST{}, "cyclic.pst", string(c), 0); err == nil || !strings.Contains(err.Error(), "encryption") {
		t.Errorf("cyclic encryption: %v", err)
	}
	if (PST{}).Accepts("a.pst", []byte("!BDN\x00\x00\x00\x00XX")) || (PST{}).Accepts("a.pst", []byte("From: a")) {
		t.Error("Accepts")
	}
}

// TestContact reads a contact item: its person as named fields, the
// business address under a business's names, the notes as text.
func TestContact(t *testing.T) {
	o, err := run(t, MSG{}, "contact.msg", readMsg(t, "contact.msg"), 0)
	if err != nil || len(o.warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, o.warns)
	}
	want := map[string]string{
		"Given Name": "Marisol", "Surname": "Okafor", "Government ID Number": "431-27-5569",
		"Home Address Street": "4417 Birchwood Lane", "Home Address City": "Dayton", "Home Address State": "OH",
		"Home Address Postal Code": "45402", "Mobile Phone": "(937) 422-6718", "Company Name": "Okafor Landscaping LLC",
		"Business Address Street": "200 Commerce Park Dr", "Business Address City": "Columbus",
		"Email": "marisol.okafor@example.net",
	}
	for f, w := range want {
		if got := field(o, f); !slices.Equal(got, []string{w}) {
			t.Errorf("%s = %q, want %q", f, got, w)
		}
	}
	if body := field(o, ""); len(body) != 1 || !strings.Contains(body[0], "prefers text") {
		t.Errorf("notes %q", body)
	}
	// A message is not a contact: the same properties are not fields.
	o, err = run(t, MSG{}, "letter.msg", readMsg(t, "letter.msg"), 0)
	if err != nil || len(field(o, "Given Name")) > 0 {
		t.Errorf("a message read as a contact: %v", err)
	}
}

// TestDate reads Outlook dates (100 ns ticks since 1601, UTC) as the day
// the user typed, whichever side of Greenwich the local midnight was.
func TestDate(t *testing.T) {
	const perDay = 24 * 60 * 60 * 10_000_000
	day := func(days, hours int64) []byte {
		b := make([]byte, 8)
		binary.LittleEndian.PutUint64(b, uint64(days*perDay+hours*perDay/24))
		return b
	}
	// 1961-07-04 is day 131,671 since 1601-01-01.
	tests := []struct {
		data []byte
		typ  uint16
		want string
	}{
		{day(131671, 0), typeTime, "1961-07-04"},
		{day(131671, 4), typeTime, "1961-07-04"},  // New York midnight in summer
		{day(131670, 22), typeTime, "1961-07-04"}, // Berlin midnight in summer
		{day(131671, 11), typeTime, "1961-07-04"}, // Outlook's "floating" 11:00
		{day(1059203, 0), typeTime, ""},           // 4501-01-01, Outlook's none
		{day(131671, 0)[:4], typeTime, ""},        // short
		{day(131671, 0), typeBinary, ""},          // not a date
		{make([]byte, 8), typeTime, ""},           // zero
	}
	for _, tt := range tests {
		p := props{propBirthday: {tt.typ, tt.data}}
		if got := p.date(propBirthday); got != tt.want {
			t.Errorf("date(%x, type %#x) = %q, want %q", tt.data, tt.typ, got, tt.want)
		}
	}
}

func FuzzPST(f *testing.F) {
	f.Add([]byte(samplePST(f, "32-bit.pst")))
	f.Fuzz(func(t *testing.T, data []byte) { run(t, PST{}, "f.pst", string(data), 0) })
}

// TestAttachedMessage reads a message forwarded as an attachment: its
// fields and body under a record of its own, its attachment named under
// the attached message's name.
func TestAttachedMessage(t *testing.T) {
	o, err := run(t, MSG{}, "fw.msg", readMsg(t, "forwarded.msg"), 0)
	if err != nil || len(o.warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, o.warns)
	}
	byRecord := map[string][]string{}
	for _, s := range o.segs {
		byRecord[s.Record] = append(byRecord[s.Record], s.Field+"="+strings.TrimSpace(string(s.Text)))
	}
	want := map[string][]string{
		"fw.msg":            {"From=Dana Whitfield <dana.whitfield@example.org>", "Subject=FW: suspicious request", "=See the attached message."},
		"fw.msg#attached=1": {"From=Marisol Okafor <marisol.okafor@example.net>", "Subject=Wire instructions", "=My SSN is 431-27-5569 and my routing number 021000021."},
	}
	if len(byRecord) != len(want) {
		t.Errorf("records %q", byRecord)
	}
	for r, w := range want {
		if !slices.Equal(byRecord[r], w) {
			t.Errorf("%s: %q, want %q", r, byRecord[r], w)
		}
	}
	if o.members["Wire instructions.msg/payees.csv"] != "name,account\r\nAna Souza,000123456789\r\n" || len(o.members) != 1 {
		t.Errorf("members %q", o.members)
	}
	if got := attachedRecord("box.pst#msg=4", 2); got != "box.pst#msg=4,attached=2" {
		t.Errorf("attachedRecord = %q", got)
	}
}

// TestDecodeRTF refuses a compressed RTF body whose header declares more
// than it can hold, before the decoder allocates it.
func TestDecodeRTF(t *testing.T) {
	b := make([]byte, 32)
	binary.LittleEndian.PutUint32(b[4:8], 1<<31)
	copy(b[8:12], "LZFu")
	if _, err := decodeRTF(b); err == nil || !strings.Contains(err.Error(), "declares") {
		t.Errorf("forged size: %v", err)
	}
	if _, err := decodeRTF(b[:10]); err == nil {
		t.Error("short header: no error")
	}
}
