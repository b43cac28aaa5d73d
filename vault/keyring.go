package vault

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Keyring holds the master key in use and, during a rotation that was
// interrupted, the next one, so that every wrapped key can be opened.
type Keyring struct {
	Primary *MasterKey
	// Pending is the new key of an unfinished rotation (the ".new" file).
	Pending *MasterKey
	// Path is the key file, or "" when the key came from the environment.
	Path string
}

// Lookup returns the key with that ID.
func (r *Keyring) Lookup(id string) (*MasterKey, bool) {
	for _, k := range []*MasterKey{r.Primary, r.Pending} {
		if k != nil && k.ID == id {
			return k, true
		}
	}
	return nil, false
}

// ParseKey decodes a master key written as base64 (standard or URL
// alphabet) of 32 bytes, the form of BREACHKIT_MASTER_KEY and key files.
func ParseKey(s string) (*MasterKey, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return NewMasterKey(b)
		}
	}
	return nil, errors.New("master key is not base64")
}

// EncodeKey returns the base64 form of key bytes.
func EncodeKey(key []byte) string { return base64.StdEncoding.EncodeToString(key) }

// FromEnv returns a keyring with the key from an environment value.
func FromEnv(value string) (*Keyring, error) {
	k, err := ParseKey(value)
	if err != nil {
		return nil, fmt.Errorf("BREACHKIT_MASTER_KEY: %w", err)
	}
	return &Keyring{Primary: k}, nil
}

// OpenKeyFile loads the key file at path, creating it with a new random
// key and mode 0600 if it does not exist (created reports that). A
// pending rotation key at path+".new" is loaded too. A key file readable
// by others is refused.
func OpenKeyFile(path string) (r *Keyring, created bool, err error) {
	k, err := readKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key := GenerateKey()
		if err := WriteKeyFile(path, key); err != nil {
			return nil, false, err
		}
		k, err = NewMasterKey(key)
		created = true
	}
	if err != nil {
		return nil, false, err
	}
	r = &Keyring{Primary: k, Path: path}
	if p, err := readKeyFile(path + ".new"); err == nil {
		r.Pending = p
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	return r, created, nil
}

func readKeyFile(path string) (*MasterKey, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key file %s has mode %v: it must be readable by its owner only (chmod 600)", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, nil
}

// WriteKeyFile writes a key file crash-safely: a temporary file with mode
// 0600 in the same folder, fsync, rename, fsync of the folder.
func WriteKeyFile(path string, key []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("key file folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".breachkit-key-*")
	if err != nil {
		return fmt.Errorf("key file: %w", err)
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(EncodeKey(key) + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// CommitPending makes the pending key the primary one by renaming the
// ".new" file over the key file.
func (r *Keyring) CommitPending() error {
	if r.Path == "" || r.Pending == nil {
		return errors.New("no pending key to commit")
	}
	if err := os.Rename(r.Path+".new", r.Path); err != nil {
		return err
	}
	r.Primary, r.Pending = r.Pending, nil
	return syncDir(filepath.Dir(r.Path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
