package unread

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// head is a file's first bytes: magic at offset at, the rest binary.
func head(at int, magic string) []byte {
	b := make([]byte, 512)
	for i := range b {
		b[i] = byte(i * 7)
	}
	copy(b[at:], magic)
	return b
}

// TestKinds checks that each recognised format is skipped with what it
// is, and that text and other binaries are not taken for them.
func TestKinds(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // "" for not accepted
	}{
		{"mailbox.pst", head(0, "!BDN"), ""}, // read by email.PST
		{"old.mdb", head(4, "Standard Jet DB"), "Access database (.mdb)"},
		{"new.accdb", head(4, "Standard ACE DB"), "Access database (.accdb)"},
		{"db.bak", head(0, "TAPE"), "SQL Server backup"},
		{"disk.vmdk", head(0, "KDMV"), "VMDK"},
		{"disk.vhdx", head(0, "vhdxfile"), "VHDX"},
		{"disk.qcow2", head(0, "QFI\xfb"), "QCOW2"},
		{"disk.vdi", head(64, "\x7f\x10\xda\xbe"), "VDI"},
		{"inventory.txt", []byte("TAPE LIBRARY INVENTORY\nSlot 1: Sierra Jefferson\n"), ""},
		{"noise.bin", head(0, "ZZZZ"), ""},
	}
	for _, tt := range tests {
		h := tt.data[:min(len(tt.data), scan.HeadSize)]
		if got := (Extractor{}).Accepts(tt.name, h); got != (tt.want != "") {
			t.Errorf("%s: Accepts = %v", tt.name, got)
			continue
		}
		if tt.want == "" {
			continue
		}
		// The rows of a database sit in its pages as text: found, and
		// the source partial with what it is.
		data := append(bytes.Clone(tt.data), "\x01\x02Ana Souza\x00\x05383-41-8663\x00\x03"...)
		var warns, texts []string
		in := &scan.Input{Path: tt.name, R: bytes.NewReader(data), Warn: func(s string) { warns = append(warns, s) }}
		err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			texts = append(texts, string(s.Text))
			return nil
		})
		if err != nil || len(warns) != 1 || !strings.Contains(warns[0], tt.want) || !strings.Contains(strings.Join(texts, "\n"), "Ana Souza\n383-41-8663") {
			t.Errorf("%s: err %v, warnings %q, text %q", tt.name, err, warns, texts)
		}
	}
}
