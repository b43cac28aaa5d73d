package parquet

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// withFooter is a file of nothing but the magic and the metadata meta.
func withFooter(meta []byte) []byte {
	b := append([]byte("PAR1"), meta...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(meta)))
	return append(b, "PAR1"...)
}

// TestForgedFooter feeds files whose metadata declares lists and
// strings longer than the file. Without the check parquet-go makes the
// slices first and the runtime aborts the process ("fatal error:
// runtime: out of memory"): the first two files are 25 and 29 bytes.
func TestForgedFooter(t *testing.T) {
	tests := []struct {
		name string
		meta []byte
		want string
	}{
		// version 1, then a schema list of 2^31-1 structs.
		{"schema list", []byte{0x15, 0x02, 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07}, "list of 2147483647 elements"},
		// version, an empty schema, num_rows, then row groups 2^31-1.
		{"row groups", []byte{0x15, 0x02, 0x19, 0x0C, 0x16, 0x02, 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07}, "list of 2147483647"},
		// created_by, a string of 2^31-1 bytes.
		{"string", []byte{0x15, 0x02, 0x58, 0xFF, 0xFF, 0xFF, 0xFF, 0x07}, "string of 2147483647"},
		// key-value metadata as a map of a billion entries.
		{"map", []byte{0x15, 0x02, 0x5B, 0x80, 0x80, 0x80, 0x80, 0x04, 0x88}, "map of 1073741824"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := extract(t, withFooter(tt.meta))
			if err == nil || !strings.Contains(err.Error(), "corrupt Parquet file: forged metadata") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want forged metadata naming %q", err, tt.want)
			}
		})
	}
}

// TestFooterWalk walks the metadata of files parquet-go wrote, with
// nested groups, lists, dictionaries, compression and many row groups,
// to its end: the check must not refuse a sound file.
func TestFooterWalk(t *testing.T) {
	for _, data := range [][]byte{
		makeFile(t, rows),
		makeFile(t, rows, parquet.MaxRowsPerRowGroup(1), parquet.Compression(&parquet.Snappy)),
		makeFile(t, rows, parquet.KeyValueMetadata("origin", "warehouse export"), parquet.CreatedBy("breachkit", "test", "1")),
	} {
		n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
		w := &thriftWalker{b: data[len(data)-8-n : len(data)-8]}
		if err := w.structure(0); err != nil || w.p != n {
			t.Errorf("walk: %v, at %d of %d bytes", err, w.p, n)
		}
		if err := checkFooter(bytes.NewReader(data), int64(len(data))); err != nil {
			t.Errorf("checkFooter: %v", err)
		}
	}
	if err := checkFooter(bytes.NewReader(withFooter([]byte{0x15})), 13); errors.Is(err, errForged) == false {
		t.Errorf("metadata cut short: %v", err)
	}
}

// TestLZ4Raw checks that a file with LZ4_RAW columns is refused with the
// reason, sound or damaged (a damaged page made parquet-go grow its
// buffer until the process died).
func TestLZ4Raw(t *testing.T) {
	data := makeFile(t, rows, parquet.Compression(&parquet.Lz4Raw))
	if _, _, err := extract(t, data); !errors.Is(err, errLZ4Raw) {
		t.Fatalf("err = %v, want errLZ4Raw", err)
	}
}

// TestFooterNesting walks a footer of lists nested a million deep: the
// walk stops at maxDepth instead of recursing until the stack limit
// aborts the process.
func TestFooterNesting(t *testing.T) {
	// Field 1 a list of one list, and so on: 0x19 then 0x19 per level.
	meta := append([]byte{0x19}, bytes.Repeat([]byte{0x19}, 1_000_000)...)
	if err := checkFooter(bytes.NewReader(withFooter(meta)), int64(len(meta)+12)); !errors.Is(err, errForged) || !strings.Contains(err.Error(), "nested too deeply") {
		t.Fatalf("err = %v", err)
	}
}
