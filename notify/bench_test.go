package notify

import (
	"context"
	"fmt"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit/pdf"
)

// BenchmarkLetter composes one letter and prints it into a batch, and
// finishes a batch every 500 letters: the per-letter cost of 'notify
// letters' without the store, on one goroutine.
func BenchmarkLetter(b *testing.B) {
	comp := testComposer(b, nil)
	p := samplePerson
	p.Jurisdiction = "US-CA"
	batch := pdf.NewBatch(renderTime)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i > 0 && i%500 == 0 {
			if _, err := batch.Bytes(); err != nil {
				b.Fatal(err)
			}
			batch = pdf.NewBatch(renderTime)
		}
		l, err := comp.Compose(fmt.Sprintf("BK1-%08d", i), p)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := batch.Add(l); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := batch.Bytes(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
}

// BenchmarkRenderLetters is 'notify letters' end to end on a SQLite case:
// claim, open the sealed recipients and codes, compose, print, write the
// batches and manifests atomically, record every letter.
func BenchmarkRenderLetters(b *testing.B) {
	for _, tc := range []struct {
		compress bool
		workers  int
	}{{false, 1}, {false, 2}, {true, 1}} {
		compress := tc.compress
		b.Run(fmt.Sprintf("compress=%v/workers=%d", tc.compress, tc.workers), func(b *testing.B) {
			const n = 2000
			ctx := context.Background()
			b.StopTimer()
			for i := 0; i < b.N; i++ {
				f := newFixture(b, b.TempDir(), n)
				f.addCodes(b, n)
				comp := testComposer(b, nil)
				if _, err := Plan(ctx, f.store, f.c, f.keys, comp, false); err != nil {
					b.Fatal(err)
				}
				dir := b.TempDir()
				b.StartTimer()
				res, err := RenderLetters(ctx, f.store, f.c, f.keys, comp, LetterOptions{Dir: dir, BatchSize: 500, Compress: compress, Workers: tc.workers, Now: renderTime})
				b.StopTimer()
				if err != nil || res.Letters != n*9/10 {
					b.Fatalf("%+v %v", res, err)
				}
			}
			b.ReportMetric(float64(b.N*n*9/10)/b.Elapsed().Seconds(), "letters/s")
		})
	}
}

// BenchmarkSend is 'notify send' end to end against a local SMTP server:
// claim in the store, compose, hand over on a reused connection, record.
// BenchmarkSendMailLoop beside it is the alternative a user would write:
// net/smtp.SendMail once per message, a new connection each time, with
// no state kept.
func BenchmarkSend(b *testing.B) {
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			const n = 1000
			ctx := context.Background()
			b.StopTimer()
			sent := 0
			for i := 0; i < b.N; i++ {
				f := newFixture(b, b.TempDir(), n)
				f.addCodes(b, n)
				comp := testComposer(b, nil)
				if _, err := Plan(ctx, f.store, f.c, f.keys, comp, false); err != nil {
					b.Fatal(err)
				}
				r := startRelay(b)
				b.StartTimer()
				res, err := Send(ctx, f.store, f.c, f.keys, comp, dialer(r.addr), SendOptions{Workers: workers})
				b.StopTimer()
				if err != nil || res.Sent != n {
					b.Fatalf("%+v %v", res, err)
				}
				sent += res.Sent
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "emails/s")
		})
	}
}

func BenchmarkSendMailLoop(b *testing.B) {
	r := startRelay(b)
	comp := testComposer(b, nil)
	p := samplePerson
	p.Jurisdiction = "US-CA"
	l, err := comp.Compose("BK1-00000001", p)
	if err != nil {
		b.Fatal(err)
	}
	msg, err := composeEmail(&comp.cfg.Email, l, "someone@example.test", "bk1-00000001@example.com", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		to := fmt.Sprintf("person%d@example.test", i)
		if err := smtp.SendMail(r.addr, nil, "notices@example.com", []string{to}, msg); err != nil && !strings.Contains(err.Error(), "EOF") {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "emails/s")
}
