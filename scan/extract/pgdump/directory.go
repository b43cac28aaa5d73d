package pgdump

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/breachkit/breachkit/scan"
)

// DataFile reads a table's data file of pg_dump's directory format
// (pg_dump -Fd: "3352.dat", or "3352.dat.gz" as it compresses by
// default, beside the dump's toc.dat), named by the table of contents:
// its rows become a member "<schema>.<table>.sql" holding the COPY
// statement with the column names and the rows, as Extractor makes of a
// custom-format archive. Read alone, such a file is tab-separated values
// without a header. A file of that name with no pg_dump toc.dat beside it
// (or one the table of contents does not list as table data) is declined
// and read as any other file.
type DataFile struct{}

// Format implements scan.Extractor.
func (DataFile) Format() string { return "pg_dump" }

// dataFileName is the name of a data file of the directory format.
var dataFileName = regexp.MustCompile(`^[0-9]+\.dat(\.gz|\.zst)?$`)

// Accepts implements scan.Extractor: a data file's name.
func (DataFile) Accepts(name string, head []byte) bool {
	return dataFileName.MatchString(path.Base(name))
}

// Extract implements scan.Extractor.
func (DataFile) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	if in.Sibling == nil || in.Member == nil {
		return scan.ErrDecline
	}
	name := path.Base(in.Path)
	e := tocEntry(in, strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst"))
	if e == nil {
		return scan.ErrDecline
	}
	var data io.Reader = in.R
	switch {
	case strings.HasSuffix(name, ".gz"):
		z, err := gzip.NewReader(in.R)
		if err != nil {
			return fmt.Errorf("%w: %v", errCorrupt, err)
		}
		defer z.Close()
		data = z
	case strings.HasSuffix(name, ".zst"):
		z, err := zstd.NewReader(in.R, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return fmt.Errorf("%w: %v", errCorrupt, err)
		}
		defer z.Close()
		data = z
	}
	stmt := strings.TrimSpace(e.copyStmt) + "\n"
	tail := &endMark{r: data}
	body := io.MultiReader(strings.NewReader(stmt), tail, tail.mark())
	return in.Member(memberName(e.namespace, e.tag)+".sql", -1, body)
}

// tocEntry returns the table-data entry of the toc.dat beside the input
// whose data file is file, or nil.
func tocEntry(in *scan.Input, file string) *entry {
	f, err := in.Sibling("toc.dat")
	if err != nil {
		return nil
	}
	defer f.Close()
	r := &reader{r: bufio.NewReaderSize(f, 64<<10)}
	format, _, err := readHeader(r)
	if err != nil || format == formatCustom {
		return nil
	}
	entries, err := readTOC(r, format)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if e.file == file && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(e.copyStmt)), "COPY ") {
			return e
		}
	}
	return nil
}
