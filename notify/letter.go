package notify

import (
	_ "embed"
	"errors"
	"fmt"
	"github.com/breachkit/breachkit/people"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
)

//go:embed default.tmpl
var defaultTemplate string

// defaultTitle is the letter title where no law prescribes one; it is
// California's prescribed title, which most letters use.
const defaultTitle = "Notice of Data Breach"

// Recipient is whom a letter is addressed to.
type Recipient struct {
	Name    string
	Address []string // postal lines below the name
	// Child is the name of the minor the letter is about when it is
	// addressed to their parent or guardian, else "".
	Child string
}

// letterData is what a template sees.
type letterData struct {
	Salutation   string
	Child        string // the minor the letter is about, addressed to a parent; "" for an adult
	Org          Organisation
	Incident     Incident
	Discovered   string
	BreachDates  string
	Elements     []string // plain-English names of what was exposed
	Jurisdiction string
	Offer        *offer
	CRAs         []Contact
	FTC          *Contact
	AG           *Contact
	Facts        []Fact
	// LawEnforcementDelay is "yes", "no" or "" (not stated).
	LawEnforcementDelay string
	// Flags that switch on statements some laws ask for.
	RightToInformation, PoliceReport, LikelyConsequences bool
}

type offer struct {
	Provider    string
	Minors      bool // the minors' product (monitoring.minors)
	Months      int
	Code        string
	EnrollURL   string
	EnrollPhone string
	EnrollBy    string
}

// Composer composes letters: one template per jurisdiction (the user's
// override or the built-in one) and the law's requirements.
type Composer struct {
	cfg        *Config
	rules      *duties.Rules
	contacts   *Contacts
	discovered duties.Date
	letterDate string
	letterDay  uint32 // the letter's date as YYYYMMDD, for a recipient's age
	specs      map[string]*duties.LetterSpec
	specErrs   map[string]error
	tmpls      map[string]*template.Template
	mu         sync.Mutex // guards the caches: specs, specErrs, tmpls
}

// NewComposer returns a composer for a case discovered on the given day.
func NewComposer(cfg *Config, rules *duties.Rules, discovered time.Time, now time.Time) (*Composer, error) {
	builtin, err := BuiltinContacts()
	if err != nil {
		return nil, err
	}
	c := &Composer{cfg: cfg, rules: rules, contacts: builtin.merge(cfg.Contacts),
		discovered: duties.Date{Time: discovered}, specs: map[string]*duties.LetterSpec{},
		specErrs: map[string]error{}, tmpls: map[string]*template.Template{}}
	c.letterDate = cfg.Incident.LetterDate.String()
	day := cfg.Incident.LetterDate.Time
	if c.letterDate == "" {
		c.letterDate, day = Day{now}.String(), now
	}
	c.letterDay = uint32(day.Year()*10000 + int(day.Month())*100 + day.Day())
	return c, nil
}

// AddressedName is the name a person's letter and email are addressed
// to, and the child's name when that is not the person: a minor's letter
// (under eighteen on the letter's date, by the birth date their records
// give) goes to their parent or guardian, and speaks of the child.
func (c *Composer) AddressedName(prof people.Profile) (name, child string) {
	name = prof.FullName()
	if name != "" && prof.Minor(c.letterDay) {
		return "Parent or Guardian of " + name, name
	}
	return name, ""
}

// Spec returns the letter requirements for a jurisdiction, or nil when
// no rule file governs it (a country or "unknown": the plain letter).
func (c *Composer) Spec(jurisdiction string) *duties.LetterSpec {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.specs[jurisdiction]; ok {
		return s
	}
	s, err := duties.LetterRequirements(c.rules, jurisdiction, c.discovered)
	if err != nil {
		s = nil
		c.specErrs[jurisdiction] = err
	}
	c.specs[jurisdiction] = s
	return s
}

var tmplName = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

// template returns the template for a jurisdiction: DIR/US-CA.tmpl,
// then DIR/default.tmpl, then the built-in one.
func (c *Composer) template(jurisdiction string) (*template.Template, *itemSet, error) {
	key := "default"
	text := defaultTemplate
	if dir := c.cfg.Templates; dir != "" {
		for _, name := range []string{jurisdiction, "default"} {
			if name != "default" && !tmplName.MatchString(name) {
				continue
			}
			p := filepath.Join(dir, name+".tmpl")
			b, err := os.ReadFile(p)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			key, text = p, string(b)
			break
		}
	}
	items := &itemSet{}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.tmpls[key]; ok {
		return t, items, nil
	}
	t, err := template.New(key).Option("missingkey=error").Funcs(template.FuncMap{
		"item":     func(string) string { return "" },
		"join":     joinWords,
		"tollfree": tollFree,
	}).Parse(text)
	if err != nil {
		return nil, nil, fmt.Errorf("template %s: %w", key, err)
	}
	c.tmpls[key] = t
	return t, items, nil
}

// itemSet collects the items a letter's template marked as covered.
type itemSet struct{ seen []string }

func (s *itemSet) mark(name string) string {
	if !slices.Contains(s.seen, name) {
		s.seen = append(s.seen, name)
	}
	return ""
}

// Person is what the composer needs to know of a recipient.
type Person struct {
	Recipient    Recipient
	Jurisdiction string
	Elements     breachkit.ElementSet
	Code         string // credit-monitoring activation code, "" if none
	// MinorsCode says Code is of the minors' product
	// (monitoring.minors), which the letter then offers.
	MinorsCode bool
}

// Eligible reports whether a law that governs the jurisdiction entitles
// a person with these elements exposed to a credit-monitoring offer, or
// the organisation offers it to everyone who can use it (those who live
// where the provider serves: monitoring.countries).
func (c *Composer) Eligible(jurisdiction string, elements breachkit.ElementSet) bool {
	if c.cfg.offerAll() && c.cfg.Monitoring.serves(jurisdiction) {
		return true
	}
	s := c.Spec(jurisdiction)
	if s == nil || s.CreditMonitoring == nil {
		return false
	}
	return len(s.CreditMonitoring.WhenAny) == 0 || slices.ContainsFunc(s.CreditMonitoring.WhenAny, elements.Has)
}

// Compose returns the letter for a person, checked against the law: a
// missing required item or heading, a prescribed title or a contact the
// law asks for and the data lacks is an error naming the jurisdiction.
func (c *Composer) Compose(id string, p Person) (*breachkit.Letter, error) {
	spec := c.Spec(p.Jurisdiction)
	t, items, err := c.template(p.Jurisdiction)
	if err != nil {
		return nil, err
	}
	d := c.data(p, spec)
	var b strings.Builder
	tt, err := t.Clone()
	if err != nil {
		return nil, err
	}
	tt.Funcs(template.FuncMap{"item": items.mark})
	if err := tt.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("letter for %s: %w", p.Jurisdiction, err)
	}
	l := &breachkit.Letter{ID: id, Title: defaultTitle, Date: c.letterDate,
		From: c.returnAddress(), To: append([]string{p.Recipient.Name}, p.Recipient.Address...)}
	l.Blocks = parseBlocks(b.String())
	if spec != nil {
		if spec.Title != "" {
			l.Title = spec.Title
		}
		l.MinFontPt = spec.MinFontPt
		if err := c.check(l, spec, items, p); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (c *Composer) returnAddress() []string {
	lines := []string{c.cfg.Organisation.Name}
	for _, part := range strings.Split(c.cfg.Organisation.Address, ",") {
		if part = strings.TrimSpace(part); part != "" {
			lines = append(lines, part)
		}
	}
	// A US return address is written street, then "City, ST ZIP".
	if n := len(lines); n >= 4 && regexp.MustCompile(`^[A-Z]{2}( \d{5}(-\d{4})?)?$`).MatchString(lines[n-1]) {
		lines = append(lines[:n-2], lines[n-2]+", "+lines[n-1])
	}
	return lines
}

func (c *Composer) data(p Person, spec *duties.LetterSpec) letterData {
	d := letterData{Org: c.cfg.Organisation, Incident: c.cfg.Incident, Discovered: Day{c.discovered.Time}.String(),
		Jurisdiction: p.Jurisdiction, Salutation: p.Recipient.Name, Child: p.Recipient.Child}
	if d.Salutation == "" {
		d.Salutation = "Customer"
	}
	inc := c.cfg.Incident
	if inc.LawEnforcementDelay != nil {
		d.LawEnforcementDelay = map[bool]string{true: "yes", false: "no"}[*inc.LawEnforcementDelay]
	}
	switch {
	case !inc.BreachStart.IsZero() && !inc.BreachEnd.IsZero() && !inc.BreachEnd.Equal(inc.BreachStart.Time):
		d.BreachDates = "between " + inc.BreachStart.String() + " and " + inc.BreachEnd.String()
	case !inc.BreachStart.IsZero():
		d.BreachDates = "on " + inc.BreachStart.String()
	}
	// The name first, then what makes the breach notifiable.
	if p.Elements.Has(breachkit.PersonName) {
		d.Elements = append(d.Elements, "name")
	}
	for _, e := range p.Elements {
		if e != breachkit.PersonName {
			d.Elements = append(d.Elements, lowerFirst(e.Label()))
		}
	}
	if p.Code != "" {
		m := c.cfg.Monitoring
		months := m.Months
		if spec != nil && spec.CreditMonitoring != nil && spec.CreditMonitoring.Months > months {
			months = spec.CreditMonitoring.Months
		}
		d.Offer = &offer{Provider: m.Provider, Months: months, Code: p.Code, EnrollURL: m.EnrollURL,
			EnrollPhone: m.EnrollPhone, EnrollBy: m.EnrollBy.String()}
		if mm := m.Minors; p.MinorsCode && mm.Provider != "" {
			d.Offer.Provider, d.Offer.Minors = mm.Provider, true
			if mm.Months > 0 {
				d.Offer.Months = mm.Months
				if spec != nil && spec.CreditMonitoring != nil {
					d.Offer.Months = max(mm.Months, spec.CreditMonitoring.Months)
				}
			}
			if mm.EnrollURL != "" || mm.EnrollPhone != "" {
				d.Offer.EnrollURL, d.Offer.EnrollPhone = mm.EnrollURL, mm.EnrollPhone
			}
			if !mm.EnrollBy.IsZero() {
				d.Offer.EnrollBy = mm.EnrollBy.String()
			}
		}
	}
	// Every letter to a person in the United States (or of unknown
	// residence) lists the agencies and the FTC: it costs a few lines and
	// several laws ask for them. A person abroad has no use for them.
	if us := p.Jurisdiction == "" || p.Jurisdiction == "unknown" || strings.HasPrefix(p.Jurisdiction, "US"); us {
		for _, cra := range c.contacts.CRAs {
			if cra.complete() {
				d.CRAs = append(d.CRAs, cra)
			}
		}
		if c.contacts.FTC != nil && c.contacts.FTC.complete() {
			d.FTC = c.contacts.FTC
		}
		d.Facts = c.contacts.FreezeAndAlert
	}
	if ag, ok := c.contacts.AttorneysGeneral[p.Jurisdiction]; ok && ag.complete() {
		d.AG = &ag
	}
	if spec != nil {
		d.RightToInformation = slices.Contains(spec.Items, "right-to-information")
		d.PoliceReport = slices.Contains(spec.Items, "police-report-right")
		d.LikelyConsequences = slices.Contains(spec.Items, "likely-consequences")
	}
	return d
}

// check holds a composed letter against the law's requirements.
func (c *Composer) check(l *breachkit.Letter, spec *duties.LetterSpec, items *itemSet, p Person) error {
	var errs []error
	for _, it := range spec.Items {
		if it == "credit-monitoring-offer" && p.Code == "" {
			if c.Eligible(p.Jurisdiction, p.Elements) {
				errs = append(errs, fmt.Errorf("the law entitles this person to a credit-monitoring offer but no activation code is assigned"))
			}
			continue
		}
		if slices.Contains(items.seen, it) {
			continue
		}
		errs = append(errs, fmt.Errorf("required item %q is missing%s", it, c.hint(it)))
	}
	if len(spec.Headings) > 0 {
		hs := l.Headings()
		i := 0
		for _, h := range hs {
			if i < len(spec.Headings) && strings.EqualFold(h, spec.Headings[i]) {
				i++
			}
		}
		if i < len(spec.Headings) {
			errs = append(errs, fmt.Errorf("the law prescribes the headings %q in this order; the letter has %q", spec.Headings, hs))
		}
	}
	if months, key := c.cfg.Monitoring.Months, "monitoring.months"; spec.CreditMonitoring != nil && p.Code != "" {
		if mm := c.cfg.Monitoring.Minors; p.MinorsCode && mm.Provider != "" && mm.Months > 0 {
			months, key = mm.Months, "monitoring.minors.months"
		}
		if months > 0 && months < spec.CreditMonitoring.Months {
			errs = append(errs, fmt.Errorf("the law requires %d months of credit monitoring; %s is %d (letters state %d)",
				spec.CreditMonitoring.Months, key, months, spec.CreditMonitoring.Months))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s letter (%s, %s): %w", p.Jurisdiction, spec.RuleFile, spec.Citation, errors.Join(errs...))
}

// hint says which setting supplies an item.
func (c *Composer) hint(item string) string {
	switch item {
	case "law-enforcement-delay":
		return ": set incident.law_enforcement_delay (true or false) in the notify config"
	case "steps-taken":
		return ": describe them in incident.steps_taken"
	case "toll-free-number":
		if c.cfg.Organisation.Phone == "" {
			return ": set organisation.phone to a toll-free number"
		}
		return fmt.Sprintf(": organisation.phone %q is not a toll-free (8XX) number", c.cfg.Organisation.Phone)
	case "contact":
		return ": set organisation.phone, email or address"
	case "ag-contact":
		return ": the contact data has no Attorney General entry for this jurisdiction; add contacts.attorneys_general in the notify config"
	case "cra-contacts", "ftc-contact", "fraud-alert", "security-freeze":
		return ": the contact data lacks it; add it under contacts in the notify config"
	}
	return ": the template does not cover it"
}

// parseBlocks turns template output into letter blocks.
func parseBlocks(s string) []breachkit.LetterBlock {
	var out []breachkit.LetterBlock
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, breachkit.LetterBlock{Kind: breachkit.BlockParagraph, Text: strings.Join(para, " ")})
			para = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "## "):
			flush()
			out = append(out, breachkit.LetterBlock{Kind: breachkit.BlockHeading, Text: strings.TrimSpace(t[3:])})
		case strings.HasPrefix(t, "- "):
			flush()
			out = append(out, breachkit.LetterBlock{Kind: breachkit.BlockBullet, Text: strings.TrimSpace(t[2:])})
		case t == "|" || strings.HasPrefix(t, "| "):
			flush()
			out = append(out, breachkit.LetterBlock{Kind: breachkit.BlockLine, Text: strings.TrimSpace(strings.TrimPrefix(t, "|"))})
		default:
			para = append(para, t)
		}
	}
	flush()
	return out
}

// joinWords joins words as prose: "a, b and c".
func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return "personal information"
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

var tollFreeRE = regexp.MustCompile(`^(\+?1[ .-]?)?\(?8(00|33|44|55|66|77|88)\)?[ .-]?\d{3}[ .-]?\d{4}$`)

// tollFree reports whether a US number is toll-free (800, 833, ... 888).
func tollFree(phone string) bool { return tollFreeRE.MatchString(strings.TrimSpace(phone)) }

func lowerFirst(s string) string {
	// Keep acronyms and names as they are: "ITIN", "Social Security".
	if strings.HasPrefix(s, "Social Security") || len(s) < 2 || strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
