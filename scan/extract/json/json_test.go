package json

import (
	"bufio"
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extracttest"
)

type seg struct {
	field, record string
	start, end    int64
}

func extract(t testing.TB, name string, data []byte) ([]seg, error) {
	var out []seg
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: name, R: bytes.NewReader(data)}, func(s scan.Segment) error {
		st, en := s.Offset, s.Offset+int64(len(s.Text))
		if s.OffsetAt != nil {
			st, en = s.OffsetAt(0), s.OffsetAt(len(s.Text))
		}
		if s.Offset >= 0 || s.OffsetAt != nil {
			if st < 0 || en > int64(len(data)) || st > en {
				t.Fatalf("segment %d-%d outside the file", st, en)
			}
			if s.OffsetAt == nil && !bytes.Equal(data[st:en], s.Text) {
				t.Fatalf("segment at %d-%d is not the file's bytes", st, en)
			}
		}
		out = append(out, seg{s.Field, s.Record, st, en})
		return nil
	})
	return out, err
}

func TestPathsRecordsOffsets(t *testing.T) {
	data := []byte(`{"page":1,"borrowers":[{"name":{"first":"Jane"},"taxId":{"value":"123456780"},"phones":[{"number":"2125550199"}]},` +
		`{"name":{"first":"Jo\u00e9"},"n":42}]}`)
	segs, err := extract(t, "b.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []seg{
		{"page", "b.json#obj=1", -1, -1},
		{"borrowers.name.first", "b.json#obj=2", -1, -1},
		{"borrowers.taxId.value", "b.json#obj=2", -1, -1},
		{"borrowers.phones.number", "b.json#obj=2", -1, -1},
		{"borrowers.name.first", "b.json#obj=3", -1, -1},
		{"borrowers.n", "b.json#obj=3", -1, -1},
	}
	if len(segs) != len(want) {
		t.Fatalf("got %d segments, want %d: %+v", len(segs), len(want), segs)
	}
	for i := range want {
		if segs[i].field != want[i].field || segs[i].record != want[i].record {
			t.Errorf("segment %d: %+v, want %+v", i, segs[i], want[i])
		}
	}
	if string(data[segs[2].start:segs[2].end]) != "123456780" {
		t.Errorf("taxId offsets %d-%d wrong", segs[2].start, segs[2].end)
	}
	// The escaped string maps back over its escape.
	if string(data[segs[4].start:segs[4].end]) != `Jo\u00e9` {
		t.Errorf("escaped offsets %d-%d wrong", segs[4].start, segs[4].end)
	}
}

func TestNDJSON(t *testing.T) {
	segs, err := extract(t, "e.ndjson", []byte("{\"email\":\"a@b.co\"}\n{\"email\":\"c@d.co\"}\n"))
	if err != nil || len(segs) != 2 || segs[1].record != "e.ndjson#obj=2" || segs[1].field != "email" {
		t.Fatalf("NDJSON: %+v, %v", segs, err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(`{"a":[{"b":"c\"d"}],"e":1.5e3}`))
	f.Add([]byte("{\"x\":1}\n{\"y\":\"\\u00e9\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		extract(t, "f.json", data)
	})
}

// TestTruncated checks that a document cut short (a partial download or
// dump) gives the values read before the cut and an error that says so,
// so the source is recorded as partial, not done.
func TestTruncated(t *testing.T) {
	for _, doc := range []string{`{"ssn":"123-45-6780","name":"Ann`, `[{"ssn":"123-45-6780"},{"a":`, "{\"ssn\":\"123-45-6780\"}\n{\"b\":"} {
		segs, err := extract(t, "cut.json", []byte(doc))
		if err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("%q: err = %v, want one that says truncated", doc, err)
		}
		if len(segs) == 0 || segs[0].field != "ssn" {
			t.Errorf("%q: the values before the cut were not emitted: %+v", doc, segs)
		}
	}
	if _, err := extract(t, "ok.json", []byte("{\"a\":1}\n{\"b\":2}\n")); err != nil {
		t.Errorf("complete NDJSON: %v", err)
	}
}

// TestTableOfArrays reads an array of arrays whose first row names the
// columns (as spreadsheet APIs return a sheet): the values of later
// rows are named by their column and recorded by their row; an array of
// numbers is no table; a table cut short keeps its first row.
func TestTableOfArrays(t *testing.T) {
	data := []byte(`{"range":"A1:C3","values":[["Name","SSN",""],["Ana Souza","383-41-8663",null,"x"],["Jo Li",512447081]]}`)
	got, err := extract(t, "s.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []seg{
		{"range", "s.json#obj=1", 10, 15},
		{"values", "s.json#obj=1!row=1", 29, 33}, {"values", "s.json#obj=1!row=1", 36, 39},
		{"values.Name", "s.json#obj=1!row=2", 47, 56}, {"values.SSN", "s.json#obj=1!row=2", 59, 70}, {"values", "s.json#obj=1!row=2", 78, 79},
		{"values.Name", "s.json#obj=1!row=3", 84, 89}, {"values.SSN", "s.json#obj=1!row=3", 91, 100},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}
	got, _ = extract(t, "p.json", []byte(`{"points":[[1,2],[3,4]]}`))
	for _, s := range got {
		if s.field != "points" {
			t.Errorf("numbers named %q", s.field)
		}
	}
	got, err = extract(t, "c.json", []byte(`[["Name","SSN"],["Ana Souza","383-4`))
	if err == nil || len(got) != 3 || got[2].field != "Name" {
		t.Errorf("cut table: %v, %+v", err, got)
	}
	if !(Extractor{}).Accepts("x", []byte(`[["Name","SSN"],`)) || (Extractor{}).Accepts("x", []byte(`[[1,2]]`)) {
		t.Error("Accepts")
	}
}

// TestSplitOrient reads a table whose column names are listed beside its
// rows, as pandas writes orient="split" and many APIs answer
// ({"columns": [...], "data": [[...], ...]}): every row, the first too,
// is data named by its column; a "columns" list of anything but names
// names nothing.
func TestSplitOrient(t *testing.T) {
	data := []byte(`{"columns":["name","ssn"],"index":[0,1],"data":[["Ana Souza","383-41-8663"],["Jo Li","512-44-7081"]]}`)
	got, err := extract(t, "s.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, s := range got {
		if strings.HasPrefix(s.field, "data") {
			fields = append(fields, s.field+" "+s.record[len("s.json#obj=1"):])
		}
	}
	want := []string{"data.name !row=1", "data.ssn !row=1", "data.name !row=2", "data.ssn !row=2"}
	if !slices.Equal(fields, want) {
		t.Errorf("got %q, want %q", fields, want)
	}
	got, _ = extract(t, "n.json", []byte(`{"columns":[["a"],["b"]],"data":[["Ana Souza","383-41-8663"],["Jo Li","512-44-7081"]]}`))
	for _, s := range got {
		if s.field == "data.a" || s.field == "data.b" {
			t.Errorf("nested columns named %q", s.field)
		}
	}
}

// TestLabelValue reads answers exported as label-value pairs: each value
// is named by its label, whether the label comes first or after it, and
// a document cut inside a pair keeps its value.
// checkFields extracts data and checks the field each value is named by.
func checkFields(t *testing.T, data []byte, want map[string]string) {
	t.Helper()
	got, err := extract(t, "f.json", data)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, s := range got {
		fields[string(data[s.start:s.end])] = s.field
	}
	for v, w := range want {
		if fields[v] != w {
			t.Errorf("%q named %q, want %q", v, fields[v], w)
		}
	}
}

func TestLabelValue(t *testing.T) {
	data := []byte(`{"answers":[{"field":"Date of birth","value":"04/07/1961"},{"value":"531442290","label":"SSN"},{"key":"note","value":7}]}`)
	checkFields(t, data, map[string]string{"04/07/1961": "Date of birth", "531442290": "SSN", "7": "note", "Date of birth": "answers.field"})
	got, err := extract(t, "c.json", []byte(`{"answers":[{"value":"531442290","lab`))
	if err == nil || len(got) != 1 || got[0].field != "answers.value" {
		t.Errorf("cut pair: %v, %+v", err, got)
	}
}

// TestDocumentType checks an identity document written as its type and
// number: the type names the number; another type (an address's) names
// nothing, and a number before the type keeps its path.
func TestDocumentType(t *testing.T) {
	data := []byte(`{"kyc":{"idDocument":{"type":"drivers_license","number":"049231187","state":"GA"},"ids":[{"idType":"Passport","value":"A03918274"}],` +
		`"address":{"type":"billing","number":"12"},"late":{"number":"77112","type":"ssn"}}}`)
	checkFields(t, data, map[string]string{"049231187": "Driver's License Number", "A03918274": "Passport Number", "GA": "kyc.idDocument.state",
		"12": "kyc.address.number", "77112": "kyc.late.number"})
}

// TestSplitOrientData checks that a "columns" list of people, not names,
// names nothing: its entries would become Fields, and so reasons.
func TestSplitOrientData(t *testing.T) {
	got, err := extract(t, "d.json", []byte(`{"columns":["Ana Souza","Jo Li"],"data":[["383-41-8663","512-44-7081"],["x","y"]]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if strings.Contains(s.field, "Souza") || strings.Contains(s.field, "Jo Li") {
			t.Errorf("a person named a column: %q", s.field)
		}
	}
}

// TestMongoDates reads MongoDB Extended JSON as mongoexport writes it: a
// typed value's wrapper ($date, $numberLong, $oid) is not part of the
// field's name, and a date given in milliseconds (every date before 1970
// in relaxed mode, every date in canonical mode) is written out as its
// day, or as an instant when it has a time of day.
func TestMongoDates(t *testing.T) {
	data := `{"_id":{"$oid":"65e1f0a2b3c4d5e6f7a8b9c0"},"dob":{"$date":"1961-07-04T00:00:00.000Z"},"born":{"$date":{"$numberLong":"-189388800000"}},` +
		`"createdAt":{"$date":1709294400123},"n":{"$numberLong":"-189388800000"},"bad":{"$date":{"$numberLong":"99999999999999999"}}}`
	type fv struct{ field, text string }
	var got []fv
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "m.json", R: strings.NewReader(data)}, func(s scan.Segment) error {
		got = append(got, fv{s.Field, string(s.Text)})
		if s.Offset >= 0 && data[s.Offset:s.Offset+int64(len(s.Text))] != string(s.Text) {
			t.Errorf("%q at %d is not the file's bytes", s.Text, s.Offset)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []fv{{"_id", "65e1f0a2b3c4d5e6f7a8b9c0"}, {"dob", "1961-07-04T00:00:00.000Z"}, {"born", "1964-01-01"},
		{"createdAt", "2024-03-01T12:00:00.123Z"}, {"n", "-189388800000"}, {"bad", "99999999999999999"}}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// TestLinesKeepNestedLists reads JSON Lines whose records hold lists of
// objects (a customer's addresses): the list stays in its line's record,
// under any name; a document's first list of objects still makes the
// records of an API export.
func TestLinesKeepNestedLists(t *testing.T) {
	line := `{"name":{"first":"Ana","last":"Souza"},"addresses":[{"line1":"4417 Birchwood Lane","city":"Dayton"}],"dob":"1987-03-14"}`
	for _, name := range []string{"c.jsonl", "c.json", "c.txt"} {
		segs, err := extract(t, name, []byte(line+"\n"+line+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		records := map[string]int{}
		for _, s := range segs {
			records[s.record]++
		}
		if len(records) != 2 || records[name+"#obj=1"] != 5 || records[name+"#obj=2"] != 5 {
			t.Errorf("%s: records %v, want two of five values", name, records)
		}
	}
	segs, err := extract(t, "export.json", []byte(`{"object":"list","data":[{"name":"Ana Souza","addresses":[{"city":"Dayton"}]},{"name":"Dana Whitfield"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range segs {
		got = append(got, s.field+"@"+strings.TrimPrefix(s.record, "export.json#"))
	}
	want := []string{"object@obj=1", "data.name@obj=2", "data.addresses.city@obj=2", "data.name@obj=3"}
	if !slices.Equal(got, want) {
		t.Errorf("API export: %q, want %q", got, want)
	}
}

// TestMapOfRecords reads an object keyed by ids (a Firebase export) as
// one record per member, and a record whose members are objects named
// as fields as one record.
func TestMapOfRecords(t *testing.T) {
	tests := []struct {
		name, doc string
		records   int
	}{
		{"firebase", `{"users":{"-Nx8a1bQ":{"name":"Ana Souza","ssn":"383-41-8663"},"-Nx8b2cR":{"name":"Dana Whitfield","ssn":"512-44-7081"}}}`, 2},
		{"numbered", `{"1":{"name":"Ana Souza"},"2":{"name":"Dana Whitfield"},"3":{"name":"Renee Dubois"}}`, 3},
		{"e-mail keys", `{"ana.souza@example.com":{"ssn":"383-41-8663"},"dana@example.org":{"ssn":"512-44-7081"}}`, 2},
		{"one person", `{"name":{"first":"Ana","last":"Souza"},"address1":{"street":"4417 Birchwood Lane"},"address2":{"street":"12 Oak St"},"ssn":"383-41-8663"}`, 1},
		{"ids after a scalar", `{"count":2,"a1b2c3":{"name":"Ana Souza"},"d4e5f6":{"name":"Dana Whitfield"}}`, 1},
	}
	for _, tt := range tests {
		segs, err := extract(t, "d.json", []byte(tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		records := map[string]bool{}
		for _, s := range segs {
			if s.field != "count" {
				records[s.record] = true
			}
		}
		if len(records) != tt.records {
			t.Errorf("%s: records %v, want %d", tt.name, records, tt.records)
		}
	}
}

// TestFHIR names FHIR identifiers by their system or type code, and
// contact points by their system.
func TestFHIR(t *testing.T) {
	doc := `{"resourceType":"Patient","identifier":[` +
		`{"system":"http://hl7.org/fhir/sid/us-ssn","value":"383418663"},` +
		`{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:oid:1.2.36.146.595.217.0.1","value":"MRN12345678"},` +
		`{"value":"1EG4TE5MK73","system":"urn:oid:2.16.840.1.113883.4.927"},` +
		`{"system":"urn:oid:2.16.840.1.113883.4.3.39","value":"S12345678"}],` +
		`"telecom":[{"system":"phone","value":"(415) 867-5309"},{"system":"url","value":"https://example.com"}]}`
	segs, err := extract(t, "p.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range segs {
		got[doc[s.start:s.end]] = s.field
	}
	for v, want := range map[string]string{"383418663": "ssn", "MRN12345678": "medical record number", "1EG4TE5MK73": "medicare",
		"S12345678": "drivers license", "(415) 867-5309": "phone", "https://example.com": "telecom.value"} {
		if got[v] != want {
			t.Errorf("%s: field %q, want %q", v, got[v], want)
		}
	}
}

// TestFHIRBundle checks that a Bundle's resources about a patient take
// the Patient entry's record (by fullUrl or Patient/id, the reference
// after the codes), that codings are named by their system, and that a
// resource about no known patient keeps its own record.
func TestFHIRBundle(t *testing.T) {
	doc := `{"resourceType":"Bundle","type":"collection","entry":[` +
		`{"fullUrl":"urn:uuid:a1","resource":{"resourceType":"Patient","id":"a1","name":[{"family":"Gonzalez","given":["Maria"]}]}},` +
		`{"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Condition","id":"c1","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"E11.9","display":"Type 2 diabetes"}]},"subject":{"reference":"urn:uuid:a1"}}},` +
		`{"resource":{"resourceType":"MedicationRequest","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975","display":"Metformin 500 MG"}]},"subject":{"reference":"Patient/a1"}}},` +
		`{"resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Diabetes"}]},"subject":{"reference":"urn:uuid:zz"}}}]}`
	segs, err := extract(t, "b.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	type fr struct{ field, record string }
	got := map[string]fr{}
	for _, s := range segs {
		if s.start >= 0 {
			got[doc[s.start:s.end]] = fr{s.field, s.record}
		}
	}
	for v, want := range map[string]fr{
		"Gonzalez":         {"entry.resource.name.family", "b.json#obj=2"},
		"E11.9":            {"diagnosis code", "b.json#obj=2"},
		"Type 2 diabetes":  {"diagnosis", "b.json#obj=2"},
		"Metformin 500 MG": {"medication", "b.json#obj=2"},
		"860975":           {"medication", "b.json#obj=2"},
		"44054006":         {"entry.resource.code.coding.code", "b.json#obj=5"},
		"Diabetes":         {"diagnosis", "b.json#obj=5"},
	} {
		if got[v] != want {
			t.Errorf("%s: %+v, want %+v", v, got[v], want)
		}
	}
}

// TestByteOrderMark reads JSON written with a UTF-8 byte order mark
// (offsets still the file's) and UTF-16 JSON as PowerShell's Out-File
// writes it (values found, without offsets).
func TestByteOrderMark(t *testing.T) {
	doc := `{"name":"Dana Whitfield","ssn":"412-65-7733"}`
	bom := append([]byte{0xEF, 0xBB, 0xBF}, doc...)
	segs, err := extract(t, "b.json", bom)
	if err != nil || len(segs) != 2 || string(bom[segs[1].start:segs[1].end]) != "412-65-7733" {
		t.Errorf("UTF-8 with a mark: %+v, %v", segs, err)
	}
	u16 := []byte{0xFF, 0xFE}
	for _, c := range doc {
		u16 = append(u16, byte(c), 0)
	}
	var texts []string
	err = Extractor{}.Extract(context.Background(), &scan.Input{Path: "u.json", R: bytes.NewReader(u16)}, func(s scan.Segment) error {
		texts = append(texts, string(s.Text))
		if s.Offset >= 0 || s.OffsetAt != nil {
			t.Errorf("%q has an offset into the decoded text", s.Text)
		}
		return nil
	})
	if err != nil || !slices.Equal(texts, []string{"Dana Whitfield", "412-65-7733"}) {
		t.Errorf("UTF-16: %q, %v", texts, err)
	}
}

// TestNonFinite reads JSON with Python's NaN and Infinity: the values
// after them are not lost, a string "NaN" is left alone, and offsets
// hold; a replacement cut by the end of a read is finished in the next.
func TestNonFinite(t *testing.T) {
	doc := `[{"a":NaN,"ssn":"412-65-7733","w":"NaN"},{"b":-Infinity,"c":Infinity,"ssn":"523-71-0098"}]`
	segs, err := extract(t, "n.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range segs {
		texts = append(texts, doc[s.start:s.end])
	}
	if !slices.Contains(texts, "523-71-0098") || !slices.Contains(texts, "NaN") {
		t.Errorf("values %q", texts)
	}
	want := `[{"a":0.0,"ssn":"412-65-7733","w":"NaN"},{"b":-0.000000,"c":0.000000,"ssn":"523-71-0098"}]`
	for size := 1; size <= 12; size++ {
		l := &lenient{r: bufio.NewReaderSize(strings.NewReader(doc), 16)}
		var out []byte
		p := make([]byte, size)
		for {
			n, err := l.Read(p)
			out = append(out, p[:n]...)
			if err != nil {
				break
			}
		}
		if string(out) != want {
			t.Errorf("reads of %d: %s", size, out)
		}
	}
}

// TestRecordKeys checks that a record's values carry the key paths of
// their record as Columns, the keys after a value too, and that the
// records of a JSON Lines file are kept apart.
func TestRecordKeys(t *testing.T) {
	data := `{"name":"Ngozi Okonkwo","email":"n.okonkwo@example.org"}` + "\n" + `{"memberId":"XWB100234567","shareBalance":"10.00"}` + "\n"
	segs, _ := extracttest.Extract(t, Extractor{}, "m.ndjson", data)
	var got []string
	for _, s := range segs {
		got = append(got, s.Field+"="+strings.Join(s.Columns, ","))
	}
	want := []string{"name=name,email", "email=name,email", "memberId=memberId,shareBalance", "shareBalance=memberId,shareBalance"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
