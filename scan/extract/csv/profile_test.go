package csv

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestInferColumns checks the names given to the columns of files
// without a header row, and that files of other data get none.
func TestInferColumns(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"customers",
			"Anna,Berg,412-55-8901,1980-05-17,anna.berg@gmail.com,(312) 847-2291,1200 Mission St,San Francisco,CA,94103\n" +
				"John,Miller,523-44-9012,03/04/1968,jmiller@yahoo.com,312-847-2291,88 Pine Street,Portland,OR,97205\n" +
				"Maria,Garcia,601-23-4455,1975-12-01,mg@example.org,+1 212 555 0199,PO Box 1234,Boston,MA,02110-1234\n",
			[]string{"first name (inferred)", "last name (inferred)", "ssn (inferred)", "date of birth (inferred)", "email (inferred)",
				"phone (inferred)", "street address (inferred)", "city (inferred)", "state (inferred)", "zip (inferred)"}},
		{"full names",
			"1001,Robert Kim,OR\n1002,Patricia Jones,WA\n1003,Michael Smith,TX\n",
			[]string{"", "name (inferred)", "state (inferred)"}},
		{"first row of letters",
			"Anna,Berg,1200 Mission St,San Francisco,CA\nJohn,Miller,88 Pine Street,Portland,OR\nMaria,Garcia,9 Elm Ct,Dayton,OH\n",
			[]string{"first name (inferred)", "last name (inferred)", "street address (inferred)", "city (inferred)", "state (inferred)"}},
		{"transactions",
			"10234,2025-11-02,1234567890,49.99,12345\n10235,2025-11-03,2234567890,12.00,54321\n10236,2025-10-30,3234567890,5.25,99999\n",
			[]string{"", "", "", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[int]string{}
			col := map[string]int{}
			err := Extractor{}.Extract(context.Background(), &scan.Input{Path: tt.name + ".csv", R: bytes.NewReader([]byte(tt.data)), Size: int64(len(tt.data))}, func(s scan.Segment) error {
				// The column of a cell: its index in the record.
				i := col[s.Record]
				col[s.Record]++
				if f, ok := got[i]; ok && f != s.Field {
					t.Errorf("column %d named %q and %q", i, f, s.Field)
				}
				got[i] = s.Field
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, len(got))
			for i, f := range got {
				names[i] = f
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("columns named\n%q\nwant\n%q", names, tt.want)
			}
		})
	}
}
