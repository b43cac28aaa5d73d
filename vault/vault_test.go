package vault

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestSealOpen(t *testing.T) {
	k, err := NewCaseKeys(7, GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte("078-00-1234")
	s := k.Seal(breachkit.SSN, plain)
	if bytes.Contains(s, plain) {
		t.Fatal("sealed value contains the plaintext")
	}
	got, err := k.Open(breachkit.SSN, s)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if bytes.Equal(k.Seal(breachkit.SSN, plain), s) {
		t.Error("two seals of one value are equal: nonce not random")
	}
	tests := []struct {
		name string
		keys *CaseKeys
		elem breachkit.Element
		ct   breachkit.Sealed
	}{
		{"other element", k, breachkit.Phone, s},
		{"other case", mustKeys(t, 8, nil), breachkit.SSN, s},
		{"flipped bit", k, breachkit.SSN, flip(s)},
		{"truncated", k, breachkit.SSN, s[:10]},
	}
	for _, tt := range tests {
		if _, err := tt.keys.Open(tt.elem, tt.ct); !errors.Is(err, ErrWrongKey) {
			t.Errorf("%s: err = %v, want ErrWrongKey", tt.name, err)
		}
	}
}

func mustKeys(t *testing.T, id int64, key []byte) *CaseKeys {
	if key == nil {
		key = GenerateKey()
	}
	k, err := NewCaseKeys(id, key)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func flip(b []byte) []byte {
	c := append([]byte(nil), b...)
	c[len(c)-1] ^= 1
	return c
}

func TestFingerprint(t *testing.T) {
	key := GenerateKey()
	k := mustKeys(t, 1, key)
	tests := []struct {
		e    breachkit.Element
		a, b string
		same bool
	}{
		{breachkit.SSN, "123-45-6780", "123 45 6780", true},
		{breachkit.SSN, "123-45-6780", "123456780", true},
		{breachkit.SSN, "123-45-6780", "123-45-6781", false},
		{breachkit.Email, "Ann@Example.com ", "ann@example.com", true},
		{breachkit.Phone, "+1 (212) 555-0147", "212-555-0147", true},
	}
	for _, tt := range tests {
		if got := bytes.Equal(k.Fingerprint(tt.e, tt.a), k.Fingerprint(tt.e, tt.b)); got != tt.same {
			t.Errorf("%s %q vs %q: same = %v, want %v", tt.e, tt.a, tt.b, got, tt.same)
		}
	}
	if bytes.Equal(k.Fingerprint(breachkit.SSN, "1"), mustKeys(t, 1, GenerateKey()).Fingerprint(breachkit.SSN, "1")) {
		t.Error("fingerprints of different data keys are equal")
	}
	if !bytes.Equal(k.Fingerprint(breachkit.SSN, "1"), mustKeys(t, 1, key).Fingerprint(breachkit.SSN, "1")) {
		t.Error("fingerprints under the same data key differ")
	}
}

// TestFingerprintStable pins fingerprints to HMAC-SHA-256 under the
// HKDF-derived key (computed independently, outside Go), so that stores
// written by earlier versions still join; and checks that reused HMAC
// states give the same answer from many goroutines.
func TestFingerprintStable(t *testing.T) {
	dk := make([]byte, KeySize)
	for i := range dk {
		dk[i] = byte(i)
	}
	k := mustKeys(t, 1, dk)
	tests := []struct {
		e    breachkit.Element
		v    string
		want string
	}{
		{breachkit.SSN, "123-45-6780", "f588894619a3e8b92cd334b349836f2c"},
		{breachkit.Email, " Ann@Example.com", "5b0c60ac315709ae06b9e945fc4e3840"},
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				for _, tt := range tests {
					if got := hex.EncodeToString(k.Fingerprint(tt.e, tt.v)); got != tt.want {
						t.Errorf("Fingerprint(%s, %q) = %s, want %s", tt.e, tt.v, got, tt.want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestWrap(t *testing.T) {
	m1, _ := NewMasterKey(GenerateKey())
	m2, _ := NewMasterKey(GenerateKey())
	dk := GenerateKey()
	w := m1.Wrap(dk)
	if got, err := m1.Unwrap(w); err != nil || !bytes.Equal(got, dk) {
		t.Fatalf("Unwrap = %v", err)
	}
	if _, err := m2.Unwrap(w); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("Unwrap with another key: %v", err)
	}
	if m1.ID == m2.ID {
		t.Fatal("two keys share an ID")
	}
}

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "master.key")
	r, created, err := OpenKeyFile(path)
	if err != nil || !created {
		t.Fatalf("OpenKeyFile = %v, created %v", err, created)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v", fi.Mode().Perm(), err)
	}
	r2, created, err := OpenKeyFile(path)
	if err != nil || created || r2.Primary.ID != r.Primary.ID {
		t.Fatalf("reopen: %v created=%v", err, created)
	}
	os.Chmod(path, 0o644)
	if _, _, err := OpenKeyFile(path); err == nil {
		t.Fatal("a world-readable key file was accepted")
	}
	if _, err := FromEnv("not base64!"); err == nil {
		t.Fatal("bad env key accepted")
	}
	if _, err := FromEnv(EncodeKey(GenerateKey()[:16])); err == nil {
		t.Fatal("short env key accepted")
	}
}
