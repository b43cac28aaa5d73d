package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// RAR archives are built here, in the RAR 5 format with stored members
// (no compressor is needed to write those), since no RAR writer is
// free software.

// vint appends v in RAR 5's variable-length integer encoding.
func vint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// rarBlock frames a RAR 5 header body (from its type on) with its size
// and CRC-32.
func rarBlock(body []byte) []byte {
	h := append(vint(nil, uint64(len(body))), body...)
	return append(binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(h)), h...)
}

// rarEntry is a member to store; encrypted marks it as AES-encrypted
// (its data is then not real ciphertext, which is never read).
type rarEntry struct {
	name      string
	data      []byte
	encrypted bool
}

// makeRar5 writes a RAR 5 archive of stored members; with headerKey
// the archive starts with an encryption header, as `rar -hp` writes.
func makeRar5(headerKey bool, entries ...rarEntry) []byte {
	out := []byte("Rar!\x1a\x07\x01\x00")
	if headerKey {
		body := vint(vint(vint(vint(nil, 4), 0), 0), 0) // type 4, flags, version 0, flags 0
		body = append(body, 15)
		body = append(body, make([]byte, 16)...) // salt
		return append(out, rarBlock(body)...)
	}
	out = append(out, rarBlock([]byte{1, 0, 0})...) // main header
	for _, e := range entries {
		var extra []byte
		if e.encrypted {
			rec := vint(vint(vint(nil, 1), 0), 0) // encryption record: type 1, version 0, flags 0
			rec = append(rec, 15)
			rec = append(rec, make([]byte, 32)...) // salt and IV
			extra = append(vint(nil, uint64(len(rec))), rec...)
		}
		flags := uint64(0x0002) // a data area follows
		if extra != nil {
			flags |= 0x0001
		}
		body := vint(vint(nil, 2), flags)
		if extra != nil {
			body = vint(body, uint64(len(extra)))
		}
		body = vint(body, uint64(len(e.data)))
		body = vint(body, 0x0004) // file flags: data CRC-32 present
		body = vint(body, uint64(len(e.data)))
		body = vint(body, 0x20) // attributes
		body = binary.LittleEndian.AppendUint32(body, crc32.ChecksumIEEE(e.data))
		body = vint(body, 0) // compression: version 0, stored
		body = vint(body, 1) // host OS: Unix
		body = vint(body, uint64(len(e.name)))
		body = append(body, e.name...)
		body = append(body, extra...)
		out = append(out, rarBlock(body)...)
		out = append(out, e.data...)
	}
	return append(out, rarBlock([]byte{5, 0, 0})...) // end of archive
}

// TestRar reads a RAR archive with a folder and a zip inside, and
// reports encrypted members, encrypted archives and damaged ones.
func TestRar(t *testing.T) {
	inner := makeZip(t, entry{"inner.txt", []byte("Borrower Ana Souza, DOB 1971-03-09.\n")})
	data := makeRar5(false,
		rarEntry{name: "export/customers.csv", data: []byte("name,ssn\nSierra Jefferson,383-41-8663\n")},
		rarEntry{name: "export/notes/call.txt", data: []byte("Spoke with Dana Whitfield, SSN 512-44-7081.\n")},
		rarEntry{name: "export/inner.zip", data: inner},
		rarEntry{name: "export/secret.csv", data: []byte("not really ciphertext"), encrypted: true},
	)
	res, err := run(t, Rar{}, "x.rar", stream{bytes.NewReader(data)}, -1, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"x.rar!/export/customers.csv":        "383-41-8663",
		"x.rar!/export/notes/call.txt":       "512-44-7081",
		"x.rar!/export/inner.zip!/inner.txt": "1971-03-09",
	}
	for p, s := range want {
		if !strings.Contains(res.files[p], s) {
			t.Errorf("%s = %q, want it to hold %q (files %v)", p, res.files[p], s, keys(res.files))
		}
	}
	if len(res.files) != len(want) || len(res.warns) != 1 || !strings.Contains(res.warns[0], `"export/secret.csv" is encrypted`) {
		t.Errorf("files %v, warnings %q", keys(res.files), res.warns)
	}

	_, err = run(t, Rar{}, "h.rar", bytes.NewReader(makeRar5(true)), -1, nil)
	if err == nil || !strings.Contains(err.Error(), "encrypted archive") {
		t.Errorf("encrypted headers: %v", err)
	}
	bad := bytes.Clone(data)
	bad[14] ^= 0xFF // inside the main header: its CRC no longer matches
	if _, err := run(t, Rar{}, "c.rar", bytes.NewReader(bad), -1, nil); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("damaged header: %v", err)
	}
	// Cut in the middle of a member: what came before is kept, the cut
	// is reported.
	res, err = run(t, Rar{}, "t.rar", bytes.NewReader(data[:len(data)/2]), -1, nil)
	if err != nil || len(res.warns) == 0 {
		t.Errorf("cut: err %v, warnings %q", err, res.warns)
	}
	// Exactly as many members as allowed: nothing left out.
	res, err = run(t, Rar{}, "e.rar", bytes.NewReader(data), -1, &scan.Limits{MaxMembers: 4})
	if err != nil || strings.Contains(strings.Join(res.warns, "\n"), "more than") {
		t.Errorf("4 members, limit 4: %v, warnings %q", err, res.warns)
	}
	for _, tt := range []struct {
		lim     scan.Limits
		wantErr error
		warn    string
	}{
		{scan.Limits{MaxMembers: 2}, nil, "more than 2 members"},
		{scan.Limits{MaxMemberSize: 20}, nil, "larger than the limit of 20 bytes"},
		{scan.Limits{MaxTotalSize: 50}, ErrLimit, ""},
		{scan.Limits{MaxDepth: 1}, nil, "nested too deep"},
	} {
		res := &result{files: map[string]string{}, sizes: map[string]int64{}}
		err := runAt(Rar{}, "l.rar", bytes.NewReader(data), -1, 0, &tt.lim, res)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%+v: err %v, want %v", tt.lim, err, tt.wantErr)
		}
		if tt.warn != "" && !strings.Contains(strings.Join(res.warns, "\n"), tt.warn) {
			t.Errorf("%+v: warnings %q lack %q", tt.lim, res.warns, tt.warn)
		}
	}
}

func FuzzRar(f *testing.F) {
	f.Add(makeRar5(false, rarEntry{name: "p.csv", data: []byte(csvRows)}, rarEntry{name: "../x.txt", data: []byte("x")}))
	f.Add(makeRar5(false, rarEntry{name: "s.csv", data: []byte("x"), encrypted: true}))
	f.Add(makeRar5(true))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Rar{}, data) })
}
