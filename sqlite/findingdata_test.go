package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestFindingData(t *testing.T) {
	for _, f := range []breachkit.Finding{
		{Path: "exports/a.csv", Start: 120, End: 131, Record: "exports/a.csv#row=7", Reasons: []string{"header:ssn", "rule:ssn"}, Value: breachkit.Sealed{1, 2, 3}, Fingerprint: []byte{9, 8}},
		{Path: "book.xlsx", Start: -1, End: -1, Sheet: "Loans", Cell: "C5", Record: "book.xlsx#Loans!row=5", Value: breachkit.Sealed{4}, Fingerprint: []byte{7}},
		{Path: "scan.pdf", Start: -1, End: -1, Page: 3, Record: "other#para=2"},
		{Path: "", Start: 0, End: 1 << 40, Record: "", Value: breachkit.Sealed{5}, Fingerprint: []byte{6}},
	} {
		b := appendData(nil, &f)
		got := breachkit.Finding{Path: f.Path}
		if err := readData(b, &got); err != nil {
			t.Fatalf("%s: %v", f.Record, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, f)
		}
		for n := range b {
			if err := readData(b[:n], &breachkit.Finding{}); err == nil {
				t.Errorf("%s: a blob cut to %d of %d bytes was read without error", f.Record, n, len(b))
			}
		}
	}
}

// TestFindingDataOldRows checks that findings stored before the data
// column (their columns filled, data NULL) read back as they were.
func TestFindingDataOldRows(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "case.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &breachkit.Case{Name: "old", WrappedKey: []byte{1}}
	if err := s.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "a.csv"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.DB().Exec(`INSERT INTO findings (case_id, source_id, type, start_off, end_off, sheet, cell, page, record, confidence, reasons, value, fingerprint)
		VALUES (?, ?, 'SSN', 10, 21, '', '', 0, 'a.csv#row=2', 0.99, '["header:ssn"]', x'0102', x'0304')`, c.ID, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddFindings(ctx, []*breachkit.Finding{{CaseID: c.ID, SourceID: src.ID, Path: "a.csv", Type: breachkit.Email, Start: 30, End: 41, Record: "a.csv#row=3", Confidence: 0.9, Reasons: []string{"header:email"}, Value: breachkit.Sealed{5}, Fingerprint: []byte{6}}}); err != nil {
		t.Fatal(err)
	}
	var got []breachkit.Finding
	err = s.Findings(ctx, c.ID, breachkit.FindingFilter{}, func(f *breachkit.Finding) error { got = append(got, *f); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []breachkit.Finding{
		{ID: got[0].ID, CaseID: c.ID, SourceID: src.ID, Path: "a.csv", Type: breachkit.SSN, Start: 10, End: 21, Record: "a.csv#row=2", Confidence: 0.99, Reasons: []string{"header:ssn"}, Value: breachkit.Sealed{1, 2}, Fingerprint: []byte{3, 4}},
		{ID: got[1].ID, CaseID: c.ID, SourceID: src.ID, Path: "a.csv", Type: breachkit.Email, Start: 30, End: 41, Record: "a.csv#row=3", Confidence: 0.9, Reasons: []string{"header:email"}, Value: breachkit.Sealed{5}, Fingerprint: []byte{6}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}

func FuzzFindingData(f *testing.F) {
	f.Add(appendData(nil, &breachkit.Finding{Path: "a", Record: "a#row=1", Reasons: []string{"x"}, Value: breachkit.Sealed{1}, Fingerprint: []byte{2}}))
	f.Add([]byte{dataVersion, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		x := breachkit.Finding{Path: "p"}
		if readData(b, &x) != nil {
			return
		}
		// What reads without error reads the same once written again.
		y := breachkit.Finding{Path: "p"}
		if err := readData(appendData(nil, &x), &y); err != nil || !reflect.DeepEqual(x, y) {
			t.Fatalf("rewritten: %v\n got %+v\nwant %+v", err, y, x)
		}
	})
}
