package ldif

import (
	"bytes"
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

func extract(t testing.TB, name string, data []byte) ([]scan.Segment, []string, error) {
	var segs []scan.Segment
	var warns []string
	in := &scan.Input{Path: name, R: bytes.NewReader(data), Size: int64(len(data)), Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && (s.Offset+int64(len(s.Text)) > int64(len(data)) || !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text)) {
			t.Fatalf("segment %q at %d is not the file's bytes", s.Text, s.Offset)
		}
		s.Text = bytes.Clone(s.Text)
		segs = append(segs, s)
		return nil
	})
	return segs, warns, err
}

// export is an ldifde-style dump of two synthetic accounts (no real
// person's data).
var export = "# ldifde export\r\nversion: 1\r\n\r\n" +
	"dn: CN=Ana Souza,OU=Staff,DC=corp,DC=example,DC=com\r\n" +
	"changetype: add\r\n" +
	"objectClass: top\r\nobjectClass: user\r\n" +
	"cn: Ana Souza\r\n" +
	"sn: Souza\r\n" +
	"givenName: Ana\r\n" +
	"l: Dayton\r\n" +
	"st: OH\r\n" +
	"postalCode: 45402\r\n" +
	"streetAddress: 4417 Birchwood\r\n  Lane\r\n" +
	"telephoneNumber;lang-en: (415) 867-5309\r\n" +
	"objectSid:: " + base64.StdEncoding.EncodeToString([]byte{1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0}) + "\r\n" +
	"jpegPhoto:< file:///tmp/ana.jpg\r\n" +
	"\r\n" +
	"dn: uid=rdubois,ou=people,dc=example,dc=com\n" +
	"displayName:: " + base64.StdEncoding.EncodeToString([]byte("Renée Dubois")) + "\n" +
	"mail: renee.dubois@example.fr\n" +
	"uid: rdubois\n" +
	"userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"

// TestEntries reads each entry as a record, every value named by its
// attribute (short names glossed, options dropped), folded and base64
// values decoded, binary values and file references skipped.
func TestEntries(t *testing.T) {
	segs, warns, err := extract(t, "dir.ldf", []byte(export))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	var got []string
	for _, s := range segs {
		got = append(got, strings.TrimPrefix(s.Record, "dir.ldf")+" "+s.Field+"="+string(s.Text))
	}
	want := []string{
		"#entry=1 dn=CN=Ana Souza,OU=Staff,DC=corp,DC=example,DC=com",
		"#entry=1 cn=Ana Souza",
		"#entry=1 sn (surname)=Souza",
		"#entry=1 givenName=Ana",
		"#entry=1 l (city)=Dayton",
		"#entry=1 st (state)=OH",
		"#entry=1 postalCode=45402",
		"#entry=1 streetAddress=4417 Birchwood Lane",
		"#entry=1 telephoneNumber=(415) 867-5309",
		"#entry=2 dn=uid=rdubois,ou=people,dc=example,dc=com",
		"#entry=2 displayName=Renée Dubois",
		"#entry=2 mail=renee.dubois@example.fr",
		"#entry=2 uid=rdubois",
		"#entry=2 userPassword={SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	for _, s := range segs {
		folded := s.Field == "streetAddress" || s.Field == "displayName"
		if folded != (s.Offset < 0) {
			t.Errorf("%s: offset %d", s.Field, s.Offset)
		}
	}
}

// TestLongLine cuts a value longer than maxLine, with a warning, and
// goes on with the next entry.
func TestLongLine(t *testing.T) {
	data := "dn: cn=a\ndescription: " + strings.Repeat("x", maxLine+10) + "\n\ndn: cn=b\nmail: b@example.com\n"
	segs, warns, err := extract(t, "big.ldif", []byte(data))
	if err != nil || len(warns) != 1 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	last := segs[len(segs)-1]
	if last.Field != "mail" || last.Record != "big.ldif#entry=2" || last.Offset < 0 {
		t.Errorf("after the long line: %+v", last)
	}
}

func TestAccepts(t *testing.T) {
	for _, tt := range []struct {
		name, head string
		want       bool
	}{
		{"users.ldf", "", true},
		{"dump.txt", "# comment\nversion: 1\n\ndn: cn=a\n", true},
		{"dump.txt", "dn: cn=a,dc=example\ncn: a\n", true},
		{"notes.txt", "version: 1 of the notes\n", false},
		{"notes.txt", "Dear Ana,\n", false},
	} {
		if got := (Extractor{}).Accepts(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Accepts(%q, %q) = %v", tt.name, tt.head, got)
		}
	}
}

func FuzzLDIF(f *testing.F) {
	f.Add([]byte(export))
	f.Add([]byte("dn: a\n b\nx:: AAA=\n#c\n d\n"))
	f.Fuzz(func(t *testing.T, data []byte) { extract(t, "f.ldif", data) })
}
