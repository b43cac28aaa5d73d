package fixed

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type segOut struct{ Field, Record, Text string }

func extract(t testing.TB, data string) []segOut {
	var out []segOut
	in := &scan.Input{Path: "r.txt", R: strings.NewReader(data), Size: int64(len(data))}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		out = append(out, segOut{s.Field, s.Record, string(s.Text)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// report is a printed report of fictional customers: a title line, a
// header with two-word names, a ruler, records (one with accented names,
// one with a two-word given name), a page break that repeats the title
// and header, and a total line.
var report = func() string {
	title := "CUSTOMER MASTER EXTRACT                      RUN 2024-01-31\n"
	header := "ACCT NO    LAST NAME       FIRST NAME  SSN        BIRTH DT  ZIP\n"
	var b strings.Builder
	b.WriteString(title + header + "---------- --------------- ----------- ---------- --------  -----\n")
	for i, r := range reportRows {
		if i == len(reportRows)-1 {
			b.WriteString(title + header)
		}
		fmt.Fprintf(&b, "%010d %-15s %-11s %s  %s  %s\n", 509011112+i, r[0], r[1], r[2], r[3], r[4])
	}
	b.WriteString("TOTAL RECORDS: " + strconv.Itoa(len(reportRows)) + "\n")
	return b.String()
}()

var reportRows = func() [][5]string {
	rows := [][5]string{{"JEFFERSON", "SIERRA", "383418663", "19710309", "94103"}, {"ÁLVAREZ", "JOSÉ", "512447081", "19900102", "78701"}}
	for i := range 20 {
		rows = append(rows, [5]string{"WHITFIELD", "DANA", fmt.Sprintf("4125589%02d", i), "19841130", "45402"})
	}
	return append(rows, [5]string{"SOUZA", "ANA MARIA", "601234455", "19660721", "02134"})
}()

func TestReport(t *testing.T) {
	if !(Extractor{}).Accepts("r.txt", []byte(report)) {
		t.Fatal("report not recognised")
	}
	got := extract(t, report)
	var cells []string
	var texts []string
	for _, s := range got {
		if strings.Contains(s.Record, "#line=") {
			texts = append(texts, s.Text)
			continue
		}
		cells = append(cells, s.Record[strings.IndexByte(s.Record, '#'):]+" "+s.Field+"="+s.Text)
	}
	var want []string
	for i, r := range reportRows {
		row := "#row=" + strconv.Itoa(i+1) + " "
		want = append(want, row+"ACCT NO="+fmt.Sprintf("%010d", 509011112+i), row+"LAST NAME="+r[0], row+"FIRST NAME="+r[1], row+"SSN="+r[2], row+"BIRTH DT="+r[3], row+"ZIP="+r[4])
	}
	if !slices.Equal(cells, want) {
		t.Errorf("cells\n%q\nwant\n%q", cells, want)
	}
	wantText := []string{"CUSTOMER MASTER EXTRACT                      RUN 2024-01-31", "CUSTOMER MASTER EXTRACT                      RUN 2024-01-31", "TOTAL RECORDS: 23"}
	if !slices.Equal(texts, wantText) {
		t.Errorf("text lines %q, want %q", texts, wantText)
	}
}

// TestNoHeader names the columns of a headerless extract from their
// values, as for a CSV file without a header row.
func TestNoHeader(t *testing.T) {
	var b strings.Builder
	for i, p := range [][3]string{{"SMITH", "SIERRA", "19710309"}, {"BROWN", "DANA", "19841130"}, {"MILLER", "ANA", "19660721"}, {"JOHNSON", "LINDA", "19550412"}, {"GARCIA", "JAMES", "19700101"}} {
		b.WriteString(strings.Join([]string{pad("0000"+string(rune('1'+i)), 6), pad(p[0], 12), pad(p[1], 8), p[2]}, " ") + "\r\n")
	}
	got := extract(t, b.String())
	fields := map[string]bool{}
	for _, s := range got {
		fields[s.Field] = true
	}
	for _, f := range []string{"last name (inferred)", "first name (inferred)", "date of birth (inferred)"} {
		if !fields[f] {
			t.Errorf("no column named %q: %v", f, fields)
		}
	}
}

func pad(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }

// TestLatin1 reads a record that is not UTF-8 as Latin-1, its columns
// kept.
func TestLatin1(t *testing.T) {
	data := "NAME       CITY      ZIP  \n" +
		"J\xd3SE      AUSTIN    78701\n" +
		"DANA       DAYTON    45402\n" +
		"ANA        BOSTON    02134\n" +
		"SIERRA     SF        94103\n"
	got := extract(t, data)
	if len(got) == 0 || got[0] != (segOut{"NAME", "r.txt#row=1", "JÓSE"}) {
		t.Errorf("got %q", got)
	}
}

// TestNotFixed: prose, logs with messages, CSV and short lists are not
// fixed-width tables.
func TestNotFixed(t *testing.T) {
	for name, data := range map[string]string{
		"prose": "The borrower called about the escrow shortage and asked for a new\nstatement to be sent to the address on file. She also asked us to\nupdate the phone number and to stop the paper statements from now\non, which we did while she waited on the line for confirmation.\nNo further action is needed on this account at this time today.\n",
		"log": "2025-06-07 15:36:01 INFO  agent 5378 Borrower Rickey Tanner called about loan LN-9177997705 today\n" +
			"2025-06-07 15:36:02 INFO  agent 5379 Verified identity with DOB June 13, 1964 and last four of SSN\n" +
			"2025-06-07 15:36:03 WARN  agent 5380 Requests autopay change to account 61218281597005122 now\n" +
			"2025-06-07 15:36:04 INFO  agent 5381 Returned mail for Michael Jones who moved to a new address\n" +
			"2025-06-07 15:36:05 INFO  agent 5382 Payment dispute from Karmen Dunn, card charged twice this month\n",
		"csv":   "a,b,c,d\n1,2,3,4\n5,6,7,8\n9,10,11,12\n13,14,15,16\n",
		"short": "ab cd\nef gh\nij kl\nmn op\nqr st\n",
		"tabs":  "NAME\tSSN\tDOB\nA\t1\t2\nB\t3\t4\nC\t5\t6\nD\t7\t8\n",
		// A dump of bytes, as crypto/tls's test data holds.
		"hexdump": ">>> Flow 1 (client to server)\n" +
			"00000000  16 03 01 01 18 01 00 01  14 03 03 00 00 00 00 00  |................|\n" +
			"00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n" +
			"00000020  00 00 00 00 00 00 00 00  00 00 00 20 00 00 00 00  |........... ....|\n" +
			"00000030  be cd db 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n" +
			"00000040  00 00 00 00 00 00 00 00  00 00 00 00 00 32 cc a9  |.............2..|\n",
	} {
		if (Extractor{}).Accepts("x.txt", []byte(data)) {
			t.Errorf("%s: recognised as fixed-width", name)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(report[:1000]))
	f.Add([]byte("NAME       CITY      ZIP  \nJ\xd3SE      AUSTIN    78701\nA          B         C\nA          B         C\nA          B         C\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !(Extractor{}).Accepts("f", data[:min(len(data), scan.HeadSize)]) {
			return
		}
		in := &scan.Input{Path: "f", R: bytes.NewReader(data), Size: int64(len(data))}
		Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			if s.Offset >= 0 && !bytes.Equal(data[s.Offset:s.Offset+int64(len(s.Text))], s.Text) {
				t.Fatalf("%q at %d is not the file's bytes", s.Text, s.Offset)
			}
			return nil
		})
	})
}

// TestRegister reads a register whose rows are lines of cells apart by
// single spaces (not aligned): each row a record, its date of birth and
// its SSN named by their columns and located in the file.
func TestRegister(t *testing.T) {
	var b strings.Builder
	b.WriteString("EMPLOYEE PAYROLL REGISTER\nEmployee Name SSN Date of Birth Net Pay\n")
	for i := range 8 {
		fmt.Fprintf(&b, "Dana Whitfield 260-24-%04d 04/%02d/1984 1417.73\n", 7000+i, i+1)
	}
	b.WriteString("Total 8\n")
	data := b.String()
	if !(Extractor{}).Accepts("reg.txt", []byte(data)) {
		t.Fatal("register not recognised")
	}
	var births, ssns, rows []string
	for _, s := range extract(t, data) {
		switch {
		case s.Field == "Date of Birth":
			births = append(births, s.Record+" "+s.Text)
		case s.Field == "SSN":
			ssns = append(ssns, s.Record+" "+s.Text)
		case strings.Contains(s.Record, "#row="):
			rows = append(rows, s.Text)
		}
	}
	if len(births) != 8 || births[0] != "r.txt#row=1 04/01/1984" || len(ssns) != 8 || ssns[7] != "r.txt#row=8 260-24-7007" ||
		len(rows) != 8 || strings.Contains(rows[0], "04/01/1984") || strings.Contains(rows[0], "260-24") {
		t.Errorf("births %q, SSNs %q, rows %q", births, ssns, rows)
	}
}

// TestHeaderWithDigits reads a first line taken for the header that
// holds digits (lines of one sentence, a phone number in each, which
// line up as columns) as text too: its number is not lost.
func TestHeaderWithDigits(t *testing.T) {
	var b strings.Builder
	for i := range 6 {
		fmt.Fprintf(&b, "Call me at 936-362-014%d please.\n", i)
	}
	got := extract(t, b.String())
	if len(got) == 0 || !strings.Contains(got[0].Text, "936-362-0140") {
		t.Errorf("the first line's number is not emitted: %v", got)
	}
}
