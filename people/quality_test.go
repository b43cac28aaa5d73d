package people

import (
	"context"
	"os"
	"testing"

	"github.com/breachkit/breachkit/gen"
)

// genDir returns a generated data set: $BREACHKIT_PEOPLE_GEN if set, else
// a fresh one of n people in a temporary folder.
func genDir(t testing.TB, n int) string {
	if d := os.Getenv("BREACHKIT_PEOPLE_GEN"); d != "" {
		return d
	}
	dir := t.TempDir()
	if _, err := gen.Generate(context.Background(), gen.Options{Out: dir, People: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func evalTruth(t testing.TB, dir string, parts bool) (Metrics, Stats) {
	opt := DefaultOptions()
	opt.KeepRecords, opt.Explain = false, false
	r := NewResolver(opt)
	if err := LoadTruth(dir, parts, r.Add); err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, err := Evaluate(res)
	if err != nil {
		t.Fatal(err)
	}
	return m, res.Stats
}

// TestGenTruthQuality resolves records built from gen ground truth and
// checks the targets: pairwise and B-cubed precision at least 0.995,
// recall at least 0.98, and no person with two different valid SSNs.
func TestGenTruthQuality(t *testing.T) {
	dir := genDir(t, 3000)
	for _, tc := range []struct {
		name  string
		parts bool
	}{{"with-part-labels", true}, {"as-scanned-no-part-labels", false}} {
		t.Run(tc.name, func(t *testing.T) {
			m, st := evalTruth(t, dir, tc.parts)
			if testing.Verbose() {
				m.Print(os.Stdout)
				st.Print(os.Stdout)
			}
			if m.PairPrecision < 0.995 || m.BCubedPrecision < 0.995 {
				t.Errorf("precision pairwise %.4f B-cubed %.4f, want >= 0.995", m.PairPrecision, m.BCubedPrecision)
			}
			if m.PairRecall < 0.98 || m.BCubedRecall < 0.98 {
				t.Errorf("recall pairwise %.4f B-cubed %.4f, want >= 0.98", m.PairRecall, m.BCubedRecall)
			}
			if m.MixedTaxClusters != 0 {
				t.Errorf("%d people hold two different valid SSNs", m.MixedTaxClusters)
			}
		})
	}
}

const febrlDir = "/work/shared/data/febrl"

// TestFEBRLQuality reports quality on the public FEBRL benchmark through
// the CSV import: dataset3 deduplicated, and dataset4a linked to 4b.
func TestFEBRLQuality(t *testing.T) {
	if _, err := os.Stat(febrlDir); err != nil {
		t.Skip("FEBRL data not available")
	}
	for _, tc := range []struct {
		name       string
		files      []string
		minP, minR float64
	}{
		{"dataset3", []string{"dataset3.csv"}, 0.99, 0.90},
		{"dataset4a+4b", []string{"dataset4a.csv", "dataset4b.csv"}, 0.99, 0.90},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := DefaultOptions()
			opt.KeepRecords, opt.Explain = false, false
			r := NewResolver(opt)
			for _, f := range tc.files {
				if err := LoadFEBRL(febrlDir+"/"+f, f+":", r.Add); err != nil {
					t.Fatal(err)
				}
			}
			res, err := r.Resolve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			m, _ := Evaluate(res)
			if testing.Verbose() {
				m.Print(os.Stdout)
				res.Stats.Print(os.Stdout)
			}
			if m.PairPrecision < tc.minP || m.PairRecall < tc.minR {
				t.Errorf("pairwise precision %.4f recall %.4f, want >= %.2f / %.2f", m.PairPrecision, m.PairRecall, tc.minP, tc.minR)
			}
		})
	}
}
