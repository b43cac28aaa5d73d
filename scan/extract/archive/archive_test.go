package archive

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/breachkit/breachkit/scan"
)

// result is what the fake pipeline saw.
type result struct {
	files map[string]string // leaf path -> first bytes
	sizes map[string]int64  // leaf path -> bytes read
	warns []string
}

// extractors are tried in the order a pipeline would register them.
var extractors = []scan.Extractor{Zip{}, SevenZip{}, Rar{}, Tar{}, Gzip{}, Bzip2{}}

// run extracts a source the way the pipeline does: members are sniffed
// and extracted recursively; leaves are read fully, keeping a prefix.
// Errors wrapping ErrLimit are returned from Member so nested bombs stop.
func run(t testing.TB, ex scan.Extractor, path string, r io.Reader, size int64, lim *scan.Limits) (*result, error) {
	res := &result{files: map[string]string{}, sizes: map[string]int64{}}
	err := runAt(ex, path, r, size, 0, lim, res)
	return res, err
}

func runAt(ex scan.Extractor, path string, r io.Reader, size int64, depth int, lim *scan.Limits, res *result) error {
	in := &scan.Input{Path: path, R: r, Size: size, Depth: depth, Limits: lim}
	in.Warn = func(s string) { res.warns = append(res.warns, path+": "+s) }
	in.Member = func(name string, size int64, r io.Reader) error {
		p := path + "!/" + name
		br := bufioPeek(r)
		head := br.head
		for _, e := range extractors {
			if e.Accepts(name, head) {
				err := runAt(e, p, br, size, depth+1, lim, res)
				if errors.Is(err, ErrLimit) {
					return err
				}
				if err != nil {
					res.warns = append(res.warns, p+": skipped: "+err.Error())
				}
				return nil
			}
		}
		var keep bytes.Buffer
		n, err := io.Copy(io.Discard, io.TeeReader(br, &limitedBuffer{&keep, 4096}))
		res.files[p] = keep.String()
		res.sizes[p] = n
		if errors.Is(err, ErrLimit) {
			return err
		}
		if err != nil {
			res.warns = append(res.warns, p+": read: "+err.Error())
		}
		return nil
	}
	return ex.Extract(context.Background(), in, func(scan.Segment) error { return nil })
}

// peeked replays a head read for sniffing, then the rest.
type peeked struct {
	head []byte
	io.Reader
}

func bufioPeek(r io.Reader) *peeked {
	head := make([]byte, 512)
	n, _ := io.ReadFull(r, head)
	head = head[:n]
	return &peeked{head: head, Reader: io.MultiReader(bytes.NewReader(head), r)}
}

// limitedBuffer keeps at most max bytes.
type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// stream hides io.ReaderAt so that Zip has to spool.
type stream struct{ r io.Reader }

func (s stream) Read(p []byte) (int, error) { return s.r.Read(p) }

type entry struct {
	name string
	data []byte
}

func makeZip(t testing.TB, entries ...entry) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		f, err := w.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(e.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func makeTar(t testing.TB, entries ...entry) []byte {
	var b bytes.Buffer
	w := tar.NewWriter(&b)
	for _, e := range entries {
		if err := w.WriteHeader(&tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	w.Close()
	return b.Bytes()
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func xzOf(data []byte) []byte {
	var b bytes.Buffer
	w, err := xz.NewWriter(&b)
	if err != nil {
		panic(err)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func zstdOf(data []byte) []byte {
	w, err := zstd.NewWriter(nil)
	if err != nil {
		panic(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// Fictional rows.
const (
	csvRows = "name,ssn\nJane Roe,078-05-1120\n"
	// bzip2 of csvRows, made with bzip2 -9.
	csvBz2 = "425a6839314159265359b092b15700000cdf800010400672c000101000220388002000314d32313131089a069b28327b1da101dd4232104ed62225ab36e7c5dc914e14242c24ac55c0"
	// bzip2 of a tar holding people.csv = "name,email\nJohn Doe,john.doe@example.com\n".
	tarBz2 = "425a6839314159265359f82210a20000897f84ca10004040057f80441001006e77df400000804820007412a136a4cd4f49a6269b446868f4d47a83289934000001a0038ea04fc41018b20822899e0c910b112092024b5ae2b94efa8085308e581da908106d0f62e96226090e75550b1f7a175bf71cd4d8e22f4dfbd07a6c506da844fdb6ff252d8adc4ee63faca75a139addc14a507f177245385090f82210a2"
)

func TestExtract(t *testing.T) {
	inner := makeZip(t, entry{"deep/people.csv", []byte(csvRows)})
	tests := []struct {
		name    string
		ex      scan.Extractor
		path    string
		data    []byte
		stream  bool
		want    map[string]string
		wantErr string
		warn    string
	}{
		{name: "zip", ex: Zip{}, path: "a.zip", data: makeZip(t, entry{"dir/people.csv", []byte(csvRows)}, entry{"dir/", nil}, entry{"notes.txt", []byte("hello")}),
			want: map[string]string{"a.zip!/dir/people.csv": csvRows, "a.zip!/notes.txt": "hello"}},
		{name: "zip streamed (spooled)", ex: Zip{}, path: "a.zip", stream: true, data: makeZip(t, entry{"people.csv", []byte(csvRows)}),
			want: map[string]string{"a.zip!/people.csv": csvRows}},
		{name: "nested zip", ex: Zip{}, path: "outer.zip", data: makeZip(t, entry{"inner.zip", inner}),
			want: map[string]string{"outer.zip!/inner.zip!/deep/people.csv": csvRows}},
		{name: "empty zip", ex: Zip{}, path: "e.zip", data: makeZip(t), want: map[string]string{}},
		{name: "tar", ex: Tar{}, path: "a.tar", data: makeTar(t, entry{"x/people.csv", []byte(csvRows)}),
			want: map[string]string{"a.tar!/x/people.csv": csvRows}},
		{name: "tar.gz", ex: Tar{}, path: "a.tgz", data: gz(makeTar(t, entry{"people.csv", []byte(csvRows)}, entry{"in.zip", inner})),
			want: map[string]string{"a.tgz!/people.csv": csvRows, "a.tgz!/in.zip!/deep/people.csv": csvRows}},
		{name: "tar.bz2", ex: Tar{}, path: "a.tar.bz2", data: mustHex(tarBz2),
			want: map[string]string{"a.tar.bz2!/people.csv": "name,email\nJohn Doe,john.doe@example.com\n"}},
		{name: "gzip", ex: Gzip{}, path: "dir/people.csv.gz", data: gz([]byte(csvRows)),
			want: map[string]string{"dir/people.csv.gz!/people.csv": csvRows}},
		{name: "gzip holding a tar", ex: Gzip{}, path: "backup.gz", data: gz(makeTar(t, entry{"p.csv", []byte(csvRows)})),
			want: map[string]string{"backup.gz!/backup!/p.csv": csvRows}},
		{name: "bzip2", ex: Bzip2{}, path: "people.csv.bz2", data: mustHex(csvBz2),
			want: map[string]string{"people.csv.bz2!/people.csv": csvRows}},
		{name: "xz", ex: Xz{}, path: "dump.sql.xz", data: xzOf([]byte(csvRows)),
			want: map[string]string{"dump.sql.xz!/dump.sql": csvRows}},
		{name: "xz, two streams", ex: Xz{}, path: "p.csv.xz", data: append(xzOf([]byte("a,b\n")), xzOf([]byte("c,d\n"))...),
			want: map[string]string{"p.csv.xz!/p.csv": "a,b\nc,d\n"}},
		{name: "zstd", ex: Zstd{}, path: "people.csv.zst", data: zstdOf([]byte(csvRows)),
			want: map[string]string{"people.csv.zst!/people.csv": csvRows}},
		{name: "zstd, two frames", ex: Zstd{}, path: "p.csv.zstd", data: append(zstdOf([]byte("a,b\n")), zstdOf([]byte("c,d\n"))...),
			want: map[string]string{"p.csv.zstd!/p.csv": "a,b\nc,d\n"}},
		{name: "tar.xz", ex: Tar{}, path: "a.tar.xz", data: xzOf(makeTar(t, entry{"people.csv", []byte(csvRows)}, entry{"in.zip", inner})),
			want: map[string]string{"a.tar.xz!/people.csv": csvRows, "a.tar.xz!/in.zip!/deep/people.csv": csvRows}},
		{name: "tar.zst", ex: Tar{}, path: "a.tzst", data: zstdOf(makeTar(t, entry{"people.csv", []byte(csvRows)})),
			want: map[string]string{"a.tzst!/people.csv": csvRows}},
		{name: "xz truncated", ex: Xz{}, path: "p.csv.xz", data: xzOf(bytes.Repeat([]byte(csvRows), 100))[:80], warn: "corrupt archive"},
		{name: "xz bad header", ex: Xz{}, path: "p.csv.xz", data: []byte("plain text, not xz"), wantErr: "corrupt archive"},
		{name: "zstd truncated", ex: Zstd{}, path: "p.csv.zst", data: zstdOf(bytes.Repeat([]byte(csvRows), 100))[:60], warn: "corrupt archive"},
		{name: "zstd bad magic", ex: Zstd{}, path: "p.csv.zst", data: []byte("plain text, not zstd"), warn: "corrupt archive"},
		{name: "zip truncated", ex: Zip{}, path: "t.zip", data: makeZip(t, entry{"people.csv", []byte(csvRows)})[:40], wantErr: "corrupt archive"},
		{name: "not a zip", ex: Zip{}, path: "t.zip", data: []byte("hello"), wantErr: "corrupt archive"},
		{name: "tar truncated in first member", ex: Tar{}, path: "t.tar", data: makeTar(t, entry{"people.csv", bytes.Repeat([]byte("x"), 5000)})[:2000],
			want: map[string]string{"t.tar!/people.csv": strings.Repeat("x", 1488)}, warn: "corrupt archive"},
		{name: "tar truncated header", ex: Tar{}, path: "t.tar", data: makeTar(t, entry{"people.csv", []byte(csvRows)})[:100], wantErr: "corrupt archive"},
		{name: "gzip truncated", ex: Gzip{}, path: "p.csv.gz", data: gz(bytes.Repeat([]byte(csvRows), 100))[:60], warn: "corrupt archive"},
		{name: "gzip bad header", ex: Gzip{}, path: "p.csv.gz", data: []byte("plain text"), wantErr: "corrupt archive"},
		{name: "bzip2 corrupt", ex: Bzip2{}, path: "p.bz2", data: append(mustHex(csvBz2)[:30], 0xff, 0xff), warn: "corrupt archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r io.Reader = bytes.NewReader(tt.data)
			size := int64(len(tt.data))
			if tt.stream {
				r, size = stream{r}, -1
			}
			res, err := run(t, tt.ex, tt.path, r, size, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(res.warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", res.warns, tt.warn)
			}
			if tt.warn == "" && len(res.warns) > 0 {
				t.Errorf("unexpected warnings %q", res.warns)
			}
			for p, want := range tt.want {
				if got, ok := res.files[p]; !ok || got != want {
					t.Errorf("%s = %q (present %v), want %q; have %v", p, got, ok, want, keys(res.files))
				}
			}
			if tt.want != nil && len(res.files) != len(tt.want) {
				t.Errorf("files %v, want %d", keys(res.files), len(tt.want))
			}
		})
	}
}

func keys(m map[string]string) []string {
	var k []string
	for p := range m {
		k = append(k, p)
	}
	return k
}

func TestAccepts(t *testing.T) {
	zipHead := makeZip(t, entry{"a", []byte("b")})
	tarHead := makeTar(t, entry{"a", []byte("b")})[:512]
	tests := []struct {
		ex   scan.Extractor
		name string
		head []byte
		want bool
	}{
		{Zip{}, "a.zip", nil, true},
		{Zip{}, "blob", zipHead, true},
		{Zip{}, "book.xlsx", zipHead, false},
		{Zip{}, "letter.docx", zipHead, false},
		{Zip{}, "a.txt", []byte("PK but text"), false},
		{Tar{}, "a.tar", nil, true},
		{Tar{}, "a.tar.gz", nil, true},
		{Tar{}, "a.TGZ", nil, true},
		{Tar{}, "blob", tarHead, true},
		{Tar{}, "blob", []byte("hello"), false},
		{Gzip{}, "a.csv.gz", nil, true},
		{Gzip{}, "a.tar.gz", gz(nil), false},
		{Gzip{}, "blob", gz([]byte("x")), true},
		{Bzip2{}, "a.csv.bz2", nil, true},
		{Bzip2{}, "blob", mustHex(csvBz2), true},
		{Bzip2{}, "a.tar.bz2", mustHex(csvBz2), false},
		{Bzip2{}, "blob", []byte("BZh9 is not enough"), false},
		{Xz{}, "dump.sql.xz", nil, true},
		{Xz{}, "blob", xzOf(nil), true},
		{Xz{}, "a.tar.xz", xzOf(nil), false},
		{Xz{}, "a.txt", []byte("7zXZ"), false},
		{Zstd{}, "dump.sql.zst", nil, true},
		{Zstd{}, "dump.sql.ZSTD", nil, true},
		{Zstd{}, "blob", zstdOf([]byte("x")), true},
		{Zstd{}, "a.tar.zst", zstdOf(nil), false},
		{Tar{}, "a.tar.xz", nil, true},
		{Tar{}, "a.tzst", nil, true},
		{SevenZip{}, "staged.7z", nil, true},
		{SevenZip{}, "STAGED.7Z", nil, true},
		{SevenZip{}, "blob", []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4}, true},
		{SevenZip{}, "a.txt", []byte("7z is a format"), false},
		{Xz{}, "a.7z", []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, false},
	}
	for _, tt := range tests {
		if got := tt.ex.Accepts(tt.name, tt.head); got != tt.want {
			t.Errorf("%s.Accepts(%q) = %v, want %v", tt.ex.Format(), tt.name, got, tt.want)
		}
	}
}

func TestSafeName(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"dir/file.csv", "dir/file.csv", true},
		{"dir/", "dir", true},
		{"./a/./b", "a/b", true},
		{"../../etc/passwd", "etc/passwd", false},
		{"a/../../b", "a/b", false},
		{"/etc/shadow", "etc/shadow", false},
		{`C:\Windows\system.ini`, "Windows/system.ini", false},
		{"c:evil", "evil", false},
		{`..\..\x.csv`, "x.csv", false},
		{"a\x00b.csv", "ab.csv", false},
		{"..", "fallback", false},
		{"", "fallback", true},
	}
	for _, tt := range tests {
		got, ok := SafeName(tt.in, "fallback")
		if got != tt.want || ok != tt.ok {
			t.Errorf("SafeName(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTraversalNames(t *testing.T) {
	dir := t.TempDir()
	data := makeZip(t,
		entry{"../../escape.csv", []byte(csvRows)},
		entry{"/abs/x.csv", []byte(csvRows)},
		entry{`C:\temp\y.csv`, []byte(csvRows)},
		entry{"n\x00ul.csv", []byte(csvRows)},
	)
	res, err := run(t, Zip{}, "t.zip", bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"t.zip!/escape.csv", "t.zip!/abs/x.csv", "t.zip!/temp/y.csv", "t.zip!/nul.csv"} {
		if res.files[p] != csvRows {
			t.Errorf("%s not scanned; have %v", p, keys(res.files))
		}
	}
	if len(res.warns) != 4 || !strings.Contains(res.warns[0], "unsafe path") {
		t.Errorf("warnings = %q", res.warns)
	}
	tdata := makeTar(t, entry{"../../../tmp/evil.csv", []byte(csvRows)})
	res, err = run(t, Tar{}, "t.tar", bytes.NewReader(tdata), int64(len(tdata)), nil)
	if err != nil || res.files["t.tar!/tmp/evil.csv"] != csvRows || len(res.warns) != 1 {
		t.Errorf("tar traversal: err %v files %v warns %q", err, keys(res.files), res.warns)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("files written: %v", ents)
	}
}

// setFlag sets general-purpose flag bits of every entry of a zip, in the
// local headers and the central directory.
func setFlag(data []byte, bit uint16) []byte {
	out := bytes.Clone(data)
	for i := 0; i+12 < len(out); i++ {
		switch string(out[i : i+4]) {
		case "PK\x03\x04":
			f := binary.LittleEndian.Uint16(out[i+6:])
			binary.LittleEndian.PutUint16(out[i+6:], f|bit)
		case "PK\x01\x02":
			f := binary.LittleEndian.Uint16(out[i+8:])
			binary.LittleEndian.PutUint16(out[i+8:], f|bit)
		}
	}
	return out
}

func TestEncryptedMember(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, _ := w.CreateHeader(&zip.FileHeader{Name: "secret.csv", Method: zip.Store})
	f.Write([]byte(csvRows))
	w.Close()
	enc := setFlag(b.Bytes(), 0x1)
	// A second, clear member after the encrypted one is still scanned.
	var b2 bytes.Buffer
	w2 := zip.NewWriter(&b2)
	r, err := zip.NewReader(bytes.NewReader(enc), int64(len(enc)))
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Copy(r.File[0]); err != nil {
		t.Fatal(err)
	}
	f2, _ := w2.Create("clear.csv")
	f2.Write([]byte(csvRows))
	w2.Close()
	data := b2.Bytes()
	res, err := run(t, Zip{}, "e.zip", bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.warns) != 1 || !strings.Contains(res.warns[0], `member "secret.csv" is encrypted`) {
		t.Errorf("warnings = %q", res.warns)
	}
	if _, ok := res.files["e.zip!/secret.csv"]; ok {
		t.Error("encrypted member scanned")
	}
	if res.files["e.zip!/clear.csv"] != csvRows {
		t.Error("clear member not scanned")
	}
}

func TestChecksumMismatch(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, _ := w.CreateHeader(&zip.FileHeader{Name: "p.csv", Method: zip.Store})
	f.Write([]byte(csvRows))
	w.Close()
	data := bytes.Replace(b.Bytes(), []byte("Jane"), []byte("Jone"), 1)
	res, err := run(t, Zip{}, "c.zip", bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.warns, "\n"), "fails its checksum") {
		t.Errorf("warnings = %q", res.warns)
	}
}

func TestOverlappingMembers(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range []string{"a.csv", "b.csv"} {
		f, _ := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		f.Write([]byte(csvRows))
	}
	w.Close()
	data := b.Bytes()
	// Point the second central directory entry at the first local header.
	second := bytes.LastIndex(data, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(data[second+42:], 0)
	_, err := run(t, Zip{}, "o.zip", bytes.NewReader(data), int64(len(data)), nil)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "overlaps") {
		t.Fatalf("err = %v", err)
	}
}

func TestLimits(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789"), 1000) // 10 kB, compresses well
	many := make([]entry, 20)
	for i := range many {
		many[i] = entry{name: string(rune('a'+i)) + ".txt", data: []byte("x")}
	}
	tests := []struct {
		name    string
		ex      scan.Extractor
		data    []byte
		depth   int
		lim     scan.Limits
		wantErr error
		warn    string
		files   int
	}{
		{"member too large, next one scanned", Zip{}, makeZip(t, entry{"big.txt", big}, entry{"small.txt", []byte("x")}), 0,
			scan.Limits{MaxMemberSize: 1000}, nil, `member "big.txt" is larger than the limit of 1000 bytes; scanned partly`, 2},
		{"total size", Zip{}, makeZip(t, entry{"a.txt", big}, entry{"b.txt", big}), 0,
			scan.Limits{MaxTotalSize: 15000}, ErrLimit, "", 0},
		{"too many members", Zip{}, makeZip(t, many...), 0,
			scan.Limits{MaxMembers: 5}, nil, "more than 5 members", 5},
		{"tar too many members", Tar{}, makeTar(t, many...), 0,
			scan.Limits{MaxMembers: 5}, nil, "more than 5 members", 5},
		{"tar total size", Tar{}, makeTar(t, entry{"a.txt", big}, entry{"b.txt", big}), 0,
			scan.Limits{MaxTotalSize: 15000}, ErrLimit, "", 0},
		{"too deep", Zip{}, makeZip(t, entry{"a.txt", big}), 8, scan.Limits{MaxDepth: 8}, ErrTooDeep, "", 0},
		{"gzip too deep", Gzip{}, gz(big), 3, scan.Limits{MaxDepth: 3}, ErrTooDeep, "", 0},
		{"spool too large", Zip{}, makeZip(t, entry{"a.txt", big}), 0, scan.Limits{MaxMemberSize: 100}, ErrTooLarge, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &result{files: map[string]string{}, sizes: map[string]int64{}}
			var r io.Reader = bytes.NewReader(tt.data)
			size := int64(len(tt.data))
			if tt.name == "spool too large" {
				r, size = stream{r}, -1
			}
			err := runAt(tt.ex, "x", r, size, tt.depth, &tt.lim, res)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(res.warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", res.warns, tt.warn)
			}
			if tt.wantErr == nil && len(res.files) != tt.files {
				t.Errorf("files = %v, want %d", keys(res.files), tt.files)
			}
		})
	}
}

func TestSpoolRemovesTempFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	data := makeZip(t, entry{"p.csv", []byte(csvRows)})
	res, err := run(t, Zip{}, "s.zip", stream{bytes.NewReader(data)}, -1, nil)
	if err != nil || res.files["s.zip!/p.csv"] != csvRows {
		t.Fatalf("err %v files %v", err, keys(res.files))
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("temporary files left: %v", ents)
	}
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

var (
	bombOnce  sync.Once
	bombFlate []byte // 1 GiB of zeros, deflated (about 1.3 MB)
	bombCRC   uint32
)

const bombSize = 1 << 30

// bomb returns 1 GiB of zeros deflated, and its CRC-32.
func bomb(t testing.TB) ([]byte, uint32) {
	bombOnce.Do(func() {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.BestSpeed)
		h := crc32.NewIEEE()
		io.CopyN(io.MultiWriter(w, h), zeros{}, bombSize)
		w.Close()
		bombFlate, bombCRC = b.Bytes(), h.Sum32()
	})
	return bombFlate, bombCRC
}

// rawZip writes a zip whose n members are all the given deflated data.
func rawZip(t testing.TB, n int, deflated []byte, crc uint32, size uint64, name string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := range n {
		f, err := w.CreateRaw(&zip.FileHeader{Name: name + string(rune('a'+i)), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(len(deflated)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(deflated)
	}
	w.Close()
	return b.Bytes()
}

// measure runs f and returns its duration and the bytes it allocated.
func measure(f func()) (time.Duration, uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

func TestZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1 GiB of zeros")
	}
	deflated, crc := bomb(t)
	single := rawZip(t, 1, deflated, crc, bombSize, "zeros")
	leaf := rawZip(t, 16, deflated, crc, bombSize, "zeros") // 16 GiB
	nested := leaf
	for level := range 3 { // 16^4 GiB = 64 TiB, 42.zip style
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for i := range 16 {
			f, _ := w.Create(string(rune('a'+level)) + string(rune('a'+i)) + ".zip")
			f.Write(nested)
		}
		w.Close()
		nested = bytes.Clone(b.Bytes())
	}
	t.Logf("single bomb %d bytes (expands to 1 GiB); nested bomb %d bytes (expands to 64 TiB)", len(single), len(nested))
	// The xz and zstd bombs are smaller, to be quick to write; 32 MiB of
	// zeros still go past the ratio limit once RatioGrace has expanded.
	xzZeros, zstdZeros := xzOf(make([]byte, 32<<20)), zstdOf(make([]byte, 32<<20))

	tests := []struct {
		name string
		ex   scan.Extractor
		path string
		data []byte
	}{
		{"zip 1 GiB", Zip{}, "bomb.zip", single},
		{"zip 1 GiB streamed", Zip{}, "bomb.zip", single},
		{"nested 42.zip style", Zip{}, "42.zip", nested},
		{"gzip 1 GiB", Gzip{}, "bomb.gz", gzipOf(deflated, crc, bombSize)},
		{"xz 32 MiB of zeros", Xz{}, "bomb.xz", xzZeros},
		{"zstd 32 MiB of zeros", Zstd{}, "bomb.zst", zstdZeros},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			var r io.Reader = bytes.NewReader(tt.data)
			size := int64(len(tt.data))
			if strings.Contains(tt.name, "streamed") {
				r, size = stream{r}, -1
			}
			d, alloc := measure(func() { _, err = run(t, tt.ex, tt.path, r, size, nil) })
			if !errors.Is(err, ErrLimit) {
				t.Fatalf("err = %v, want ErrLimit", err)
			}
			t.Logf("stopped in %v, allocating %.1f MiB: %v", d, float64(alloc)/(1<<20), err)
			if d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if alloc > 64<<20 {
				t.Errorf("allocated %d bytes", alloc)
			}
		})
	}
}

// gzipOf wraps a raw deflate stream in a gzip header and trailer.
func gzipOf(deflated []byte, crc uint32, size int64) []byte {
	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}
	out = append(out, deflated...)
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(size))
}

func TestTarGzBomb(t *testing.T) {
	var b bytes.Buffer
	gw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	tw := tar.NewWriter(gw)
	const n = 256 << 20
	tw.WriteHeader(&tar.Header{Name: "zeros.bin", Mode: 0o644, Size: n, Typeflag: tar.TypeReg})
	io.CopyN(tw, zeros{}, n)
	tw.Close()
	gw.Close()
	data := b.Bytes()
	for _, read := range []bool{true, false} {
		var err error
		d, alloc := measure(func() {
			in := &scan.Input{Path: "b.tgz", R: bytes.NewReader(data), Size: int64(len(data))}
			in.Member = func(name string, size int64, r io.Reader) error {
				if read {
					_, err := io.Copy(io.Discard, r)
					return err
				}
				return nil // not read: tar skips over it
			}
			err = Tar{}.Extract(context.Background(), in, nil)
		})
		if !errors.Is(err, ErrLimit) {
			t.Fatalf("read=%v: err = %v", read, err)
		}
		t.Logf("tar.gz bomb (read=%v) stopped in %v allocating %.1f MiB", read, d, float64(alloc)/(1<<20))
	}
}

func fuzzLimits() *scan.Limits {
	return &scan.Limits{MaxDepth: 3, MaxMemberSize: 1 << 20, MaxTotalSize: 4 << 20, MaxRatio: 50, MaxMembers: 100}
}

func fuzzExtract(t *testing.T, ex scan.Extractor, data []byte) {
	res := &result{files: map[string]string{}, sizes: map[string]int64{}}
	_ = runAt(ex, "f", bytes.NewReader(data), int64(len(data)), 0, fuzzLimits(), res)
	var total int64
	for _, n := range res.sizes {
		total += n
	}
	if total > 4<<20*4 { // each nested archive has its own total budget
		t.Fatalf("expanded %d bytes", total)
	}
}

func FuzzZip(f *testing.F) {
	f.Add(makeZip(f, entry{"a/people.csv", []byte(csvRows)}, entry{"../b.txt", []byte("x")}))
	f.Add(makeZip(f, entry{"in.zip", makeZip(f, entry{"p.csv", []byte(csvRows)})}))
	f.Add(setFlag(makeZip(f, entry{"p.csv", []byte(csvRows)}), 1))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Zip{}, data) })
}

func FuzzTar(f *testing.F) {
	f.Add(makeTar(f, entry{"people.csv", []byte(csvRows)}))
	f.Add(gz(makeTar(f, entry{"p.csv", []byte(csvRows)}, entry{"/abs", nil})))
	f.Add(mustHex(tarBz2))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Tar{}, data) })
}

func FuzzGzip(f *testing.F) {
	f.Add(gz([]byte(csvRows)))
	f.Add(gz(makeTar(f, entry{"p.csv", []byte(csvRows)})))
	f.Add(append(gz([]byte("a")), gz([]byte("b"))...))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Gzip{}, data) })
}

func FuzzXz(f *testing.F) {
	f.Add(xzOf([]byte(csvRows)))
	f.Add(xzOf(makeTar(f, entry{"p.csv", []byte(csvRows)})))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Xz{}, data) })
}

func FuzzZstd(f *testing.F) {
	f.Add(zstdOf([]byte(csvRows)))
	f.Add(append(zstdOf([]byte("a")), zstdOf([]byte("b"))...))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Zstd{}, data) })
}

func FuzzBzip2(f *testing.F) {
	f.Add(mustHex(csvBz2))
	f.Add(mustHex(tarBz2))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, Bzip2{}, data) })
}
