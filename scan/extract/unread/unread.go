// Package unread recognises formats that breachkit does not parse but
// that stolen data often comes in (Access databases, SQL Server backups,
// disk images): each is read for its runs of text only (package raw),
// which finds the plain values in a database's pages, and listed as
// partly read with what it is and how to get at all of its contents.
package unread

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/raw"
)

// Extractor recognises the formats below. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "not read" }

// kind is a recognised format: its signature at an offset, and what a
// responder can do about it.
type kind struct {
	at    int
	magic []byte
	what  string
}

// kinds are matched against a file's head (scan.HeadSize bytes), in
// order. Sources: the formats' published layouts (the Jet/ACE header; the Microsoft Tape Format "TAPE" block of
// SQL Server backups; the VMDK "KDMV", VHDX "vhdxfile", QCOW2 "QFI\xfb"
// and VDI headers).
var kinds = []kind{
	{4, []byte("Standard Jet DB"), "a Microsoft Access database (.mdb): export its tables to CSV (mdb-export from mdbtools, or Access) and scan those"},
	{4, []byte("Standard ACE DB"), "a Microsoft Access database (.accdb): export its tables to CSV (mdb-export from mdbtools, or Access) and scan those"},
	{0, []byte("TAPE"), "a SQL Server backup (Microsoft Tape Format): restore it and export the tables (bcp, or a dump) and scan those"},
	{0, []byte("KDMV"), "a VMware disk image (VMDK): mount it read-only and scan the files in it"},
	{0, []byte("vhdxfile"), "a Hyper-V disk image (VHDX): mount it read-only and scan the files in it"},
	{0, []byte("QFI\xfb"), "a QEMU disk image (QCOW2): mount it read-only and scan the files in it"},
	{64, []byte{0x7F, 0x10, 0xDA, 0xBE}, "a VirtualBox disk image (VDI): mount it read-only and scan the files in it"},
}

// match returns the kind whose signature head carries, or nil. A head
// that reads as text matches none: a note that starts "TAPE LIBRARY" is
// a note.
func match(head []byte) *kind {
	if !scan.Binary(head) {
		return nil
	}
	for i := range kinds {
		k := &kinds[i]
		if len(head) >= k.at+len(k.magic) && bytes.Equal(head[k.at:k.at+len(k.magic)], k.magic) {
			return k
		}
	}
	return nil
}

// Accepts implements scan.Extractor: a head with one of the signatures.
func (Extractor) Accepts(name string, head []byte) bool { return match(head) != nil }

// Extract implements scan.Extractor: it reads the file's runs of text
// (raw.Runs: the rows of a database are in its pages as plain text) and
// warns, as the reason the source is partial, what the file is and how
// to read it in full.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	br := bufio.NewReaderSize(in.R, scan.HeadSize)
	head, _ := br.Peek(scan.HeadSize)
	k := match(head)
	if k == nil {
		return errors.New("no longer the format its head showed")
	}
	what := k.what
	in.R = br
	n, err := raw.Runs(ctx, in, emit)
	if err != nil {
		return err
	}
	in.Warning(fmt.Sprintf("only its runs of text were read (%d found); it is %s", n, what))
	return nil
}
