package breachkit

// Letter is a notice to one person laid out as a document, ready to be
// printed or sent as the text of an email. The notify package composes
// it from a template and the law's requirements; the pdf package prints
// it. It holds personal data in plaintext and so lives only in memory.
type Letter struct {
	// ID identifies the letter on the page and in the mail-house manifest.
	ID    string
	Title string
	Date  string // the date printed on the letter
	// From is the return address, one line per element.
	From []string
	// To is the recipient's name and postal address, one line each.
	To     []string
	Blocks []LetterBlock
	// MinFontPt is the smallest type size the law allows; 0 if none.
	MinFontPt int
}

// LetterBlock is one heading, paragraph or list item of a letter.
type LetterBlock struct {
	Kind BlockKind
	Text string
}

// BlockKind says how a block is set.
type BlockKind int

// The kinds of letter block.
const (
	BlockParagraph BlockKind = iota
	BlockHeading
	BlockBullet
	BlockLine // a line set as it is, such as a line of the signature
)

// Headings returns the letter's headings in order.
func (l *Letter) Headings() []string {
	var hs []string
	for _, b := range l.Blocks {
		if b.Kind == BlockHeading {
			hs = append(hs, b.Text)
		}
	}
	return hs
}
