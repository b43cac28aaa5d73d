package archive

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"io"
	"os"
)

// sealedSpool is a temporary file whose contents are encrypted with a key
// that exists only in this process's memory, with AES-256 in counter mode
// (which decrypts at any offset), so that a member spooled for random
// access (a PDF, a workbook or an archive inside an archive) leaves no
// plaintext on disk, not even in an unlinked file the system may still
// write out. The key goes with the process.
type sealedSpool struct {
	f     *os.File
	block cipher.Block
	iv    [aes.BlockSize]byte
}

// newSealedSpool creates the file and its key.
func newSealedSpool() (*sealedSpool, error) {
	var key [32]byte
	s := &sealedSpool{}
	if _, err := rand.Read(key[:]); err != nil {
		return nil, err
	}
	if _, err := rand.Read(s.iv[:]); err != nil {
		return nil, err
	}
	b, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	s.block = b
	f, err := os.CreateTemp("", "breachkit-spool-*")
	if err != nil {
		return nil, err
	}
	s.f = f
	return s, nil
}

// fill writes r's bytes, encrypted, and returns how many there were.
func (s *sealedSpool) fill(r io.Reader) (int64, error) {
	w := cipher.StreamWriter{S: s.stream(0), W: s.f}
	return io.Copy(w, r)
}

// ReadAt reads and decrypts len(p) bytes at off.
func (s *sealedSpool) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("spool: negative offset %d", off)
	}
	n, err := s.f.ReadAt(p, off)
	s.stream(off).XORKeyStream(p[:n], p[:n])
	return n, err
}

// stream returns the key stream from byte off: the counter of its block,
// then the bytes of the block before off skipped.
func (s *sealedSpool) stream(off int64) cipher.Stream {
	ctr := s.iv
	add := uint64(off / aes.BlockSize)
	for i := len(ctr) - 1; i >= 0 && add > 0; i-- {
		sum := uint64(ctr[i]) + add&0xFF
		ctr[i] = byte(sum)
		add = add>>8 + sum>>8
	}
	st := cipher.NewCTR(s.block, ctr[:])
	if skip := off % aes.BlockSize; skip > 0 {
		var b [aes.BlockSize]byte
		st.XORKeyStream(b[:skip], b[:skip])
	}
	return st
}
