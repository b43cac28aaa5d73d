package email

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// attr encodes one TNEF attribute (MS-OXTNEF 2.1.3): level, ID, length,
// data and the checksum (the sum of the data bytes, mod 65536).
func attr(level byte, id uint32, data []byte) []byte {
	b := []byte{level}
	b = binary.LittleEndian.AppendUint32(b, id)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	var sum uint16
	for _, c := range data {
		sum += uint16(c)
	}
	return binary.LittleEndian.AppendUint16(b, sum)
}

// winmail builds a winmail.dat with a body and two attachments, one a
// CSV of fictional customers, the other without a title.
func winmail() []byte {
	b := binary.LittleEndian.AppendUint32(nil, tnefSignature)
	b = binary.LittleEndian.AppendUint16(b, 0x0001)
	b = append(b, attr(1, 0x00089006, []byte{0, 0, 0, 0})...) // attTnefVersion
	b = append(b, attr(1, attBody, []byte("Please find the list attached. Call Sierra Jefferson at (415) 867-5309.\x00"))...)
	b = append(b, attr(2, attAttachRendData, make([]byte, 14))...)
	b = append(b, attr(2, attAttachTitle, []byte("customers.csv\x00"))...)
	b = append(b, attr(2, attAttachData, []byte("name,ssn\nDana Whitfield,412-55-8901\n"))...)
	b = append(b, attr(2, attAttachRendData, make([]byte, 14))...)
	b = append(b, attr(2, attAttachData, []byte("SSN 601-23-4455"))...)
	return b
}

func TestTNEF(t *testing.T) {
	data := winmail()
	if !(TNEF{}).Accepts("winmail.dat", data) || (TNEF{}).Accepts("x", []byte("PK\x03\x04\x00\x00")) {
		t.Error("Accepts")
	}
	members := map[string]string{}
	var texts []string
	in := &scan.Input{Path: "mail.eml!/winmail.dat", R: bytes.NewReader(data), Size: int64(len(data)),
		Member: func(name string, size int64, r io.Reader) error {
			b, _ := io.ReadAll(r)
			members[name] = string(b)
			return nil
		}}
	err := TNEF{}.Extract(context.Background(), in, func(s scan.Segment) error {
		texts = append(texts, string(s.Text))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(texts, []string{"Please find the list attached. Call Sierra Jefferson at (415) 867-5309."}) {
		t.Errorf("body %q", texts)
	}
	if members["customers.csv"] != "name,ssn\nDana Whitfield,412-55-8901\n" || members["attachment-2"] != "SSN 601-23-4455" || len(members) != 2 {
		t.Errorf("members %q", members)
	}
	// Cut short: the attachments before the cut are still handed over,
	// and the error says where it stopped.
	members = map[string]string{}
	in.R = bytes.NewReader(data[:len(data)-10])
	err = TNEF{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "cut short") || members["customers.csv"] == "" {
		t.Errorf("cut: err %v, members %q", err, members)
	}
}

func FuzzTNEF(f *testing.F) {
	f.Add(winmail())
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &scan.Input{Path: "winmail.dat", R: bytes.NewReader(data), Size: int64(len(data)),
			Member: func(string, int64, io.Reader) error { return nil }}
		TNEF{}.Extract(context.Background(), in, func(scan.Segment) error { return nil })
	})
}
