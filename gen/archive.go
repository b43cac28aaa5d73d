package gen

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func bufioWriter(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 64<<10) }

// stagePath is where a file inside an archive is written before packing:
// the truth path with separators flattened, inside the staging folder.
func (g *generator) stagePath(truthPath string) string {
	r := strings.NewReplacer("/", "__", "!", "_")
	return filepath.Join(g.stage, r.Replace(truthPath))
}

// member is a file to put into an archive.
type member struct {
	name  string // name inside the archive
	truth string // truth path of the member (its staging file)
}

// packZip writes a zip archive of staged members. When truthPath is
// itself inside an archive the zip is staged too (nested archives).
func (g *generator) packZip(truthPath string, members []member) error {
	var out io.Writer
	var af *atomicFile
	var sf *os.File
	var err error
	if strings.Contains(truthPath, "!/") {
		if sf, err = os.Create(g.stagePath(truthPath)); err != nil {
			return err
		}
		out = sf
	} else {
		if af, err = createAtomic(filepath.Join(g.out, filepath.FromSlash(truthPath))); err != nil {
			return err
		}
		out = af.f
	}
	cw := &countWriter{w: out}
	zw := zip.NewWriter(cw)
	for _, m := range members {
		method := zip.Deflate
		if strings.HasSuffix(m.name, ".zip") {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: method, Modified: fixedTime})
		if err == nil {
			err = copyFile(w, g.stagePath(m.truth))
		}
		if err != nil {
			af.Abort()
			if sf != nil {
				sf.Close()
			}
			return err
		}
	}
	if err := zw.Close(); err != nil {
		af.Abort()
		return err
	}
	if sf != nil {
		return sf.Close()
	}
	if err := af.Commit(); err != nil {
		return err
	}
	g.addFile(truthPath, cw.n)
	return nil
}

// packTarGz writes a gzip-compressed tar archive of staged members.
func (g *generator) packTarGz(truthPath string, members []member) error {
	af, err := createAtomic(filepath.Join(g.out, filepath.FromSlash(truthPath)))
	if err != nil {
		return err
	}
	cw := &countWriter{w: af.f}
	gz, _ := gzip.NewWriterLevel(cw, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	for _, m := range members {
		fi, err := os.Stat(g.stagePath(m.truth))
		if err == nil {
			err = tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: fi.Size(), ModTime: fixedTime,
				Typeflag: tar.TypeReg, Uname: "svc", Gname: "svc", Format: tar.FormatUSTAR})
		}
		if err == nil {
			err = copyFile(tw, g.stagePath(m.truth))
		}
		if err != nil {
			af.Abort()
			return err
		}
	}
	if err := tw.Close(); err != nil {
		af.Abort()
		return err
	}
	if err := gz.Close(); err != nil {
		af.Abort()
		return err
	}
	if err := af.Commit(); err != nil {
		return err
	}
	g.addFile(truthPath, cw.n)
	return nil
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
