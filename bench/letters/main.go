// Command letters renders N copies of a sample letter, either to PDF with
// breachkit's printer or to one HTML file for a browser to print, so that
// bench/letters.sh can time breachkit against printing HTML with headless
// Chromium, the alternative a user would reach for.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
	"github.com/breachkit/breachkit/notify"
	"github.com/breachkit/breachkit/pdf"
)

func main() {
	mode := flag.String("mode", "pdf", "pdf (breachkit's printer) or html (for a browser)")
	n := flag.Int("n", 1000, "letters")
	out := flag.String("out", "letters.pdf", "file to write")
	config := flag.String("config", "notify/testdata/notify.yaml", "notify config")
	flag.Parse()
	cfg, err := notify.LoadConfig(*config)
	if err != nil {
		log.Fatal(err)
	}
	rules, err := duties.Load()
	if err != nil {
		log.Fatal(err)
	}
	day := time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC)
	comp, err := notify.NewComposer(cfg, rules, day, day)
	if err != nil {
		log.Fatal(err)
	}
	p := notify.Person{Recipient: notify.Recipient{Name: "Sample Recipient", Address: []string{"1 Sample Street", "Sacramento, CA 95814"}},
		Jurisdiction: "US-CA", Elements: breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN, breachkit.DOB), Code: "SAMPLE-CODE"}
	start := time.Now()
	switch *mode {
	case "pdf":
		b := pdf.NewBatch(day)
		for i := 0; i < *n; i++ {
			l, err := comp.Compose(fmt.Sprintf("BK1-%08d", i), p)
			if err != nil {
				log.Fatal(err)
			}
			if _, _, err := b.Add(l); err != nil {
				log.Fatal(err)
			}
		}
		if err := b.WriteFile(*out); err != nil {
			log.Fatal(err)
		}
	case "html":
		var sb strings.Builder
		sb.WriteString(`<!doctype html><meta charset="utf-8"><style>@page{size:letter;margin:1in}body{font:11pt Helvetica,Arial,sans-serif}.l{break-after:page}.to{margin:1in 0 .5in}</style>`)
		for i := 0; i < *n; i++ {
			l, err := comp.Compose(fmt.Sprintf("BK1-%08d", i), p)
			if err != nil {
				log.Fatal(err)
			}
			sb.WriteString(`<div class="l"><div>` + strings.Join(esc(l.From), "<br>") + `</div><div class="to">` + strings.Join(esc(l.To), "<br>") + `</div><p>` + html.EscapeString(l.Date) + `</p><h1>` + html.EscapeString(l.Title) + `</h1>`)
			for _, bl := range l.Blocks {
				switch bl.Kind {
				case breachkit.BlockHeading:
					sb.WriteString("<h2>" + html.EscapeString(bl.Text) + "</h2>")
				case breachkit.BlockBullet:
					sb.WriteString("<li>" + html.EscapeString(bl.Text) + "</li>")
				default:
					sb.WriteString("<p>" + html.EscapeString(bl.Text) + "</p>")
				}
			}
			sb.WriteString("</div>")
		}
		if err := os.WriteFile(*out, []byte(sb.String()), 0o600); err != nil {
			log.Fatal(err)
		}
	default:
		log.Fatalf("unknown mode %q", *mode)
	}
	fmt.Fprintf(os.Stderr, "%s: %d letters in %.2fs\n", *mode, *n, time.Since(start).Seconds())
}

func esc(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = html.EscapeString(l)
	}
	return out
}
