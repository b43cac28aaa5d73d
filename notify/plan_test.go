package notify

import (
	"context"
	"github.com/breachkit/breachkit"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 50)
	comp := testComposer(t, nil)
	if _, err := Plan(ctx, f.store, f.c, f.keys, comp, false); err == nil || !strings.Contains(err.Error(), "unused codes") {
		t.Fatalf("plan without codes: %v", err)
	}
	f.addCodes(t, 60)
	dry, err := Plan(ctx, f.store, f.c, f.keys, comp, true)
	if err != nil {
		t.Fatal(err)
	}
	if dry.Notices[breachkit.ChannelMail] != 45 || dry.Notices[breachkit.ChannelSubstitute] != 5 || dry.Notices[breachkit.ChannelEmail] != 50 || dry.Added != 0 {
		t.Fatalf("dry run = %+v", dry)
	}
	res, err := Plan(ctx, f.store, f.c, f.keys, comp, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 45+5+50+1 || res.Codes != 50 {
		t.Fatalf("plan = %+v", res)
	}
	again, err := Plan(ctx, f.store, f.c, f.keys, comp, false)
	if err != nil || again.Added != 0 {
		t.Fatalf("second plan = %+v, %v", again, err)
	}
	if total, assigned, _ := f.store.CountCodes(ctx, f.c.ID); total != 60 || assigned != 50 {
		t.Fatalf("codes %d/%d after two plans", assigned, total)
	}
}

func TestImportCodes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 1)
	in := "code,batch\nAAA-1,x\n\nBBB-2,x\nAAA-1,x\n,x\n\"unterminated\n"
	res, err := ImportCodes(ctx, f.store, f.c.ID, f.keys, "p", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Duplicates != 1 || len(res.Errors) != 2 {
		t.Fatalf("import = %+v", res)
	}
	for _, e := range res.Errors {
		if strings.Contains(e, "AAA") || strings.Contains(e, "BBB") {
			t.Fatalf("error quotes a code: %s", e)
		}
	}
	again, _ := ImportCodes(ctx, f.store, f.c.ID, f.keys, "p", strings.NewReader("AAA-1\nCCC-3\n"))
	if again.Added != 1 || again.Duplicates != 1 {
		t.Fatalf("second import = %+v", again)
	}
}

func TestCompatibleNames(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Dennis Fuller", "DENNIS FULLER", true},
		{"Dennis Fuller Dennis", "Dennis Fuller", true},
		{"Sandra Moore", "Sandra J. Moore", true},
		{"", "Rickey Calderon", true},
		{"Sandra Moore", "Samuel Moore", false},
		{"Ann Lee", "Ann Leigh", false},
	}
	for _, tt := range tests {
		if got := compatibleNames(nameWords(tt.a), nameWords(tt.b)); got != tt.want {
			t.Errorf("compatibleNames(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
