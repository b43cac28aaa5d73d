package sql

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type seg struct {
	field, record, text string
	start, end          int64
}

func extract(t testing.TB, data []byte) ([]seg, error) {
	var out []seg
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "d.sql", R: bytes.NewReader(data)}, func(s scan.Segment) error {
		st, en := s.Offset, s.Offset+int64(len(s.Text))
		if s.OffsetAt != nil {
			st, en = s.OffsetAt(0), s.OffsetAt(len(s.Text))
		}
		if st < 0 || en > int64(len(data)) || st > en {
			t.Fatalf("segment %d-%d outside the file", st, en)
		}
		if s.OffsetAt == nil && !bytes.Equal(data[st:en], s.Text) {
			t.Fatalf("segment at %d-%d is not the file's bytes", st, en)
		}
		out = append(out, seg{s.Field, s.Record, string(s.Text), st, en})
		return nil
	})
	return out, err
}

func TestDump(t *testing.T) {
	data := []byte("-- dump\nCREATE TABLE `p` (\n  `id` int NOT NULL,\n  `ssn` char(9),\n  `note` text,\n  PRIMARY KEY (`id`)\n);\n" +
		"INSERT INTO `p` VALUES (1,'123456780','it''s'),(2,NULL,'a\\'b');\n" +
		"INSERT INTO p (note, id) VALUES ('x; y', 3);\n" +
		"COPY public.p (id, ssn) FROM stdin;\n4\t987654320\n\\.\n")
	segs, err := extract(t, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []seg{
		{"id", "d.sql#row=1", "1", 0, 0}, {"ssn", "d.sql#row=1", "123456780", 0, 0}, {"note", "d.sql#row=1", "it's", 0, 0},
		{"id", "d.sql#row=2", "2", 0, 0}, {"note", "d.sql#row=2", "a'b", 0, 0},
		{"note", "d.sql#row=3", "x; y", 0, 0}, {"id", "d.sql#row=3", "3", 0, 0},
		{"id", "d.sql#row=4", "4", 0, 0}, {"ssn", "d.sql#row=4", "987654320", 0, 0},
	}
	if len(segs) != len(want) {
		t.Fatalf("got %d segments, want %d: %+v", len(segs), len(want), segs)
	}
	for i, w := range want {
		if segs[i].field != w.field || segs[i].record != w.record || segs[i].text != w.text {
			t.Errorf("segment %d: %+v, want %+v", i, segs[i], w)
		}
	}
	if string(data[segs[2].start:segs[2].end]) != "it''s" {
		t.Errorf("escaped value offsets %d-%d wrong", segs[2].start, segs[2].end)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("INSERT INTO t (a) VALUES ('x'),(1);"))
	f.Add([]byte("CREATE TABLE t (a int); COPY t FROM stdin;\n1\n\\.\n"))
	f.Add([]byte(ssms))
	f.Fuzz(func(t *testing.T, data []byte) {
		extract(t, data)
	})
}

// TestPairs reads a table of label-value pairs, as WordPress keeps users'
// details in wp_usermeta: each meta_value is named by its meta_key, and
// the rows of one user_id make one record; other tables are unchanged.
func TestPairs(t *testing.T) {
	data := []byte("INSERT INTO `wp_usermeta` (`umeta_id`, `user_id`, `meta_key`, `meta_value`) VALUES (1,7,'first_name','Theresa'),(2,7,'birth_date','04/07/1961'),(3,8,'first_name','Ana'),(4,8,'billing_address_1','77 Beacon St Apt 2');\n" +
		"INSERT INTO `t` (`name`, `city`) VALUES ('Jo Li','Boise');\n")
	got, err := extract(t, data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"Theresa": {"first_name", "d.sql#user_id=7"}, "04/07/1961": {"birth_date", "d.sql#user_id=7"},
		"Ana": {"first_name", "d.sql#user_id=8"}, "first_name": {"meta_key", "d.sql#user_id=7"},
		"Jo Li": {"name", "d.sql#row=5"}, "Boise": {"city", "d.sql#row=5"},
		"77 Beacon St Apt 2": {"billing_address_1", "d.sql#user_id=8"}, // a numbered field's label
	}
	for _, s := range got {
		w, ok := want[s.text]
		if !ok {
			continue
		}
		if s.field != w[0] || s.record != w[1] {
			t.Errorf("%q: field %q record %q, want %q %q", s.text, s.field, s.record, w[0], w[1])
		}
		delete(want, s.text)
	}
	if len(want) > 0 {
		t.Errorf("not emitted: %v", want)
	}
}

// ssms is a script as SQL Server Management Studio's Generate Scripts
// writes it: bracketed names, INSERT without INTO, N'…' strings, dates in
// CAST(…), no ';' but GO lines, SET statements between.
const ssms = "USE [Servicing]\r\nGO\r\nSET ANSI_NULLS ON\r\nGO\r\n" +
	"CREATE TABLE [dbo].[Customers](\r\n\t[Id] [int] IDENTITY(1,1) NOT NULL,\r\n\t[FullName] [nvarchar](100) NULL,\r\n\t[SSN] [char](11) NULL,\r\n\t[DOB] [date] NULL\r\n) ON [PRIMARY]\r\nGO\r\n" +
	"SET IDENTITY_INSERT [dbo].[Customers] ON \r\nGO\r\n" +
	"INSERT [dbo].[Customers] ([Id], [FullName], [SSN], [DOB]) VALUES (1, N'Dana Whitfield', N'412-65-7733', CAST(N'1985-03-22' AS Date))\r\n" +
	"INSERT [dbo].[Customers] ([Id], [FullName], [SSN], [DOB]) VALUES (2, N'Sean O''Brien', N'523-71-0098', NULL)\r\nGO\r\n" +
	"INSERT INTO dbo.Customers VALUES (3, N'Maria Gonzalez', N'287-40-1156', NULL)\r\nGO\r\n"

func TestSSMS(t *testing.T) {
	segs, err := extract(t, []byte(ssms))
	if err != nil {
		t.Fatal(err)
	}
	var got []seg
	for _, s := range segs {
		got = append(got, seg{s.field, s.record, s.text, 0, 0})
	}
	want := []seg{
		{"Id", "d.sql#row=1", "1", 0, 0}, {"FullName", "d.sql#row=1", "Dana Whitfield", 0, 0}, {"SSN", "d.sql#row=1", "412-65-7733", 0, 0}, {"DOB", "d.sql#row=1", "1985-03-22", 0, 0},
		{"Id", "d.sql#row=2", "2", 0, 0}, {"FullName", "d.sql#row=2", "Sean O'Brien", 0, 0}, {"SSN", "d.sql#row=2", "523-71-0098", 0, 0},
		{"Id", "d.sql#row=3", "3", 0, 0}, {"FullName", "d.sql#row=3", "Maria Gonzalez", 0, 0}, {"SSN", "d.sql#row=3", "287-40-1156", 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// Saved as Unicode (UTF-16 with its mark), as SSMS does by default.
	u16 := []byte{0xFF, 0xFE}
	for _, c := range ssms {
		u16 = append(u16, byte(c), 0)
	}
	if !(Extractor{}).Accepts("script.sql", u16[:64]) {
		t.Error("a UTF-16 script is not accepted")
	}
	var texts []string
	err = Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.sql", R: bytes.NewReader(u16)}, func(s scan.Segment) error {
		texts = append(texts, string(s.Text))
		return nil
	})
	if err != nil || len(texts) != len(want) || texts[2] != "412-65-7733" {
		t.Errorf("UTF-16: %q, %v", texts, err)
	}
}

// TestValues reads values of several shapes, with offsets checked by
// extract: a number with a sign (reading "-5" once lost a byte, and
// every later offset was one out), and string literals with a prefix,
// PostgreSQL's E'…' with backslash escapes and MySQL's character set
// introducers.
func TestValues(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       []string
	}{
		{"negative numbers", "INSERT INTO t (a,b) VALUES (-5,'412-65-7733');\nINSERT INTO t (a,b) VALUES (-8,'523-71-0098');\n",
			[]string{"-5", "412-65-7733", "-8", "523-71-0098"}},
		{"prefixed strings", "INSERT INTO t (a,b,c) VALUES (E'O\\'Brien', _utf8mb4'412-65-7733', _binary'x'), (NULL, e'Ana', N'Souza');\n",
			[]string{"O'Brien", "412-65-7733", "x", "Ana", "Souza"}},
	} {
		segs, err := extract(t, []byte(tt.data))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var texts []string
		for _, s := range segs {
			texts = append(texts, s.text)
		}
		if !slices.Equal(texts, tt.want) {
			t.Errorf("%s: values %q, want %q", tt.name, texts, tt.want)
		}
	}
}
