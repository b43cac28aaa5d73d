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
		err := Extractor{}.Extract(context.Background(), &scan.Input{Path: tt.name, R: bytes.NewReader(tt.data)}, func(scan.Segment) error {
			t.Errorf("%s: emitted a segment", tt.name)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one naming %q", tt.name, err, tt.want)
		}
	}
}
