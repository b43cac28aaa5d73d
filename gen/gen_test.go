package gen

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/xuri/excelize/v2"
)

func generate(t testing.TB, n int, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := Generate(context.Background(), Options{Out: dir, People: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// resolver opens files by truth path, through archives and attachments.
type resolver struct {
	dir   string
	cache map[string][]byte
}

func (r *resolver) bytes(t *testing.T, path string) []byte {
	if b, ok := r.cache[path]; ok {
		return b
	}
	parts := strings.Split(path, "!/")
	var data []byte
	if len(parts) == 1 {
		var err error
		if data, err = os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(path))); err != nil {
			t.Fatal(err)
		}
	} else {
		outer := strings.Join(parts[:len(parts)-1], "!/")
		data = openInner(t, parts[len(parts)-2], r.bytes(t, outer), parts[len(parts)-1])
	}
	r.cache[path] = data
	return data
}

func openInner(t *testing.T, container string, data []byte, name string) []byte {
	switch {
	case strings.HasSuffix(container, ".zip"):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := zr.Open(name)
		if err != nil {
			t.Fatalf("%s in %s: %v", name, container, err)
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		return b
	case strings.HasSuffix(container, ".tar.gz"):
		gz, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err != nil {
				t.Fatalf("%s in %s: %v", name, container, err)
			}
			if h.Name == name {
				b, _ := io.ReadAll(tr)
				return b
			}
		}
	case strings.HasSuffix(container, ".eml"):
		msg, err := mail.ReadMessage(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		mr := multipart.NewReader(msg.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				t.Fatalf("%s in %s: %v", name, container, err)
			}
			if p.FileName() == name {
				b, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, p))
				return b
			}
		}
	}
	t.Fatalf("unknown container %s", container)
	return nil
}

var streamRE = regexp.MustCompile(`(?s)stream\n(.*?)\nendstream`)

// pdfPages returns the content streams of an uncompressed fpdf file, in
// page order (fpdf writes each page's content right after the page).
func pdfPages(data []byte) []string {
	var out []string
	for _, m := range streamRE.FindAllSubmatch(data, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func docxParagraphs(t *testing.T, data []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var paras []string
	var cur strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "p" {
				cur.Reset()
			}
			inT = x.Name.Local == "t"
		case xml.EndElement:
			if x.Name.Local == "p" {
				paras = append(paras, cur.String())
			}
			inT = false
		case xml.CharData:
			if inT {
				cur.Write(x)
			}
		}
	}
	return paras
}

type span struct {
	Path      string `json:"path"`
	Type      string `json:"type"`
	Kind      string `json:"kind"`
	LooksLike string `json:"looks_like"`
	Start     *int64 `json:"start"`
	End       *int64 `json:"end"`
	Sheet     string `json:"sheet"`
	Cell      string `json:"cell"`
	Page      int    `json:"page"`
	Paragraph *int   `json:"paragraph"`
	Person    string `json:"person"`
	Record    string `json:"record"`
	Value     string `json:"value"`
}

func readJSONL[T any](t *testing.T, path string, fn func(T)) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s line %d: %v", path, n+1, err)
		}
		fn(v)
		n++
	}
	return n
}

// checkSpan verifies that the value of s is where s says.
func (r *resolver) checkSpan(t *testing.T, s span, xl map[string]*excelize.File, pdfs map[string][]string, docs map[string][]string) {
	t.Helper()
	if strings.HasPrefix(s.Path, "truth/") || !strings.HasPrefix(s.Path, "stolen/") {
		t.Fatalf("path outside stolen/: %s", s.Path)
	}
	switch {
	case s.Start != nil:
		b := r.bytes(t, s.Path)
		if *s.End > int64(len(b)) || *s.Start < 0 || *s.Start >= *s.End {
			t.Fatalf("bad span %+v (file %d bytes)", s, len(b))
		}
		if got := string(b[*s.Start:*s.End]); got != s.Value {
			t.Fatalf("%s [%d:%d] = %q, truth says %q", s.Path, *s.Start, *s.End, got, s.Value)
		}
	case s.Cell != "":
		f := xl[s.Path]
		if f == nil {
			var err error
			if f, err = excelize.OpenReader(bytes.NewReader(r.bytes(t, s.Path))); err != nil {
				t.Fatal(err)
			}
			xl[s.Path] = f
		}
		v, err := f.GetCellValue(s.Sheet, s.Cell)
		if err != nil || !strings.Contains(v, s.Value) {
			t.Fatalf("%s %s!%s = %q (%v), truth says %q", s.Path, s.Sheet, s.Cell, v, err, s.Value)
		}
	case s.Page > 0:
		pages, ok := pdfs[s.Path]
		if !ok {
			pages = pdfPages(r.bytes(t, s.Path))
			pdfs[s.Path] = pages
		}
		if s.Page > len(pages) || !strings.Contains(pages[s.Page-1], s.Value) {
			t.Fatalf("%s page %d of %d does not contain %q", s.Path, s.Page, len(pages), s.Value)
		}
	case s.Paragraph != nil:
		paras, ok := docs[s.Path]
		if !ok {
			paras = docxParagraphs(t, r.bytes(t, s.Path))
			docs[s.Path] = paras
		}
		if *s.Paragraph >= len(paras) || !strings.Contains(paras[*s.Paragraph], s.Value) {
			t.Fatalf("%s paragraph %d does not contain %q", s.Path, *s.Paragraph, s.Value)
		}
	default:
		t.Fatalf("span without location: %+v", s)
	}
}

func TestGenerateTruthReadsBack(t *testing.T) {
	const n = 300
	dir := generate(t, n, 42)
	r := &resolver{dir: dir, cache: map[string][]byte{}}
	xl, pdfs, docs := map[string]*excelize.File{}, map[string][]string{}, map[string][]string{}

	people := map[string]Person{}
	readJSONL(t, filepath.Join(dir, "truth/people.jsonl"), func(p Person) { people[p.ID] = p })
	if len(people) != n {
		t.Fatalf("%d people, want %d", len(people), n)
	}
	checkPeople(t, people)

	// the exported types read the truth lines
	readJSONL(t, filepath.Join(dir, "truth/occurrences.jsonl"), func(o Occurrence) {
		if o.Person == "" || o.Value == "" || (o.Start == nil && o.Cell == "" && o.Page == 0 && o.Paragraph == nil) {
			t.Fatalf("occurrence %+v", o)
		}
	})
	readJSONL(t, filepath.Join(dir, "truth/decoys.jsonl"), func(d Decoy) {
		if d.Kind == "" || d.LooksLike == "" || d.Value == "" {
			t.Fatalf("decoy %+v", d)
		}
	})

	perPerson := map[string]int{}
	perPersonFiles := map[string]map[string]bool{}
	types := map[string]int{}
	files := map[string]bool{}
	nOcc := readJSONL(t, filepath.Join(dir, "truth/occurrences.jsonl"), func(s span) {
		r.checkSpan(t, s, xl, pdfs, docs)
		if _, ok := people[s.Person]; !ok {
			t.Fatalf("occurrence of unknown person %q", s.Person)
		}
		if !breachkit.Element(s.Type).Valid() {
			t.Fatalf("invalid type %q", s.Type)
		}
		if s.Record == "" || !strings.HasPrefix(s.Record, s.Path) {
			t.Fatalf("bad record %q for %s", s.Record, s.Path)
		}
		perPerson[s.Person]++
		top := strings.Split(s.Path, "!/")[0]
		if perPersonFiles[s.Person] == nil {
			perPersonFiles[s.Person] = map[string]bool{}
		}
		perPersonFiles[s.Person][top] = true
		types[s.Type]++
		files[s.Path] = true
	})
	for id := range people {
		if perPerson[id] < 2 {
			t.Errorf("%s occurs %d times", id, perPerson[id])
		}
		if len(perPersonFiles[id]) < 2 {
			t.Errorf("%s appears in %d files", id, len(perPersonFiles[id]))
		}
	}
	for _, e := range []string{tSSN, tITIN, tDOB, tEmail, tPhone, tAddr, tName, tBank, tRout, tCard, tDL, tLoan} {
		if types[e] == 0 {
			t.Errorf("no occurrence of %s", e)
		}
	}
	for _, want := range []string{".csv", ".tsv", ".json", ".ndjson", ".txt", ".log", ".sql", ".xlsx", ".pdf", ".docx",
		".eml!/delinquent_batch_1.csv", ".eml!/statement_2025-06.pdf", "backup.zip!/exports/customers_2019.csv",
		"old_exports.zip!/customers_2016.tsv", "nightly.tar.gz!/var/log/app/app.log"} {
		found := false
		for f := range files {
			if strings.HasSuffix(f, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no occurrence in a file ending %s", want)
		}
	}

	kinds := map[string]int{}
	nDec := readJSONL(t, filepath.Join(dir, "truth/decoys.jsonl"), func(s span) {
		r.checkSpan(t, s, xl, pdfs, docs)
		kinds[s.Kind]++
		switch s.Kind {
		case "invalid-ssn":
			if ValidSSN(s.Value) || ValidITIN(s.Value) {
				t.Errorf("decoy %q passes validation", s.Value)
			}
		case "placeholder-ssn":
			if ValidSSN(s.Value) {
				t.Errorf("decoy %q passes SSN validation", s.Value)
			}
		case "luhn-fail-16":
			if Luhn(s.Value) || len(s.Value) != 16 {
				t.Errorf("decoy %q passes Luhn", s.Value)
			}
		case "invalid-area-phone":
			if ValidNANP(s.Value) {
				t.Errorf("decoy %q is a valid NANP number", s.Value)
			}
		}
	})
	for _, k := range []string{"invalid-ssn", "placeholder-ssn", "luhn-fail-16", "order-number", "invalid-area-phone",
		"due-date", "sha256", "uuid", "zip-in-9-digit-column", "loan-amount", "transaction-date"} {
		if kinds[k] == 0 {
			t.Errorf("no decoy of kind %s", k)
		}
	}

	var m struct {
		Seed        uint64 `json:"seed"`
		People      int    `json:"people"`
		Occurrences int64  `json:"occurrences"`
		Decoys      int64  `json:"decoys"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "truth/manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Seed != 42 || m.People != n || m.Occurrences != int64(nOcc) || m.Decoys != int64(nDec) {
		t.Errorf("manifest %+v, read %d occurrences and %d decoys", m, nOcc, nDec)
	}
	if _, err := os.Stat(filepath.Join(dir, "stolen", "truth")); err == nil {
		t.Error("truth inside stolen")
	}
	t.Logf("%d occurrences, %d decoys, %d files with values", nOcc, nDec, len(files))
}

func checkPeople(t *testing.T, people map[string]Person) {
	seen := map[string]string{}
	uniq := func(kind, v, id string) {
		if v == "" {
			return
		}
		if o, ok := seen[kind+v]; ok {
			t.Errorf("%s %s shared by %s and %s", kind, v, o, id)
		}
		seen[kind+v] = id
	}
	for id, p := range people {
		if p.SSN != "" && !ValidSSN(p.SSN) {
			t.Errorf("%s: invalid SSN %s", id, p.SSN)
		}
		if p.ITIN != "" && !ValidITIN(p.ITIN) {
			t.Errorf("%s: invalid ITIN %s", id, p.ITIN)
		}
		if (p.SSN == "") == (p.ITIN == "") {
			t.Errorf("%s: need exactly one of SSN and ITIN", id)
		}
		dob, err := time.Parse("2006-01-02", p.DOB)
		if err != nil {
			t.Errorf("%s: dob %q", id, p.DOB)
		}
		if age := RefDate.Sub(dob).Hours() / 24 / 365.2425; age < 18 || age > 96 {
			t.Errorf("%s: age %.1f", id, age)
		}
		for _, ph := range p.Phones {
			if !ValidNANP(ph) {
				t.Errorf("%s: invalid phone %s", id, ph)
			}
			uniq("phone", ph, id)
		}
		for _, e := range p.Emails {
			uniq("email", e, id)
		}
		for _, a := range p.Addresses {
			st, ok := gazetteer.StateForZIP(a.ZIP)
			if !ok || st.Abbr != a.State || st.Code != a.StateCode {
				t.Errorf("%s: ZIP %s is not in %s", id, a.ZIP, a.State)
			}
		}
		if !ValidRouting(p.RoutingNumber) {
			t.Errorf("%s: invalid routing %s", id, p.RoutingNumber)
		}
		if l := len(p.BankAccount); l < 8 || l > 17 {
			t.Errorf("%s: account %s", id, p.BankAccount)
		}
		if !Luhn(p.Card) {
			t.Errorf("%s: card %s fails Luhn", id, p.Card)
		}
		if !regexp.MustCompile(`^LN-\d{10}$`).MatchString(p.LoanNumber) {
			t.Errorf("%s: loan %s", id, p.LoanNumber)
		}
		uniq("ssn", p.SSN+p.ITIN, id)
		uniq("acct", p.BankAccount, id)
		uniq("card", p.Card, id)
		uniq("dl", p.DriversLicense, id)
		uniq("loan", p.LoanNumber, id)
	}
}

func TestPersonAtIsStable(t *testing.T) {
	a, b := PersonAt(9, 12345), PersonAt(9, 12345)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Fatal("PersonAt differs between calls")
	}
	if c, _ := json.Marshal(PersonAt(10, 12345)); bytes.Equal(ja, c) {
		t.Fatal("seed does not change the person")
	}
	// the states, DC and PR all occur
	states := map[string]bool{}
	for i := 0; i < 20000; i++ {
		states[PersonAt(1, i).Addresses[0].State] = true
	}
	if len(states) != 52 {
		t.Errorf("%d states", len(states))
	}
}

func TestValidators(t *testing.T) {
	for _, s := range []string{"078-05-1120", "219-09-9999", "123-45-6789", "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000"} {
		if ValidSSN(s) {
			t.Errorf("ValidSSN(%s)", s)
		}
	}
	if !ValidSSN("536-22-1234") || !ValidITIN("912-70-1234") || ValidITIN("912-69-1234") {
		t.Error("validators")
	}
	if !ValidRouting("021000021") || ValidRouting("021000022") || ValidRouting("500000001") {
		t.Error("routing")
	}
	if !Luhn("4111111111111111") || Luhn("4111111111111112") {
		t.Error("luhn")
	}
	if !ValidNANP("(512) 734-1234") || ValidNANP("(123) 734-1234") || ValidNANP("212-555-0123") || ValidNANP("911-734-1234") {
		t.Error("nanp")
	}
}

func hashTree(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if fi.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		h := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = hex.EncodeToString(h[:])
		return nil
	})
	return out
}

func TestDeterminism(t *testing.T) {
	a := hashTree(t, generate(t, 150, 7))
	b := hashTree(t, generate(t, 150, 7))
	c := hashTree(t, generate(t, 150, 8))
	if len(a) != len(b) {
		t.Fatalf("%d vs %d files", len(a), len(b))
	}
	var names []string
	for k := range a {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if a[k] != b[k] {
			t.Errorf("%s differs between runs with the same seed", k)
		}
	}
	same := 0
	for k, h := range a {
		if c[k] == h {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d files identical for different seeds", same)
	}
}

func TestRefusesNonEmptyOutput(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "stolen"), 0o755)
	os.WriteFile(filepath.Join(dir, "stolen", "x"), []byte("x"), 0o644)
	_, err := Generate(context.Background(), Options{Out: dir, People: 5, Seed: 1})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "stolen")) {
		t.Fatalf("err = %v", err)
	}
	st, err := Generate(context.Background(), Options{Out: dir, People: 5, Seed: 1, Force: true})
	if err != nil || st.Files == 0 {
		t.Fatalf("forced: %v %+v", err, st)
	}
	if _, err := os.Stat(filepath.Join(dir, "stolen", "x")); err == nil {
		t.Error("old file survived Force")
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Options{Out: t.TempDir(), People: 5000, Seed: 1}); err == nil {
		t.Fatal("no error after cancel")
	}
}

// BenchmarkGenerate writes 5,000 people per op; it reports the bytes
// written and the peak live heap seen during generation.
func BenchmarkGenerate(b *testing.B) {
	const n = 5000
	var written int64
	var peak uint64
	var ms runtime.MemStats
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		st, err := Generate(context.Background(), Options{Out: dir, People: n, Seed: uint64(i), Progress: func(done, total int) {
			if done%(8*progressPeriod) == 0 || done == total {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}})
		if err != nil {
			b.Fatal(err)
		}
		written += st.Bytes
		os.RemoveAll(dir)
	}
	b.ReportMetric(float64(written)/float64(b.N)/1e6, "MB-stolen/op")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(n), "people/op")
	_ = fmt.Sprint
}

// TestGenerateToDir is a manual entry point used by bench/gen.sh while no
// command is wired: BREACHKIT_GEN_OUT=DIR BREACHKIT_GEN_PEOPLE=N go test
// ./gen -run TestGenerateToDir. It is skipped otherwise.
func TestGenerateToDir(t *testing.T) {
	out := os.Getenv("BREACHKIT_GEN_OUT")
	if out == "" {
		t.Skip("BREACHKIT_GEN_OUT not set")
	}
	var n int
	fmt.Sscan(os.Getenv("BREACHKIT_GEN_PEOPLE"), &n)
	if n == 0 {
		n = 1000
	}
	start := time.Now()
	st, err := Generate(context.Background(), Options{Out: out, People: n, Seed: 1, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("people=%d files=%d stolen_bytes=%d occurrences=%d decoys=%d elapsed=%s\n",
		n, st.Files, st.Bytes, st.Occurrences, st.Decoys, time.Since(start).Round(time.Millisecond))
}
