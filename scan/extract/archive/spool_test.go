package archive

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestSealedSpool spools a stream (no random access of its own): reads at
// any offset and length give the source's bytes back, and the file on
// disk holds none of them in the clear.
func TestSealedSpool(t *testing.T) {
	src := bytes.Repeat([]byte("SSN 383-41-8663 Sierra Jefferson; "), 3000)
	ra, size, cleanup, err := Spool(&scan.Input{R: io.MultiReader(bytes.NewReader(src)), Size: -1}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if size != int64(len(src)) {
		t.Fatalf("size %d, want %d", size, len(src))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		off := rng.IntN(len(src))
		n := rng.IntN(len(src)-off) + 1
		if n > 70 && rng.IntN(2) == 0 {
			n = rng.IntN(70) + 1
		}
		p := make([]byte, n)
		if k, err := ra.ReadAt(p, int64(off)); k != n || err != nil && err != io.EOF || !bytes.Equal(p, src[off:off+n]) {
			t.Fatalf("ReadAt(%d, %d) = %d, %v: bytes differ", n, off, k, err)
		}
	}
	sp := ra.(*sealedSpool)
	raw := make([]byte, len(src))
	if _, err := sp.f.ReadAt(raw, 0); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("383-41-8663")) || bytes.Contains(raw, []byte("Jefferson")) {
		t.Error("the spool file holds the source in the clear")
	}
	// The counter carries across bytes of the IV.
	sp.iv = [16]byte{14: 0xFF, 15: 0xFF}
	a := make([]byte, 48)
	sp.stream(0).XORKeyStream(a, a)
	b := make([]byte, 16)
	sp.stream(32).XORKeyStream(b, b)
	if !bytes.Equal(a[32:], b) {
		t.Error("the key stream at an offset is not the stream's bytes there")
	}
}
