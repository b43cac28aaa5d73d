package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// csvCol is one column of a delimited export: header text and the kind
// of value it holds.
type csvCol struct{ head, kind string }

// csvStyle is one export layout.
type csvStyle struct {
	delim     byte
	quoteAll  bool
	caseStyle int // -1 random per row, 1 upper
	dateStyle int // -1 random per row
	taxStyle  int // -1 random per row
	oldAddr   bool
	cols      []csvCol
}

func cols(spec string) []csvCol {
	var out []csvCol
	for _, f := range strings.Split(spec, "|") {
		h, k, _ := strings.Cut(f, "=")
		out = append(out, csvCol{h, k})
	}
	return out
}

var (
	styleCustomersA = csvStyle{delim: ',', quoteAll: true, caseStyle: -1, dateStyle: dISO, taxStyle: 0,
		cols: cols("Customer ID=id|First Name=given|Middle Name=middle|Last Name=surname|Date of Birth=dob|SSN=tax|Email=email|Phone=phone|Fax=fax|Address=line1|City=city|State=state|ZIP=zip|Loan Number=loan|Next Due Date=due|Order Number=order|Comments=comment")}
	styleCustomersB = csvStyle{delim: ',', caseStyle: -1, dateStyle: dUS, taxStyle: -1,
		cols: cols("customer_id=id|fname=given|mname=middle|lname=surname|birth_date=dob|social_security_number=tax|email_address=email|phone_number=phone|street=line1|city=city|st=state|zip=zip|loan_no=loan|due_dt=due|order_no=order|memo=comment")}
	styleCustomersC = csvStyle{delim: ',', caseStyle: -1, dateStyle: -1, taxStyle: -1,
		cols: cols("ID=id|Borrower Name=fullname|DOB=dob|TaxID=tax|E-mail=email|Mobile=phone|Property Address=fulladdr|Loan #=loan|Payment Due=due|Notes=comment")}
	styleLegacy = csvStyle{delim: '\t', caseStyle: 1, dateStyle: dUS, taxStyle: 1, oldAddr: true,
		cols: cols("CUST_NO=id|LAST_NAME=surname|FIRST_NAME=given|MI=mi|DOB=dob|SSN=tax|HOME_PHONE=phone|ADDR1=line1|CITY=city|ST=state|ZIP=zip|DL_NUM=dl|DL_ST=dlstate|LOAN_NO=loan")}
	styleTransfer = csvStyle{delim: ';', caseStyle: 0, dateStyle: dISO, taxStyle: -1,
		cols: cols("loan_number=loan|borrower_last=surname|borrower_first=given|dob=dob|tax_id=tax|email=email|street=line1|city=city|state=state|zip=zip9|principal_cents=amount|bank_account=bank|routing_number=routing")}
	styleOld2019 = csvStyle{delim: ',', caseStyle: -1, dateStyle: dUS2, taxStyle: 0, oldAddr: true,
		cols: cols("Customer ID=id|First Name=given|Last Name=surname|DOB=dob|SSN=tax|Address=line1|City=city|State=state|ZIP=zip|Phone=phone")}
	styleOld2016 = csvStyle{delim: '\t', caseStyle: 1, dateStyle: dShort, taxStyle: 2, oldAddr: true,
		cols: cols("ACCT=loan|NAME=fullname|BIRTHDT=dob|SSN=tax|ADDRESS=fulladdr|PHONE=phone")}
	styleMarketing = csvStyle{delim: ',', caseStyle: 2, dateStyle: dISO, taxStyle: 0,
		cols: cols("email=email|first_name=given|last_name=surname|zip=zip|opt_in=optin")}
	styleDelinquent = csvStyle{delim: ',', caseStyle: 0, dateStyle: dUS, taxStyle: 0,
		cols: cols("Loan=loan|Borrower=fullname|Phone=phone|Last 4 SSN=last4|Amount Past Due=pastdue|Due Date=due")}
)

func (st csvStyle) header(s *textSink) {
	var cells [][]seg
	for _, c := range st.cols {
		cells = append(cells, lcell(c.head))
	}
	s.row(st.delim, st.quoteAll, cells)
}

// csvRecord writes one person as a row in layout st.
func (g *generator) csvRecord(s *textSink, st csvStyle, p *Person, r *rand.Rand) {
	addr := p.Addresses[0]
	if st.oldAddr && len(p.Addresses) > 1 {
		addr = p.Addresses[1]
	}
	nv := viewName(r, p, st.caseStyle)
	ds := st.dateStyle
	if ds < 0 {
		ds = r.IntN(nDateStyles)
	}
	ts := st.taxStyle
	if ts < 0 {
		ts = randTaxStyle(r)
	}
	ps := r.IntN(6)
	cells := make([][]seg, 0, len(st.cols))
	for _, c := range st.cols {
		var cell []seg
		switch c.kind {
		case "id":
			cell = lcell(fmt.Sprintf("CUST-%07d", p.idx+1))
		case "given":
			cell = one(tName, "given", nv.given)
		case "middle":
			if nv.middle != "" {
				cell = one(tName, "middle", nv.middle)
			}
		case "mi":
			if nv.middle != "" {
				cell = one(tName, "middle", nv.middle[:1])
			}
		case "surname":
			cell = one(tName, "surname", nv.surname)
		case "fullname":
			full := nv.surname + ", " + nv.given
			if nv.middle != "" {
				full += " " + nv.middle
			}
			if r.IntN(2) == 0 {
				full = nv.full()
			}
			cell = one(tName, "full", full)
		case "dob":
			cell = one(tDOB, "", fmtDate(p.dob, ds))
		case "tax":
			cell = g.taxCell(r, p, ts)
		case "last4":
			cell = lcell("") // masked: not a full value
			if t, _ := p.TaxID(); t != "" {
				cell = lcell("***-**-" + t[7:])
			}
		case "email":
			if r.IntN(100) >= 5 {
				e := p.Emails[r.IntN(len(p.Emails))]
				if st.caseStyle == 1 {
					e = strings.ToUpper(e)
				}
				cell = one(tEmail, "", e)
			}
		case "phone":
			if r.IntN(100) >= 4 {
				cell = one(tPhone, "", fmtPhone(p.Phones[r.IntN(len(p.Phones))], ps))
			}
		case "fax":
			if r.IntN(100) < 15 {
				cell = dcell("invalid-area-phone", tPhone, decoyBadPhone(r))
			}
		case "line1":
			l := addr.Line1()
			if st.caseStyle == 1 {
				l = strings.ToUpper(l)
			}
			cell = one(tAddr, "street", l)
		case "city":
			c := addr.City
			if st.caseStyle == 1 {
				c = strings.ToUpper(c)
			}
			cell = one(tAddr, "city", c)
		case "state":
			cell = one(tAddr, "state", addr.State)
		case "zip":
			cell = one(tAddr, "zip", addr.ZIP)
		case "zip9":
			if r.IntN(100) < 30 {
				z := addr.ZIP + fmt.Sprintf("%04d", 1+r.IntN(9999))
				cell = []seg{{text: z, typ: tAddr, part: "zip", kind: "zip-in-9-digit-column", looks: tSSN}}
			} else {
				cell = one(tAddr, "zip", addr.ZIP)
			}
		case "fulladdr":
			a := addr.Full()
			if st.caseStyle == 1 {
				a = strings.ToUpper(a)
			}
			cell = one(tAddr, "full", a)
		case "loan":
			cell = one(tLoan, "", p.LoanNumber)
		case "due":
			cell = dcell("due-date", tDOB, fmtDate(dueDate(r), ds))
		case "order":
			if r.IntN(100) < 30 {
				cell = dcell("order-number", tBank, digits(r, 12))
			}
		case "amount":
			cell = dcell("loan-amount", tBank, digits(r, 8))
		case "pastdue":
			cell = lcell(fmt.Sprintf("%d.%02d", 100+r.IntN(9000), r.IntN(100)))
		case "bank":
			cell = one(tBank, "", p.BankAccount)
		case "routing":
			cell = one(tRout, "", p.RoutingNumber)
		case "dl":
			cell = one(tDL, "", p.DriversLicense)
		case "dlstate":
			cell = lcell(p.DLState)
		case "optin":
			cell = lcell([]string{"Y", "N"}[r.IntN(2)])
		case "comment":
			cell = g.commentCell(r, p, ds)
		}
		cells = append(cells, cell)
	}
	s.row(st.delim, st.quoteAll, cells)
}

// taxCell is the SSN/ITIN cell; a few rows carry placeholders or
// invalid numbers (decoys) instead, a few are empty.
func (g *generator) taxCell(r *rand.Rand, p *Person, style int) []seg {
	switch n := r.IntN(1000); {
	case n < 4:
		v := []string{"000-00-0000", "999-99-9999"}[r.IntN(2)]
		return dcell("placeholder-ssn", tSSN, fmtTaxID(v, style))
	case n < 7:
		return dcell("invalid-ssn", tSSN, fmtTaxID(decoyInvalidSSN(r), style))
	case n < 25:
		return nil
	}
	v, typ := p.TaxID()
	return one(typ, "", fmtTaxID(v, style))
}

func (g *generator) commentCell(r *rand.Rand, p *Person, ds int) []seg {
	switch r.IntN(20) {
	case 0:
		return lcell("Autopay enrolled")
	case 1:
		return lcell(`Escrow review "priority"`)
	case 2:
		return cellOf(lit("Called "), dv("contact-date", tDOB, fmtDate(txnTime(r), ds)), lit("\nLeft voicemail, will retry"))
	case 3:
		return cellOf(lit("Prefers text to "), pv(tPhone, "", fmtPhone(p.Phones[0], 1)))
	case 4:
		return cellOf(lit("Hardship; ref order "), dv("order-number", tBank, digits(r, 12)))
	}
	return nil
}

// jsonBorrower writes one object of the nested JSON API dump.
func (g *generator) jsonBorrower(s *textSink, first bool, p *Person, r *rand.Rand) {
	if !first {
		s.raw(",\n")
	}
	nv := viewName(r, p, 0)
	ds := []int{dISO, dISO, dUS}[r.IntN(3)]
	s.raw(`    {"id": `)
	s.raw(strconv.Quote(fmt.Sprintf("b_%07d", p.idx+1)))
	s.raw(`, "name": {"first": `)
	s.jstr(pv(tName, "given", nv.given))
	if nv.middle != "" {
		s.raw(`, "middle": `)
		s.jstr(pv(tName, "middle", nv.middle))
	}
	s.raw(`, "last": `)
	s.jstr(pv(tName, "surname", nv.surname))
	s.raw("},\n     \"dob\": ")
	s.jstr(pv(tDOB, "", fmtDate(p.dob, ds)))
	tax, typ := p.TaxID()
	s.raw(`, "taxId": {"type": "` + typ + `", "value": `)
	s.jstr(pv(typ, "", fmtTaxID(tax, r.IntN(2))))
	s.raw("},\n     \"contact\": {\"emails\": [")
	for i, e := range p.Emails {
		if i > 0 {
			s.raw(", ")
		}
		s.jstr(pv(tEmail, "", e))
	}
	s.raw(`], "phones": [`)
	for i, ph := range p.Phones {
		if i > 0 {
			s.raw(", ")
		}
		s.raw(`{"type": "` + []string{"mobile", "home"}[i] + `", "number": `)
		s.jstr(pv(tPhone, "", fmtPhone(ph, r.IntN(6))))
		s.raw("}")
	}
	s.raw("]},\n     \"addresses\": [")
	for i, a := range p.Addresses {
		if i > 0 {
			s.raw(", ")
		}
		s.raw(`{"current": ` + strconv.FormatBool(a.Current) + `, "line1": `)
		s.jstr(pv(tAddr, "street", a.Street))
		if a.Unit != "" {
			s.raw(`, "line2": `)
			s.jstr(pv(tAddr, "unit", a.Unit))
		}
		s.raw(`, "city": `)
		s.jstr(pv(tAddr, "city", a.City))
		s.raw(`, "state": `)
		s.jstr(pv(tAddr, "state", a.State))
		s.raw(`, "postalCode": `)
		s.jstr(pv(tAddr, "zip", a.ZIP))
		s.raw("}")
	}
	s.raw("],\n     \"loans\": [{\"number\": ")
	s.jstr(pv(tLoan, "", p.LoanNumber))
	s.raw(`, "principalCents": `)
	s.seg(dv("loan-amount", tBank, digits(r, 8)))
	s.raw(`, "nextDue": `)
	s.jstr(dv("due-date", tDOB, fmtDate(dueDate(r), dISO)))
	if r.IntN(2) == 0 {
		s.raw(`, "autopay": {"account": `)
		s.jstr(pv(tBank, "", p.BankAccount))
		s.raw(`, "routing": `)
		s.jstr(pv(tRout, "", p.RoutingNumber))
		s.raw("}")
	}
	s.raw("}]}")
}

// ndjsonEvent writes one change event line.
func (g *generator) ndjsonEvent(s *textSink, p *Person, r *rand.Rand) {
	s.raw(`{"event_id":`)
	s.jstr(dv("uuid", tCredLike, decoyUUID(r)))
	s.raw(`,"type":"borrower.contact_updated","ts":"` + txnTime(r).Format("2006-01-02T15:04:05Z") + `","loan":`)
	s.jstr(pv(tLoan, "", p.LoanNumber))
	s.raw(`,"changes":{"email":`)
	s.jstr(pv(tEmail, "", p.Emails[len(p.Emails)-1]))
	s.raw(`,"phone":`)
	s.jstr(pv(tPhone, "", fmtPhone(p.Phones[len(p.Phones)-1], 3)))
	if r.IntN(3) == 0 {
		s.raw(`,"card":`)
		s.jstr(pv(tCard, "", p.Card))
	}
	if r.IntN(4) == 0 {
		s.raw(`,"dob":`)
		s.jstr(pv(tDOB, "", fmtDate(p.dob, dISO)))
	}
	s.raw(`},"payload_sha256":`)
	s.jstr(dv("sha256", tCredLike, decoySHA(r)))
	s.raw("}\n")
}

// tCredLike is what hashes and identifiers are most easily mistaken for.
const tCredLike = "CREDENTIALS"

// note writes one free-text servicing note (a paragraph).
func (g *generator) note(s *textSink, p *Person, r *rand.Rand) {
	nv := viewName(r, p, 0)
	ds := r.IntN(nDateStyles)
	a := p.Addresses[0]
	s.raw(txnTime(r).Format("2006-01-02 15:04") + fmt.Sprintf(" agent #%04d: ", 1000+r.IntN(9000)))
	tax, typ := p.TaxID()
	switch r.IntN(4) {
	case 0:
		s.segs(lit("Spoke with borrower "), pv(tName, "full", nv.full()), lit(" ("+typ+" "),
			pv(typ, "", fmtTaxID(tax, randTaxStyle(r))), lit(", DOB "), pv(tDOB, "", fmtDate(p.dob, ds)),
			lit(") regarding escrow shortage at "), pv(tAddr, "full", a.Full()),
			lit(". Confirmed callback number "), pv(tPhone, "", fmtPhone(p.Phones[0], 1)),
			lit(". Next payment due "), dv("due-date", tDOB, fmtDate(dueDate(r), ds)), lit("."))
	case 1:
		s.segs(lit("Borrower "), pv(tName, "full", nv.full()), lit(" called about loan "), pv(tLoan, "", p.LoanNumber),
			lit(". Verified identity with DOB "), pv(tDOB, "", fmtDate(p.dob, ds)), lit(" and last four of SSN. Requests autopay change to account "),
			pv(tBank, "", p.BankAccount), lit(" routing "), pv(tRout, "", p.RoutingNumber), lit("."))
	case 2:
		s.segs(lit("Returned mail. "), pv(tName, "full", strings.ToUpper(nv.full())), lit(" moved; new address "),
			pv(tAddr, "full", a.Full()), lit(". Email on file "), pv(tEmail, "", p.Emails[0]),
			lit(". Old ticket listed SSN "), dv("invalid-ssn", tSSN, decoyInvalidSSN(r)), lit(" which failed validation."))
	default:
		s.segs(lit("Payment dispute from "), pv(tName, "full", nv.given+" "+nv.surname), lit(", card charged twice. Card "),
			pv(tCard, "", fmtCard(p.Card, r.IntN(2) == 0)), lit(", order "), dv("order-number", tBank, digits(r, 12)),
			lit(", txn date "), dv("transaction-date", tDOB, fmtDate(txnTime(r), ds)), lit(". Driver's license "),
			pv(tDL, "", p.DriversLicense), lit(" ("+p.DLState+") on file."))
	}
	s.raw("\n\n")
}

// logLines writes one to three application log lines about a person plus
// some lines without personal data.
func (g *generator) logLines(s *textSink, p *Person, r *rand.Rand, lineRec func() string) {
	// lines are in time order: the clock advances with the person index
	span := float64(365 * 24 * time.Hour)
	ts := RefDate.AddDate(-1, 0, 0).Add(time.Duration(span * float64(p.idx) / float64(g.n))).Add(time.Duration(r.IntN(1000)) * time.Millisecond)
	stamp := func() string {
		ts = ts.Add(137 * 1e6)
		return ts.Format("2006-01-02T15:04:05.000Z")
	}
	if r.IntN(2) == 0 {
		s.record = lineRec()
		s.segs(lit(stamp()+" INFO  [req="), dv("uuid", tCredLike, decoyUUID(r)), lit("] health check ok build sha256="),
			dv("sha256", tCredLike, decoySHA(r)), lit("\n"))
	}
	s.record = lineRec()
	s.segs(lit(stamp()+" INFO  [req="), dv("uuid", tCredLike, decoyUUID(r)), lit("] PATCH /api/v2/loans/"), pv(tLoan, "", p.LoanNumber),
		lit("/contact 200 email="), pv(tEmail, "", p.Emails[0]), lit(" phone="), pv(tPhone, "", fmtPhone(p.Phones[0], 3)), lit("\n"))
	switch r.IntN(4) {
	case 0:
		tax, _ := p.TaxID()
		_, typ := p.TaxID()
		s.record = lineRec()
		s.segs(lit(stamp()+" WARN  identity check mismatch for "), pv(tName, "full", strings.ToLower(p.Given+" "+p.Surname)),
			lit(" ssn="), pv(typ, "", fmtTaxID(tax, 1)), lit(" dob="), pv(tDOB, "", fmtDate(p.dob, dISO)), lit("\n"))
	case 1:
		s.record = lineRec()
		s.segs(lit(stamp()+" ERROR card tokenization failed pan="), dv("luhn-fail-16", tCard, decoyLuhnFail(r)), lit(" reason=checksum\n"))
	case 2:
		s.record = lineRec()
		s.segs(lit(stamp()+" WARN  ssn validation failed value="), dv("invalid-ssn", tSSN, decoyInvalidSSN(r)), lit("\n"))
	}
}

// sqlRow writes one tuple of the borrower_accounts INSERT statements.
func (g *generator) sqlRow(s *textSink, n int, p *Person, r *rand.Rand) {
	if n%100 == 1 {
		if n > 1 {
			s.raw(";\n")
		}
		s.raw("INSERT INTO `borrower_accounts` (`id`, `loan_number`, `first_name`, `last_name`, `dob`, `ssn`, `email`, `bank_account`, `routing_number`, `card_number`, `legacy_card_ref`, `principal_cents`) VALUES\n")
	} else {
		s.raw(",\n")
	}
	nv := viewName(r, p, 0)
	q := func(x seg) {
		s.raw("'")
		if strings.Contains(x.text, "'") {
			x.text = strings.ReplaceAll(x.text, "'", "''")
		}
		s.seg(x)
		s.raw("'")
	}
	s.raw("(" + strconv.Itoa(p.idx+1) + ", ")
	q(pv(tLoan, "", p.LoanNumber))
	s.raw(", ")
	q(pv(tName, "given", nv.given))
	s.raw(", ")
	q(pv(tName, "surname", nv.surname))
	s.raw(", ")
	q(pv(tDOB, "", fmtDate(p.dob, dISO)))
	s.raw(", ")
	tax, typ := p.TaxID()
	if r.IntN(10) == 0 {
		s.raw("NULL")
	} else {
		q(pv(typ, "", fmtTaxID(tax, 1)))
	}
	s.raw(", ")
	q(pv(tEmail, "", p.Emails[0]))
	s.raw(", ")
	q(pv(tBank, "", p.BankAccount))
	s.raw(", ")
	q(pv(tRout, "", p.RoutingNumber))
	s.raw(", ")
	q(pv(tCard, "", p.Card))
	s.raw(", ")
	if r.IntN(5) == 0 {
		q(dv("luhn-fail-16", tCard, decoyLuhnFail(r)))
	} else {
		s.raw("NULL")
	}
	s.raw(", ")
	s.seg(dv("loan-amount", tBank, digits(r, 8)))
	s.raw(")")
}

const sqlHead = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: db-servicing-01    Database: servicing\n" +
	"-- ------------------------------------------------------\n\nSET NAMES utf8mb4;\n\n" +
	"DROP TABLE IF EXISTS `borrower_accounts`;\nCREATE TABLE `borrower_accounts` (\n" +
	"  `id` int NOT NULL,\n  `loan_number` varchar(16) NOT NULL,\n  `first_name` varchar(64),\n  `last_name` varchar(64),\n" +
	"  `dob` date,\n  `ssn` char(9),\n  `email` varchar(128),\n  `bank_account` varchar(17),\n  `routing_number` char(9),\n" +
	"  `card_number` varchar(19),\n  `legacy_card_ref` varchar(19),\n  `principal_cents` bigint,\n  PRIMARY KEY (`id`)\n" +
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\nLOCK TABLES `borrower_accounts` WRITE;\n"
