package notify

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"
)

func FuzzParseConfig(f *testing.F) {
	if b, err := os.ReadFile("testdata/notify.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("organisation: {name: x}\nincident: {what_happened: y, breach_start: 2023-13-40}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err == nil && c.Organisation.Name == "" {
			t.Fatal("a config without an organisation name was accepted")
		}
	})
}

func FuzzReadAcceptedLog(f *testing.F) {
	f.Add("relay: accepted message-id=<bk1-00000001@example.com>\nbk1-00000002@example.com\n<>\n")
	f.Fuzz(func(t *testing.T, s string) {
		ids, err := ReadAcceptedLog(strings.NewReader(s))
		if err != nil {
			return
		}
		for id := range ids {
			if !strings.Contains(id, "@") || id != strings.ToLower(id) {
				t.Fatalf("bad id %q", id)
			}
		}
	})
}

func FuzzParseBlocks(f *testing.F) {
	f.Add("Dear x,\n\n## What Happened\ntext\n- item\n| line\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, b := range parseBlocks(s) {
			if b.Text != strings.TrimSpace(b.Text) || strings.Contains(b.Text, "\n") {
				t.Fatalf("block %q not trimmed to one line", b.Text)
			}
		}
	})
}

func FuzzBounceInputs(f *testing.F) {
	f.Add([]byte("From MAILER-DAEMON\nStatus: 5.1.1\n\nMessage-ID: <bk1-00000001@x.test>\n"))
	f.Add([]byte("message_id,reason\nbk1-00000001@x.test,full\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reasons := map[int64]string{}
		res := &BounceImport{}
		readMbox(bufio.NewReader(bytes.NewReader(data)), 1, reasons, res)
		readBounceCSV(bytes.NewReader(data), 1, reasons, map[string]string{}, res)
	})
}
