package archive

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// FirstMemberHasPrefix reports whether head, the first bytes of a file,
// is a zip local file header whose member name starts with prefix. Office
// packages (word/, xl/) are told apart from plain zips this way.
func FirstMemberHasPrefix(head []byte, prefix string) bool {
	if len(head) < 30 || !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false
	}
	n := min(int(head[26])|int(head[27])<<8, len(head)-30)
	return strings.HasPrefix(string(head[30:30+n]), prefix)
}

// oleMagic starts an OLE compound file: legacy Office formats, and the
// wrapper of encrypted OOXML documents.
const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// OpenPackage opens an Office package (a zip) from in, spooling it to a
// temporary file within the input's member-size limit when in.R gives no
// random access. Insecure member names are tolerated: packages are read,
// never extracted. The caller must call cleanup.
func OpenPackage(in *scan.Input, format string) (zr *zip.Reader, lim scan.Limits, cleanup func(), err error) {
	lim = EffectiveLimits(in.Limits)
	ra, size, cleanup, err := Spool(in, lim.MaxMemberSize)
	if err != nil {
		return nil, lim, nil, err
	}
	zr, err = zip.NewReader(ra, size)
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		var head [8]byte
		n, _ := ra.ReadAt(head[:], 0)
		cleanup()
		if n == len(head) && string(head[:]) == oleMagic {
			// Word and Excel keep a password-protected document in an
			// OLE compound file around the encrypted package.
			return nil, lim, nil, fmt.Errorf("encrypted %s (password-protected Office document): its content cannot be read without the password", format)
		}
		return nil, lim, nil, fmt.Errorf("corrupt %s: %v", format, err)
	}
	return zr, lim, cleanup, nil
}

// OpenDocumentType returns the media type that an OpenDocument package
// (.ods, .odt, ...) names in its first member, "mimetype", stored
// uncompressed as the format requires ("application/vnd.oasis.opendocument.spreadsheet"),
// or "" when head does not start one.
func OpenDocumentType(head []byte) string {
	if !FirstMemberHasPrefix(head, "mimetype") {
		return ""
	}
	n := int(head[26]) | int(head[27])<<8
	extra := int(head[28]) | int(head[29])<<8
	start := 30 + n + extra
	const prefix = "application/vnd.oasis.opendocument."
	if n != len("mimetype") || start > len(head) || !bytes.HasPrefix(head[start:], []byte(prefix)) {
		return ""
	}
	// The local header may leave the size to a data descriptor: the
	// type runs to the first byte that cannot be part of it.
	end := start + len(prefix)
	for end < len(head) && end-start < 100 && (head[end] >= 'a' && head[end] <= 'z' || head[end] == '-' || head[end] == '.') {
		end++
	}
	return string(head[start:end])
}

// Pictures hands the pictures of an office package (the members under
// dir, word/media/ in a .docx) back to the pipeline, when Input.OCR is
// set: a scan of an ID or a screenshot of a customer record pasted into
// a document holds its personal data only in its pixels. Without OCR
// they are left alone: every letterhead has a logo, and reporting each
// as not read would bury what matters.
func Pictures(in *scan.Input, zr *zip.Reader, lim scan.Limits, dir string) error {
	if in.OCR == nil || in.Member == nil {
		return nil
	}
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")
		if !strings.HasPrefix(strings.ToLower(name), dir) || f.FileInfo().IsDir() {
			continue
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp":
		default:
			continue // vector drawings (.emf, .wmf, .svg) hold no scan
		}
		rc, err := OpenMember(f, name, lim)
		if err != nil {
			in.Warning(fmt.Sprintf("picture %s not read: %v", name, err))
			continue
		}
		err = in.Member(name, int64(f.UncompressedSize64), rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
