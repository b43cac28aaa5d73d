package notify

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"go.yaml.in/yaml/v3"

	"github.com/breachkit/breachkit"
)

// Config is what the organisation says about itself and the incident,
// and how it sends: the facts a letter states that no scan can find. It
// is read from a YAML file (see testdata/notify.yaml).
type Config struct {
	Organisation Organisation `yaml:"organisation"`
	Incident     Incident     `yaml:"incident"`
	Monitoring   Monitoring   `yaml:"monitoring"`
	Email        EmailConfig  `yaml:"email"`
	SMTP         SMTPConfig   `yaml:"smtp"`
	// Templates is a folder of letter templates that override the
	// built-in one: JURISDICTION.tmpl (US-CA.tmpl) or default.tmpl.
	Templates string `yaml:"templates"`
	// Contacts add to or replace the built-in contact data (an Attorney
	// General's office the built-in data lacks, say).
	Contacts *Contacts `yaml:"contacts"`
	// NotifyAll sends a letter to every affected person, also where no
	// law requires one (the default, as most organisations do); false
	// limits letters to people with an individual notice obligation.
	NotifyAll *bool `yaml:"notify_all"`
}

// Organisation is the sender of the notices.
type Organisation struct {
	Name    string `yaml:"name"`
	Address string `yaml:"address"` // one line, commas between parts
	Phone   string `yaml:"phone"`   // the number people call; toll-free where the law asks
	Email   string `yaml:"email"`
	Web     string `yaml:"web"`
	Signer  string `yaml:"signer"` // name and title under the letter
}

// Incident is what the letter says happened.
type Incident struct {
	// WhatHappened describes the incident in plain words, without
	// personal data.
	WhatHappened string `yaml:"what_happened"`
	BreachStart  Day    `yaml:"breach_start"` // zero when unknown
	BreachEnd    Day    `yaml:"breach_end"`
	// StepsTaken says what the organisation did in response.
	StepsTaken string `yaml:"steps_taken"`
	// LawEnforcementDelay says whether notice was delayed at the request
	// of law enforcement; unset is an error where a law asks the letter
	// to say so.
	LawEnforcementDelay *bool `yaml:"law_enforcement_delay"`
	// LetterDate is printed on letters; zero means the day they render.
	LetterDate Day `yaml:"letter_date"`
}

// Monitoring is the credit-monitoring offer.
type Monitoring struct {
	Provider string `yaml:"provider"`
	Months   int    `yaml:"months"`
	// Offer is "all" (everyone gets a code) or "required" (only people a
	// law entitles to one: the default).
	Offer       string `yaml:"offer"`
	EnrollURL   string `yaml:"enroll_url"`
	EnrollPhone string `yaml:"enroll_phone"`
	EnrollBy    Day    `yaml:"enroll_by"`
	// Countries lists where the provider's service can be enrolled in,
	// as ISO 3166-1 alpha-2 codes: offer "all" gives codes to the people
	// who live there (and to those whose residence is unknown). Unset, it
	// is the United States and its territories: a US credit bureau's
	// product needs a US credit file, which a person in France lacks.
	Countries []string `yaml:"countries"`
	// Minors is the product offered to people under eighteen on the
	// letter's date, whose parents get their letter: a child has no
	// credit file to monitor, and providers sell a minor's identity
	// monitoring apart, with codes of its own (imported with
	// --provider set to its provider). Unset, minors are offered the
	// adults' product.
	Minors MinorsOffer `yaml:"minors"`
}

// MinorsOffer is the monitoring product for minors. Months, the enrolment
// address, phone and deadline default to the adults' product's.
type MinorsOffer struct {
	Provider    string `yaml:"provider"`
	Months      int    `yaml:"months"`
	EnrollURL   string `yaml:"enroll_url"`
	EnrollPhone string `yaml:"enroll_phone"`
	EnrollBy    Day    `yaml:"enroll_by"`
}

// minorsCode reports whether code is of the minors' product: its letter
// offers what the code enrols in, whatever the person's age on the day
// it renders.
func (m *Monitoring) minorsCode(code *breachkit.MonitoringCode) bool {
	return m.Minors.Provider != "" && code.Provider == m.Minors.Provider
}

// pools returns the code pools of the adults' and the minors' products:
// with no minors' product, every code is the adults'.
func (m *Monitoring) pools() (adults, minors breachkit.CodePool) {
	if m.Minors.Provider == "" {
		return breachkit.CodePool{}, breachkit.CodePool{}
	}
	return breachkit.CodePool{Provider: m.Minors.Provider, Except: true}, breachkit.CodePool{Provider: m.Minors.Provider}
}

// serves reports whether the offer can be used by a person who lives in
// jurisdiction j ("US-TX", "DE", "unknown").
func (m *Monitoring) serves(j string) bool {
	if j == "" || j == "unknown" {
		return true
	}
	country := j
	if strings.HasPrefix(j, "US-") {
		country = "US"
	}
	if len(m.Countries) == 0 {
		return country == "US"
	}
	return slices.ContainsFunc(m.Countries, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), country) })
}

// EmailConfig governs email notices.
type EmailConfig struct {
	// Enabled sends email where the law accepts it and the person has an
	// address. Most laws accept email only under the E-SIGN Act (the
	// person agreed to electronic notices): establishing that is the
	// organisation's responsibility.
	Enabled bool   `yaml:"enabled"`
	From    string `yaml:"from"` // "Example Co <notice@example.com>"
	Subject string `yaml:"subject"`
}

// SMTPConfig is the relay that emails are handed to.
type SMTPConfig struct {
	Addr     string `yaml:"addr"`     // host:port
	TLS      string `yaml:"tls"`      // "starttls" (default), "implicit" or "none"
	Username string `yaml:"username"` // AUTH PLAIN when set
	// PasswordEnv names the environment variable that holds the password,
	// so that no secret is written in the file.
	PasswordEnv string  `yaml:"password_env"`
	Rate        float64 `yaml:"rate"`    // messages per second, 0 for no limit
	Workers     int     `yaml:"workers"` // parallel connections, default 1
}

// Day is a calendar date written as YYYY-MM-DD.
type Day struct{ time.Time }

// UnmarshalYAML reads a YYYY-MM-DD date.
func (d *Day) UnmarshalYAML(n *yaml.Node) error {
	if n.Value == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a YYYY-MM-DD date", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// String formats the date as a letter prints it: January 2, 2006.
func (d Day) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("January 2, 2006")
}

// LoadConfig reads and checks a config file. Unknown fields are errors,
// so that a misspelt key is not silently ignored.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ParseConfig parses and checks a config.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	return &c, c.check()
}

func (c *Config) check() error {
	var errs []error
	if strings.TrimSpace(c.Organisation.Name) == "" {
		errs = append(errs, errors.New("organisation.name is required"))
	}
	if strings.TrimSpace(c.Incident.WhatHappened) == "" {
		errs = append(errs, errors.New("incident.what_happened is required"))
	}
	switch c.Monitoring.Offer {
	case "", "required", "all":
	default:
		errs = append(errs, fmt.Errorf("monitoring.offer: %q is neither \"all\" nor \"required\"", c.Monitoring.Offer))
	}
	for _, cc := range c.Monitoring.Countries {
		if cc = strings.TrimSpace(cc); len(cc) != 2 || strings.Trim(strings.ToUpper(cc), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			errs = append(errs, fmt.Errorf("monitoring.countries: %q is not a two-letter ISO 3166-1 country code", cc))
		}
	}
	if c.Monitoring.Months < 0 {
		errs = append(errs, errors.New("monitoring.months must not be negative"))
	}
	if m := c.Monitoring.Minors; m.Months < 0 {
		errs = append(errs, errors.New("monitoring.minors.months must not be negative"))
	} else if m.Provider != "" && strings.EqualFold(strings.TrimSpace(m.Provider), strings.TrimSpace(c.Monitoring.Provider)) {
		errs = append(errs, errors.New("monitoring.minors.provider must differ from monitoring.provider: the name tells the two products' codes apart"))
	}
	if !c.Incident.BreachEnd.IsZero() && c.Incident.BreachEnd.Before(c.Incident.BreachStart.Time) {
		errs = append(errs, errors.New("incident.breach_end is before incident.breach_start"))
	}
	switch c.SMTP.TLS {
	case "", "starttls", "implicit", "none":
	default:
		errs = append(errs, fmt.Errorf("smtp.tls: %q is not starttls, implicit or none", c.SMTP.TLS))
	}
	if c.Email.Enabled && c.Email.From == "" {
		errs = append(errs, errors.New("email.from is required when email.enabled is true"))
	} else if c.Email.From != "" {
		if _, err := mail.ParseAddress(c.Email.From); err != nil {
			errs = append(errs, fmt.Errorf("email.from %q is not an address: %v", c.Email.From, err))
		}
	}
	return errors.Join(errs...)
}

func (c *Config) notifyAll() bool { return c.NotifyAll == nil || *c.NotifyAll }

func (c *Config) offerAll() bool { return c.Monitoring.Offer == "all" }
