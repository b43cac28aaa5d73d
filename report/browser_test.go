package report

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/breachkit/breachkit/duties"
)

// The browser check opens a sample report in headless Chromium. It runs
// only when BREACHKIT_BROWSER=1 (the CI sets it after installing
// Chromium), so that `go test ./...` passes on machines without one.
// BREACHKIT_CHROMIUM names the browser (default: chromium on the PATH);
// BREACHKIT_SCREENSHOT, if set, is where the full-page PNG is saved.

// realisticData is the sample case with obligations computed by the
// duties engine from its residents, as respond would.
func realisticData(t *testing.T, people PeopleFunc) *Data {
	t.Helper()
	d := sampleData()
	// Group the people into residents by jurisdiction and element set.
	type key struct{ jur, els string }
	groups := map[key]*duties.ResidentInput{}
	var order []key
	tally := NewTally()
	err := people(func(p PersonRow) error {
		tally.Add(p)
		if p.Jurisdiction == "unknown" {
			return nil
		}
		k := key{p.Jurisdiction, p.Elements.String()}
		g := groups[k]
		if g == nil {
			g = &duties.ResidentInput{Jurisdiction: p.Jurisdiction}
			for _, e := range p.Elements {
				g.Elements = append(g.Elements, string(e))
			}
			groups[k] = g
			order = append(order, k)
		}
		g.Count++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	in := duties.ScenarioInput{Discovered: isoDate(d.Discovered),
		Organization: duties.OrganizationInput{Kinds: []string{"public-company"}}}
	for _, k := range order {
		in.Residents = append(in.Residents, *groups[k])
	}
	sc, err := in.Scenario()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := duties.Load()
	if err != nil {
		t.Fatal(err)
	}
	res := duties.Evaluate(rules, sc)
	d.Obligations, d.Exemptions = res.Obligations, res.Exemptions
	d.Method.RuleFiles = RuleFilesFrom(rules, d.Discovered)
	d.People = tally.Summary(0)
	return d
}

func TestBrowser(t *testing.T) {
	if os.Getenv("BREACHKIT_BROWSER") != "1" {
		t.Skip("set BREACHKIT_BROWSER=1 to open the report in headless Chromium")
	}
	browser := os.Getenv("BREACHKIT_CHROMIUM")
	if browser == "" {
		var err error
		if browser, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("BREACHKIT_BROWSER=1 but no chromium on the PATH (apt-get install -y chromium)")
		}
	}

	people := samplePeople(150_000, 42)
	d := realisticData(t, people)
	dir := filepath.Join(t.TempDir(), "report")
	if err := Write(dir, d, people, sampleFindings(100)); err != nil {
		t.Fatal(err)
	}
	index, _ := filepath.Abs(filepath.Join(dir, IndexFile))
	pageURL := (&url.URL{Scheme: "file", Path: index}).String()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var requests, problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if e.Request.URL != pageURL {
				requests = append(requests, e.Request.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning ||
				e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problems = append(problems, "console."+string(e.Type)+": "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, "log "+string(e.Entry.Level)+": "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatal(err)
	}
	count := func(sel string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	svgs, tables := count("svg.chart"), count("table")
	mapTiles, marks := count("svg.map g.tile"), count("svg.timeline g.mark")
	obRows := count("table.obligations tbody tr")
	// Nothing may stick out sideways: a report that needs horizontal
	// scrolling prints cut off.
	if o := overflowing(t, ctx); len(o) > 0 {
		t.Errorf("elements wider than the window: %q", o)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	bodyText, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
	if err != nil {
		t.Fatal(err)
	}
	// BREACHKIT_SCREENSHOT=path saves the top of the page (summary, charts
	// and map), the part worth showing in the documentation.
	var top []byte
	if out := os.Getenv("BREACHKIT_SCREENSHOT"); out != "" {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 2480)); err != nil {
			t.Fatal(err)
		}
		if top, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, top, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%q: %d charts, %d tables, %d map tiles, %d timeline markers, %d obligation rows, %d obligations",
		title, svgs, tables, mapTiles, marks, obRows, len(d.Obligations))
	if !strings.Contains(title, d.Case) {
		t.Errorf("title %q", title)
	}
	if svgs != 4 {
		t.Errorf("%d SVG charts, want 4", svgs)
	}
	if tables < 10 {
		t.Errorf("%d tables", tables)
	}
	if mapTiles != 56 {
		t.Errorf("%d map tiles, want 56", mapTiles)
	}
	if marks == 0 || obRows != len(d.Obligations) || len(d.Obligations) == 0 {
		t.Errorf("%d timeline markers, %d table rows for %d obligations", marks, obRows, len(d.Obligations))
	}
	if !strings.Contains(bodyText, "150,000") {
		t.Error("the people total is not shown")
	}
	// Never hold mu while talking to the browser: the listener needs it.
	mu.Lock()
	seenReq, seenProblem := len(requests) > 0, len(problems) > 0
	if len(requests) > 0 {
		t.Errorf("the page made %d network requests: %q", len(requests), requests)
	}
	if len(problems) > 0 {
		t.Errorf("console errors: %q", problems)
	}
	mu.Unlock()
	// Printed on A4 (186 mm between the margins, 703 CSS pixels), the
	// page fits the paper too.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(703, 1000)); err != nil {
		t.Fatal(err)
	}
	if o := overflowing(t, ctx); len(o) > 0 {
		t.Errorf("printed, elements wider than the paper: %q", o)
	}
	// BREACHKIT_PRINT_SCREENSHOT=prefix saves one paper-wide view of the
	// start of each section, prefix-<section>.png, for a person to look at.
	if prefix := os.Getenv("BREACHKIT_PRINT_SCREENSHOT"); prefix != "" {
		for _, id := range []string{"summary", "exposed", "where", "obligations", "notification", "method"} {
			shot, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("`+id+`").scrollIntoView()`)); err != nil {
					return nil, err
				}
				return chromedp.Run(ctx, chromedp.CaptureScreenshot())
			})
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(prefix+"-"+id+".png", shot, 0o644)
		}
	}

	// The watch itself works: a page that fetches and logs is caught.
	canary := filepath.Join(dir, "canary.html")
	os.WriteFile(canary, []byte(`<!DOCTYPE html><title>canary</title><img src="http://127.0.0.1:9/canary.png"><script>console.error("canary")</script>`), 0o644)
	if err := chromedp.Do(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: canary}).String())); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		mu.Lock()
		r, p := len(requests), len(problems)
		mu.Unlock()
		if r > 0 && p > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	mu.Lock()
	if !seenReq && len(requests) == 0 || !seenProblem && len(problems) == 0 {
		t.Errorf("the watch missed the canary page: requests %q, problems %q", requests, problems)
	}
	mu.Unlock()
	if len(png) < 10_000 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	t.Logf("full-page screenshot: %d bytes", len(png))
	if top != nil {
		t.Logf("screenshot of the top: %s", os.Getenv("BREACHKIT_SCREENSHOT"))
	}
}

// overflowing lists the elements that reach past the right edge of the
// window.
func overflowing(t *testing.T, ctx context.Context) []string {
	t.Helper()
	o, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth, out = [];
		for (const el of document.querySelectorAll("body *")) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1) out.push(el.tagName + "." + el.getAttribute("class") + " right=" + Math.round(r.right) + " width=" + w);
		}
		return out.slice(0, 10);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return o
}
