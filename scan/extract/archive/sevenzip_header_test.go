package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/ulikunitz/xz/lzma"
)

// szNumber writes n in 7-Zip's variable-length form (always the nine-byte
// form: the reader takes any).
func szNumber(n uint64) []byte {
	b := []byte{0xFF, 0, 0, 0, 0, 0, 0, 0, 0}
	binary.LittleEndian.PutUint64(b[1:], n)
	return b
}

// szArchive assembles a 7-Zip archive of packed data and a header, with
// valid checksums, as a forger would.
func szArchive(packed, header []byte) []byte {
	var b bytes.Buffer
	b.Write(sevenZipMagic)
	b.Write([]byte{0, 4})
	var start [20]byte
	binary.LittleEndian.PutUint64(start[0:], uint64(len(packed)))
	binary.LittleEndian.PutUint64(start[8:], uint64(len(header)))
	binary.LittleEndian.PutUint32(start[16:], crc32.ChecksumIEEE(header))
	var crc [4]byte
	binary.LittleEndian.PutUint32(crc[:], crc32.ChecksumIEEE(start[:]))
	b.Write(crc[:])
	b.Write(start[:])
	b.Write(packed)
	b.Write(header)
	return b.Bytes()
}

// szEncoded is an archive whose header is the LZMA-coded plain, as 7-Zip
// writes it.
func szEncoded(t *testing.T, plain []byte) []byte {
	var c bytes.Buffer
	w, err := lzma.WriterConfig{SizeInHeader: true, Size: int64(len(plain))}.NewWriter(&c)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	props, packed := c.Bytes()[:5], c.Bytes()[13:]
	h := []byte{szEncodedHeader, szPackInfo}
	h = append(h, szNumber(0)...)
	h = append(h, szNumber(1)...)
	h = append(h, szSize)
	h = append(h, szNumber(uint64(len(packed)))...)
	h = append(h, szEnd, szUnpackInfo, szFolderID)
	h = append(h, szNumber(1)...)
	h = append(h, 0)              // not external
	h = append(h, szNumber(1)...) // one coder
	h = append(h, 0x23, 3, 1, 1)  // LZMA, with properties
	h = append(h, szNumber(5)...)
	h = append(h, props...)
	h = append(h, szCodersUnpackSize)
	h = append(h, szNumber(uint64(len(plain)))...)
	h = append(h, szEnd, szEnd)
	return szArchive(packed, h)
}

// TestSevenZipForgedHeader feeds archives whose headers declare counts
// their bytes cannot hold. Without the check the 7-Zip reader asks the
// runtime for tens of gigabytes and the process dies ("fatal error:
// runtime: out of memory"), taking the whole scan with it; with it each
// is a corrupt archive and the scan goes on.
func TestSevenZipForgedHeader(t *testing.T) {
	files := func(n uint64) []byte {
		return append(append([]byte{szHeader, szFilesInfo}, szNumber(n)...), szEnd, szEnd)
	}
	props := append(append([]byte{szHeader, szMainStreamsInfo, szUnpackInfo, szFolderID}, szNumber(1)...), 0)
	props = append(props, szNumber(1)...)
	props = append(props, 0x21, 0x21)
	props = append(props, szNumber(1<<32-1)...) // property bytes
	crcs := append(append([]byte{szHeader, szMainStreamsInfo, szPackInfo}, szNumber(0)...), szNumber(1<<32-1)...)
	crcs = append(crcs, szCRC, 1)
	tests := []struct {
		name    string
		archive []byte
		want    string
	}{
		{"four billion files", szArchive(nil, files(1<<32-1)), "4294967295 files"},
		{"four billion files, LZMA-coded header", szEncoded(t, files(1<<32-1)), "4294967295 files"},
		{"4 GiB of coder properties", szArchive(nil, props), "forged 7-Zip header"},
		{"four billion packed streams", szArchive(nil, crcs), "packed streams"},
		{"five million files in a header that holds them", szEncoded(t, append(files(5_000_000)[:11], make([]byte, 10_000_010)...)), "more than 4000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, SevenZip{}, "f.7z", bytes.NewReader(tt.archive), -1, nil)
			if err == nil || !strings.Contains(err.Error(), "corrupt archive") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a corrupt archive naming %q", err, tt.want)
			}
		})
	}
}

// TestSevenZipHeaderWalk checks that the walk reaches the file count of
// archives 7-Zip made (LZMA-coded headers), so that the check is not
// passed by giving up early; and that a header encrypted with the
// archive is left to the reader.
func TestSevenZipHeaderWalk(t *testing.T) {
	for _, tt := range []struct {
		file  string
		files int64
	}{{"plain.7z", 4}, {"zeros.7z", 1}, {"encrypted.7z", 1}, {"encrypted-headers.7z", -1}} {
		b := read7z(t, tt.file)
		n, err := sevenZipFiles(bytes.NewReader(b), int64(len(b)))
		if err != nil || n != tt.files {
			t.Errorf("%s: files %d, err %v; want %d", tt.file, n, err, tt.files)
		}
	}
	// A plain (uncoded) header declaring its count honestly.
	b := szArchive(nil, files2(3))
	if n, err := sevenZipFiles(bytes.NewReader(b), int64(len(b))); err != nil || n != 3 {
		t.Errorf("plain header: files %d, err %v", n, err)
	}
	if _, err := sevenZipFiles(bytes.NewReader(b[:40]), 40); err != nil {
		t.Errorf("truncated archive: %v (the reader reports it)", err)
	}
	forged := szArchive(nil, append(append([]byte{szHeader, szFilesInfo}, szNumber(100)...), szEnd, szEnd))
	if !errors.Is(checkSevenZipHeader(bytes.NewReader(forged), int64(len(forged))), errSevenZipForged) {
		t.Errorf("100 files in a header of a few bytes passed")
	}
}

// files2 is a plain header of n files, each with a two-byte empty name.
func files2(n int) []byte {
	h := append([]byte{szHeader, szFilesInfo}, szNumber(uint64(n))...)
	h = append(h, 0x11)
	h = append(h, szNumber(uint64(1+2*n))...)
	h = append(h, 0)
	h = append(h, make([]byte, 2*n)...)
	return append(h, szEnd, szEnd)
}
