// Package vault keeps personal values encrypted at rest. Each case has a
// random data key; the key is stored only wrapped (encrypted) under a
// master key that lives outside the store, in BREACHKIT_MASTER_KEY or a
// key file with mode 0600. Values are sealed with XChaCha20-Poly1305 and
// fingerprinted with HMAC-SHA-256, both under keys derived from the data
// key, so that equal values can be matched without decrypting them.
package vault

import (
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/breachkit/breachkit"
)

// KeySize is the size in bytes of master and data keys.
const KeySize = 32

// ErrWrongKey means a wrapped data key or a sealed value does not open
// under the key given: the master key is not the one that wrapped it, or
// the bytes were changed.
var ErrWrongKey = errors.New("wrong key or corrupted ciphertext")

// MasterKey wraps and unwraps case data keys.
type MasterKey struct {
	ID   string // a short public identifier, stored beside each wrapped key
	aead cipher.AEAD
}

// NewMasterKey returns a master key from 32 key bytes.
func NewMasterKey(key []byte) (*MasterKey, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("master key must be %d bytes, got %d", KeySize, len(key))
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	id := sha256.Sum256(append([]byte("breachkit-master-key-id\x00"), key...))
	return &MasterKey{ID: hex.EncodeToString(id[:6]), aead: aead}, nil
}

// GenerateKey returns KeySize random bytes from the system's CSPRNG.
func GenerateKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic("vault: system random source failed: " + err.Error())
	}
	return k
}

var wrapAD = []byte("breachkit-data-key-v1")

// Wrap encrypts a data key under the master key.
func (m *MasterKey) Wrap(dataKey []byte) []byte {
	return seal(m.aead, dataKey, wrapAD)
}

// Unwrap decrypts a wrapped data key; ErrWrongKey if m did not wrap it.
func (m *MasterKey) Unwrap(wrapped []byte) ([]byte, error) {
	return open(m.aead, wrapped, wrapAD)
}

// CaseKeys seals, opens and fingerprints the values of one case.
type CaseKeys struct {
	caseID int64
	aead   cipher.AEAD
	fpKey  []byte
	// fps holds keyed HMAC states with a scratch buffer, so that a
	// fingerprint does not set up HMAC (two SHA-256 blocks) every time.
	fps sync.Pool
}

type fpState struct {
	h   hash.Hash
	buf []byte
}

// NewCaseKeys derives the sealing and fingerprint keys of a case from its
// data key. The case ID is bound into every sealed value, so a value
// copied to another case does not open there.
func NewCaseKeys(caseID int64, dataKey []byte) (*CaseKeys, error) {
	if len(dataKey) != KeySize {
		return nil, fmt.Errorf("data key must be %d bytes, got %d", KeySize, len(dataKey))
	}
	encKey, err := hkdf.Key(sha256.New, dataKey, nil, "breachkit seal v1", KeySize)
	if err != nil {
		return nil, err
	}
	fpKey, err := hkdf.Key(sha256.New, dataKey, nil, "breachkit fingerprint v1", KeySize)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(encKey)
	if err != nil {
		return nil, err
	}
	return &CaseKeys{caseID: caseID, aead: aead, fpKey: fpKey}, nil
}

func (k *CaseKeys) ad(e breachkit.Element) []byte {
	return []byte("breachkit-value-v1|" + strconv.FormatInt(k.caseID, 10) + "|" + string(e))
}

// Seal encrypts a value of element e.
func (k *CaseKeys) Seal(e breachkit.Element, plaintext []byte) breachkit.Sealed {
	return seal(k.aead, plaintext, k.ad(e))
}

// Open decrypts a value sealed for element e.
func (k *CaseKeys) Open(e breachkit.Element, s breachkit.Sealed) ([]byte, error) {
	return open(k.aead, s, k.ad(e))
}

// Fingerprint returns a keyed hash of the normalized value (see
// breachkit.Normalize), 16 bytes: equal for equal values of the case,
// and useless to anyone without the data key.
func (k *CaseKeys) Fingerprint(e breachkit.Element, value string) []byte {
	st, _ := k.fps.Get().(*fpState)
	if st == nil {
		st = &fpState{h: hmac.New(sha256.New, k.fpKey)}
	} else {
		st.h.Reset()
	}
	st.buf = append(append(append(st.buf[:0], e...), 0), breachkit.Normalize(e, value)...)
	st.h.Write(st.buf)
	st.buf = st.h.Sum(st.buf[:0])
	out := make([]byte, 16)
	copy(out, st.buf)
	k.fps.Put(st)
	return out
}

func seal(aead cipher.AEAD, plaintext, ad []byte) []byte {
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("vault: system random source failed: " + err.Error())
	}
	return aead.Seal(nonce, nonce, plaintext, ad)
}

func open(aead cipher.AEAD, ct, ad []byte) ([]byte, error) {
	if len(ct) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrWrongKey
	}
	pt, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], ad)
	if err != nil {
		return nil, ErrWrongKey
	}
	return pt, nil
}
