package json

import (
	"strings"
	"testing"
)

// TestDepth checks that nesting beyond maxDepth stops the document with
// a reason (two million brackets held a gigabyte before), and that deep
// but bounded nesting is read.
func TestDepth(t *testing.T) {
	tests := []struct {
		depth   int
		wantErr bool
	}{{maxDepth - 1, false}, {maxDepth + 1, true}}
	for _, tt := range tests {
		doc := strings.Repeat(`{"a":`, tt.depth) + `"Sierra Jefferson"` + strings.Repeat("}", tt.depth)
		segs, err := extract(t, "deep.json", []byte(doc))
		if tt.wantErr {
			if err == nil || !strings.Contains(err.Error(), "nested deeper than 10000 levels") {
				t.Errorf("depth %d: err = %v", tt.depth, err)
			}
			continue
		}
		if err != nil || len(segs) != 1 {
			t.Errorf("depth %d: %d segments, err %v", tt.depth, len(segs), err)
		}
	}
}
