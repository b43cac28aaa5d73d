// Package biometric recognises biometric data in a table: fingerprint,
// face, iris, palm and voice templates that time clocks, access-control
// systems and identity-verification services store in a column. The
// rule files of duties/rules with BIOMETRIC in their triggers count it,
// with a name, as personal information. A template is an opaque blob, so only a column
// whose header names one is read.
package biometric

import "bytes"

// The words of a column header (lower case) that name biometric data:
// Names by themselves, Parts with Forms ("face encoding", "palm scan");
// a header with any of Not names its consent, date, status, a stored
// template's ID, or a key's, a certificate's or a browser's fingerprint.
var (
	Names = []string{"fingerprint", "fingerprints", "biometric", "biometrics", "faceprint", "faceprints", "retina", "iris", "voiceprint", "voiceprints", "palmprint", "handprint", "minutiae", "handgeometry", "facetemplate", "fingertemplate"}
	Parts = []string{"face", "facial", "finger", "palm", "hand", "voice"}
	Forms = []string{"template", "templates", "encoding", "embedding", "embeddings", "vector", "geometry", "scan", "print", "data", "minutiae"}
	Not   = []string{"consent", "consented", "enrolled", "enrollment", "enrolment", "date", "dt", "time", "ts", "status", "flag", "type", "count", "id", "device", "reader", "scanner", "vendor", "quality", "score", "match", "matched", "policy", "opt", "optin", "optout", "notice", "retention", "expiry", "expiration",
		"key", "keys", "ssh", "certificate", "cert", "tls", "ssl", "browser", "sha", "sha1", "sha256", "md5", "gpg", "pgp", "hash", "session", "client", "ja3", "file", "public", "host", "server", "app", "apk", "signing", "token"}
)

// Valid reports whether a value under a biometric header is a template:
// at least 24 bytes of encoded data (base64, hex, a vector of numbers;
// the smallest minutiae template is larger), not a placeholder, a URL or
// the name of a file that holds it. Shorter tokens under "fingerprint"
// are a payment card's or a browser's (Stripe's 16 characters,
// FingerprintJS's visitor ID of 20).
func Valid(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < 24 {
		return false
	}
	l := bytes.ToLower(v)
	if bytes.HasPrefix(l, []byte("http:")) || bytes.HasPrefix(l, []byte("https:")) || bytes.HasPrefix(l, []byte("s3:")) || bytes.HasPrefix(l, []byte("file:")) {
		return false
	}
	for _, ext := range [...]string{".bin", ".dat", ".jpg", ".jpeg", ".png", ".bmp", ".wsq", ".iso", ".tif", ".tiff", ".wav", ".mp3", ".fmd", ".ansi"} {
		if bytes.HasSuffix(l, []byte(ext)) {
			return false
		}
	}
	if hashLike(l) {
		return false // a key's or a file's fingerprint
	}
	distinct := map[byte]bool{}
	for _, c := range v {
		distinct[c] = true
		if c < ' ' && c != '\t' {
			return false
		}
	}
	return len(distinct) >= 6
}

// hashLike reports a lower-cased value that is a digest: "sha256:…",
// "md5:…", colon-separated hex pairs, or 32, 40, 64 or 128 hex digits.
func hashLike(l []byte) bool {
	if bytes.HasPrefix(l, []byte("sha")) || bytes.HasPrefix(l, []byte("md5")) {
		return true
	}
	hex, colons := 0, 0
	for _, c := range l {
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'f':
			hex++
		case c == ':':
			colons++
		default:
			return false
		}
	}
	if colons > 0 {
		return colons*2+colons >= len(l)-2 // aa:bb:cc…
	}
	switch hex {
	case 32, 40, 64, 128:
		return true
	}
	return false
}
