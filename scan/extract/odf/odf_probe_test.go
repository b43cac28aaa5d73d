package odf

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/breachkit/breachkit/scan"
)

func TestProbe(t *testing.T) {
	for _, f := range []string{"testdata/customers.ods", "testdata/letter.odt"} {
		b, _ := os.ReadFile(f)
		r := rand.New(rand.NewSource(1))
		for i := 0; i < 300; i++ {
			d := append([]byte(nil), b...)
			for k := 0; k < 1+r.Intn(4); k++ {
				switch r.Intn(3) {
				case 0:
					d[r.Intn(len(d))] = byte(r.Intn(256))
				case 1:
					d = d[:r.Intn(len(d))+1]
				case 2:
					p := r.Intn(len(d))
					d = append(d[:p:p], append([]byte{byte(r.Intn(256)), byte(r.Intn(256))}, d[p:]...)...)
				}
			}
			done := make(chan error, 1)
			go func() {
				in := &scan.Input{Path: "x", R: bytes.NewReader(d), Size: int64(len(d))}
				done <- Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
			}()
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				pprof.Lookup("goroutine").WriteTo(os.Stderr, 1)
				t.Fatalf("case %d hangs", i)
			}
		}
	}
}
