package notify

import (
	"bytes"
	_ "embed"
	"fmt"
	"maps"

	"go.yaml.in/yaml/v3"
)

//go:embed contacts.yaml
var contactsYAML []byte

// Contacts are the offices a letter must list where the law asks for
// them: the nationwide consumer reporting agencies, the Federal Trade
// Commission and state Attorneys General. Each carries its source.
type Contacts struct {
	CRAs             []Contact          `yaml:"consumer_reporting_agencies"`
	FTC              *Contact           `yaml:"ftc"`
	AttorneysGeneral map[string]Contact `yaml:"attorneys_general"`
	FreezeAndAlert   []Fact             `yaml:"freeze_and_alert"`
}

// Contact is one office's public contact details.
type Contact struct {
	Name    string `yaml:"name"`
	Phone   string `yaml:"phone"`
	Address string `yaml:"address"`
	Web     string `yaml:"web"`
	Note    string `yaml:"note"`
	Source  Source `yaml:"source"`
}

// Fact is a statement a letter makes about people's rights, with its
// legal source.
type Fact struct {
	Fact string `yaml:"fact"`
	// Item is the letter content item the fact covers (fraud-alert,
	// security-freeze), if any.
	Item     string `yaml:"item"`
	Citation string `yaml:"citation"`
	Source   Source `yaml:"source"`
}

// Source is where a contact or fact was read, and when.
type Source struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Read  string `yaml:"read"`
}

// BuiltinContacts returns the contact data shipped in the binary.
func BuiltinContacts() (*Contacts, error) {
	var c Contacts
	dec := yaml.NewDecoder(bytes.NewReader(contactsYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("notify/contacts.yaml: %w", err)
	}
	return &c, nil
}

// merge returns c with the entries of over added or replaced.
func (c *Contacts) merge(over *Contacts) *Contacts {
	out := *c
	if over == nil {
		return &out
	}
	if len(over.CRAs) > 0 {
		out.CRAs = over.CRAs
	}
	if over.FTC != nil {
		out.FTC = over.FTC
	}
	out.AttorneysGeneral = maps.Clone(c.AttorneysGeneral)
	if out.AttorneysGeneral == nil {
		out.AttorneysGeneral = map[string]Contact{}
	}
	maps.Copy(out.AttorneysGeneral, over.AttorneysGeneral)
	if len(over.FreezeAndAlert) > 0 {
		out.FreezeAndAlert = over.FreezeAndAlert
	}
	return &out
}

// complete reports whether a contact has what a letter prints: a name
// and at least a phone number or an address.
func (c Contact) complete() bool { return c.Name != "" && (c.Phone != "" || c.Address != "") }
