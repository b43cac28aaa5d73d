package gen

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
)

// fixedTime stamps archive members and documents so output is
// byte-identical for a seed.
var fixedTime = time.Date(2025, time.June, 28, 2, 0, 0, 0, time.UTC)

const company = "Keystone Harbor Mortgage Servicing"

// ---------------------------------------------------------------- XLSX

const escrowSheet = "Escrow Analysis"

// xlsxBook is one escrow workbook being streamed.
type xlsxBook struct {
	g    *generator
	path string
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
}

func (g *generator) newXLSX(path string) (*xlsxBook, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", escrowSheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(escrowSheet)
	if err != nil {
		return nil, err
	}
	b := &xlsxBook{g: g, path: path, f: f, sw: sw, row: 1}
	head := []any{"Loan Number", "Borrower", "Property Address", "Phone", "Email", "Escrow Balance", "Tax Due", "Insurance Due"}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *xlsxBook) add(p *Person, r *rand.Rand) error {
	b.row++
	rec := b.path + "#row=" + strconv.Itoa(b.row)
	nv := viewName(r, p, 1)
	name := nv.surname + ", " + nv.given
	if nv.middle != "" {
		name += " " + nv.middle
	}
	vals := []seg{
		pv(tLoan, "", p.LoanNumber),
		pv(tName, "full", name),
		pv(tAddr, "full", p.Addresses[0].Full()),
		pv(tPhone, "", fmtPhone(p.Phones[0], r.IntN(6))),
		pv(tEmail, "", p.Emails[0]),
		lit(fmt.Sprintf("%d.%02d", r.IntN(9000), r.IntN(100))),
		dv("due-date", tDOB, fmtDate(dueDate(r), dUS)),
		dv("due-date", tDOB, fmtDate(dueDate(r), dUS)),
	}
	if r.IntN(10) == 0 {
		vals[4] = lit("")
	}
	row := make([]any, len(vals))
	for i, v := range vals {
		row[i] = v.text
		cell, _ := excelize.CoordinatesToCellName(i+1, b.row)
		l := loc{form: 'x', sheet: escrowSheet, cell: cell}
		if v.typ != "" {
			b.g.truth.occurrence(b.path, v.typ, v.part, l, p.ID, rec, v.text)
		}
		if v.kind != "" {
			b.g.truth.decoy(b.path, v.kind, v.looks, l, rec, v.text)
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, b.row)
	return b.sw.SetRow(cell, row)
}

func (b *xlsxBook) close() error {
	defer b.f.Close()
	if err := b.sw.Flush(); err != nil {
		return err
	}
	af, err := createAtomic(filepath.Join(b.g.out, filepath.FromSlash(b.path)))
	if err != nil {
		return err
	}
	n, err := b.f.WriteTo(af.f)
	if err != nil {
		af.Abort()
		return err
	}
	if err := af.Commit(); err != nil {
		return err
	}
	b.g.addFile(b.path, n)
	return nil
}

// ---------------------------------------------------------------- DOCX

// docPara is a paragraph of a DOCX memo and the person it is about.
type docPara struct {
	segs   []seg
	person string
}

// writeDOCX writes a minimal valid WordprocessingML document whose body
// holds one run per paragraph, and records its values by paragraph index.
func (g *generator) writeDOCX(path string, paras []docPara) error {
	var body bytes.Buffer
	body.WriteString(xml.Header)
	body.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i, p := range paras {
		var text strings.Builder
		for _, s := range p.segs {
			text.WriteString(s.text)
		}
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&body, []byte(text.String()))
		body.WriteString(`</w:t></w:r></w:p>`)
		rec := path + "#paragraph=" + strconv.Itoa(i)
		for _, s := range p.segs {
			l := loc{form: 'd', n: i}
			if s.typ != "" {
				g.truth.occurrence(path, s.typ, s.part, l, p.person, rec, s.text)
			}
			if s.kind != "" {
				g.truth.decoy(path, s.kind, s.looks, l, rec, s.text)
			}
		}
	}
	body.WriteString(`<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	files := []struct{ name, data string }{
		{"[Content_Types].xml", xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", body.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(g.out, filepath.FromSlash(path)), buf.Bytes()); err != nil {
		return err
	}
	g.addFile(path, int64(buf.Len()))
	return nil
}

// memoParas builds the memo paragraphs for people.
func memoParas(batch int, people []*Person, rs []*rand.Rand) []docPara {
	r0 := rand.New(rand.NewPCG(uint64(batch), 7))
	paras := []docPara{
		{segs: []seg{lit("MEMORANDUM")}},
		{segs: []seg{lit("To: Loss Mitigation Committee. From: Default Servicing. Re: hardship review batch " + strconv.Itoa(batch) + ".")}},
		{segs: []seg{lit("Decisions are due by "), dv("due-date", tDOB, fmtDate(dueDate(r0), dLong)),
			lit(". The following borrowers requested forbearance; identity was verified against the documents on file.")}},
	}
	for i, p := range people {
		r := rs[i]
		nv := viewName(r, p, 0)
		tax, typ := p.TaxID()
		s := []seg{lit(strconv.Itoa(i+1) + ". "), pv(tName, "full", nv.full()), lit(" (loan "), pv(tLoan, "", p.LoanNumber),
			lit("), born "), pv(tDOB, "", fmtDate(p.dob, dLong)), lit(", " + typ + " "), pv(typ, "", fmtTaxID(tax, 0)),
			lit(", residing at "), pv(tAddr, "full", p.Addresses[0].Full()), lit(". Contact: "),
			pv(tPhone, "", fmtPhone(p.Phones[0], 0)), lit(". ")}
		if r.IntN(2) == 0 {
			s = append(s, lit("Income documents reference account "), pv(tBank, "", p.BankAccount), lit("."))
		} else {
			s = append(s, lit("Hardship letter received "), dv("transaction-date", tDOB, fmtDate(txnTime(r), dLong)), lit("."))
		}
		paras = append(paras, docPara{segs: s, person: p.ID})
	}
	paras = append(paras, docPara{segs: []seg{lit("Please treat this memo as confidential.")}})
	return paras
}

// ---------------------------------------------------------------- PDF

func newPDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.SetCompression(false)
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("breachkit gen", false)
	return pdf
}

// statementPage adds a one-page mortgage statement for p and records its
// values on that page of path.
func (g *generator) statementPage(pdf *fpdf.Fpdf, path string, p *Person, r *rand.Rand) {
	pdf.AddPage()
	page := pdf.PageNo()
	rec := path + "#page=" + strconv.Itoa(page)
	l := loc{form: 'p', n: page}
	pdf.SetFont("Helvetica", "B", 14)
	pdf.Cell(0, 8, company)
	pdf.Ln(10)
	pdf.SetFont("Helvetica", "", 11)
	nv := viewName(r, p, 1)
	a := p.Addresses[0]
	lines := [][]seg{
		{lit("Mortgage Statement")},
		{lit("Statement Date: "), dv("statement-date", tDOB, fmtDate(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), dUS))},
		{lit("Borrower: "), pv(tName, "full", nv.full())},
		{lit("Property Address: "), pv(tAddr, "street", strings.ToUpper(a.Line1()))},
		{lit("                  "), pv(tAddr, "city", strings.ToUpper(a.City)), lit(", "), pv(tAddr, "state", a.State), lit(" "), pv(tAddr, "zip", a.ZIP)},
		{lit("Loan Number: "), pv(tLoan, "", p.LoanNumber)},
		{lit("Payment Due Date: "), dv("due-date", tDOB, fmtDate(dueDate(r), dUS))},
		{lit(fmt.Sprintf("Amount Due: $%d.%02d", 800+r.IntN(4000), r.IntN(100)))},
		{lit("Autopay Account: "), pv(tBank, "", p.BankAccount)},
		{lit("Autopay Routing: "), pv(tRout, "", p.RoutingNumber)},
		{lit("Phone on File: "), pv(tPhone, "", fmtPhone(p.Phones[0], []int{0, 2, 3}[r.IntN(3)]))},
		{lit("Email on File: "), pv(tEmail, "", p.Emails[0])},
	}
	for _, ln := range lines {
		var text strings.Builder
		for _, s := range ln {
			text.WriteString(s.text)
			if s.typ != "" {
				g.truth.occurrence(path, s.typ, s.part, l, p.ID, rec, s.text)
			}
			if s.kind != "" {
				g.truth.decoy(path, s.kind, s.looks, l, rec, s.text)
			}
		}
		pdf.Cell(0, 7, text.String())
		pdf.Ln(7)
	}
}

// pdfDoc is a statements file being filled page by page.
type pdfDoc struct {
	path  string
	pdf   *fpdf.Fpdf
	pages int
}

func (g *generator) closePDF(d *pdfDoc) error {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(g.out, filepath.FromSlash(d.path)), buf.Bytes()); err != nil {
		return err
	}
	g.addFile(d.path, int64(buf.Len()))
	return nil
}

// ---------------------------------------------------------------- EML

// emlBuilder assembles a MIME message in memory, recording values in the
// parts it writes as 7bit text with offsets into the message.
type emlBuilder struct {
	g        *generator
	path     string
	buf      bytes.Buffer
	boundary string
	person   string
	record   string
}

func (e *emlBuilder) raw(s string) { e.buf.WriteString(s) }

func (e *emlBuilder) seg(x seg) {
	start := int64(e.buf.Len())
	e.buf.WriteString(x.text)
	l := loc{form: 't', start: start, end: int64(e.buf.Len())}
	if x.typ != "" {
		e.g.truth.occurrence(e.path, x.typ, x.part, l, e.person, e.record, x.text)
	}
	if x.kind != "" {
		e.g.truth.decoy(e.path, x.kind, x.looks, l, e.record, x.text)
	}
}

func (e *emlBuilder) segs(xs ...seg) {
	for _, x := range xs {
		e.seg(x)
	}
}

func (e *emlBuilder) headers(r *rand.Rand, from, fromAddr string, to []seg, subject string, date time.Time) {
	e.boundary = "=_bk_" + decoySHA(r)[:24]
	e.segs(lit("From: "+from+" <"), dv("role-email", tEmail, fromAddr), lit(">\r\nTo: "))
	e.segs(to...)
	e.raw("\r\nSubject: " + subject + "\r\nDate: " + date.Format(time.RFC1123Z) + "\r\nMessage-ID: <")
	e.seg(dv("message-id", tEmail, decoyUUID(r)+"@keystoneharbor.example"))
	e.raw(">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + e.boundary + "\"\r\n\r\n")
	e.raw("This is a multi-part message in MIME format.\r\n\r\n--" + e.boundary + "\r\n")
	e.raw("Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n")
}

// attach adds a base64 attachment and finishes the message.
func (e *emlBuilder) attach(ctype, name string, data []byte) {
	e.raw("\r\n--" + e.boundary + "\r\n")
	e.raw("Content-Type: " + ctype + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		e.raw(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	e.raw(enc + "\r\n--" + e.boundary + "--\r\n")
}

func (e *emlBuilder) commit() error {
	if err := writeFileAtomic(filepath.Join(e.g.out, filepath.FromSlash(e.path)), e.buf.Bytes()); err != nil {
		return err
	}
	e.g.addFile(e.path, int64(e.buf.Len()))
	return nil
}

// memSink is a textSink over memory, for attachments.
func (g *generator) memSink(path string) (*textSink, *bytes.Buffer) {
	var b bytes.Buffer
	s := &textSink{g: g, path: path, line: 1}
	s.w = bufioWriter(&b)
	return s, &b
}

// writeListMail writes an internal e-mail with a CSV attachment listing
// the people, the first of whom is named in the body.
func (g *generator) writeListMail(k int, people []*Person, rs []*rand.Rand) error {
	path := fmt.Sprintf("stolen/mail/msg_%04d.eml", k)
	r := rand.New(rand.NewPCG(g.seed, mix(uint64(k), strKey("listmail"))))
	e := &emlBuilder{g: g, path: path, record: path}
	date := fixedTime.AddDate(0, 0, -k%60)
	e.headers(r, "Collections Reports", "collections-reports@keystoneharbor.example",
		[]seg{lit("Loss Mitigation <"), dv("role-email", tEmail, "lossmit@keystoneharbor.example"), lit(">")},
		"Delinquency list batch "+strconv.Itoa(k), date)
	p := people[0]
	e.person = p.ID
	e.record = path + "#body"
	nv := viewName(rs[0], p, 0)
	e.segs(lit("Team,\r\n\r\nAttached are "+strconv.Itoa(len(people))+" accounts 30+ days past due. Please prioritise "),
		pv(tName, "full", nv.full()), lit(" (loan "), pv(tLoan, "", p.LoanNumber), lit("), who asked for a call back at "),
		pv(tPhone, "", fmtPhone(p.Phones[0], 0)), lit(".\r\n\r\nThanks,\r\nCollections\r\n"))
	name := fmt.Sprintf("delinquent_batch_%d.csv", k)
	inner := path + "!/" + name
	s, buf := g.memSink(inner)
	styleDelinquent.header(s)
	for i, q := range people {
		s.person, s.record = q.ID, inner+"#row="+strconv.Itoa(i+1)
		g.csvRecord(s, styleDelinquent, q, rs[i])
	}
	s.w.Flush()
	e.attach("text/csv", name, buf.Bytes())
	return e.commit()
}

// writeStatementMail writes an e-mail to the borrower with a PDF
// statement attached.
func (g *generator) writeStatementMail(k int, p *Person, r *rand.Rand) error {
	path := fmt.Sprintf("stolen/mail/msg_%04d.eml", k)
	e := &emlBuilder{g: g, path: path, person: p.ID, record: path + "#headers"}
	nv := viewName(r, p, 0)
	date := fixedTime.AddDate(0, 0, -k%60)
	e.headers(r, "Keystone Harbor Statements", "statements@keystoneharbor.example",
		[]seg{lit(`"`), pv(tName, "full", nv.given+" "+nv.surname), lit(`" <`), pv(tEmail, "", p.Emails[0]), lit(">")},
		"Your mortgage statement is ready", date)
	e.record = path + "#body"
	acct := p.BankAccount
	e.segs(lit("Dear "), pv(tName, "given", nv.given), lit(",\r\n\r\nYour statement for loan "), pv(tLoan, "", p.LoanNumber),
		lit(" is attached. The payment due "), dv("due-date", tDOB, fmtDate(dueDate(r), dUS)),
		lit(" will be drafted from the account ending "+acct[len(acct)-4:]+".\r\n\r\n"+company+"\r\n"))
	name := "statement_2025-06.pdf"
	inner := path + "!/" + name
	pdf := newPDF()
	g.statementPage(pdf, inner, p, r)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return err
	}
	e.attach("application/pdf", name, buf.Bytes())
	return e.commit()
}
