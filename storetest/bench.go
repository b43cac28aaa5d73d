package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
)

// BenchmarkFindings measures writing b.N findings in batches of 5,000
// (the scanner's batch size) and then streaming them back. Each finding
// carries a sealed value and a fingerprint of realistic sizes (51 and 16
// bytes). It reports findings per second for both directions.
func BenchmarkFindings(b *testing.B, s breachkit.Store) {
	ctx := context.Background()
	c := NewCase(b, s, fmt.Sprintf("bench-%d", time.Now().UnixNano()))
	src, err := s.BeginSource(ctx, &breachkit.Source{CaseID: c.ID, Path: "bench.csv"})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 5000
	value := make([]byte, 51)
	fp := make([]byte, 16)
	reasons := []string{"header:ssn", "validated:ssn"}
	fs := make([]*breachkit.Finding, 0, batch)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		fp[0], fp[1], fp[2] = byte(i), byte(i>>8), byte(i>>16)
		fs = append(fs, &breachkit.Finding{CaseID: c.ID, SourceID: src.ID, Type: breachkit.SSN, Start: int64(i) * 40, End: int64(i)*40 + 11,
			Record: "bench.csv#row=" + fmt.Sprint(i), Confidence: 0.99, Reasons: reasons, Value: value, Fingerprint: append([]byte(nil), fp...)})
		if len(fs) == batch || i == b.N-1 {
			if err := s.AddFindings(ctx, fs); err != nil {
				b.Fatal(err)
			}
			fs = fs[:0]
		}
	}
	write := time.Since(start)
	start = time.Now()
	n := 0
	if err := s.Findings(ctx, c.ID, breachkit.FindingFilter{}, func(*breachkit.Finding) error { n++; return nil }); err != nil {
		b.Fatal(err)
	}
	read := time.Since(start)
	b.StopTimer()
	if n != b.N {
		b.Fatalf("streamed %d findings, wrote %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/write.Seconds(), "written/s")
	b.ReportMetric(float64(b.N)/read.Seconds(), "streamed/s")
	b.ReportMetric(0, "ns/op")
}
