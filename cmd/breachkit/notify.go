package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
	"github.com/breachkit/breachkit/notify"
	"github.com/breachkit/breachkit/pdf"
	"github.com/breachkit/breachkit/smtp"
	"github.com/breachkit/breachkit/vault"
	"github.com/spf13/cobra"
)

// pendingError means the command finished but left notices that need a
// decision or another run (in doubt, or failed and due for a retry).
type pendingError struct{ msg string }

func (e pendingError) Error() string { return e.msg }

// notifyCtx is what every notify subcommand opens.
type notifyCtx struct {
	a    *app
	c    *breachkit.Case
	keys *vault.CaseKeys
	comp *notify.Composer
	cfg  *notify.Config
}

func openNotify(ctx context.Context, g *globals, configPath string, needConfig bool) (*notifyCtx, error) {
	var cfg *notify.Config
	if needConfig {
		var err error
		if cfg, err = notify.LoadConfig(configPath); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, usagef("notify config %s not found: write one (see notify/testdata/notify.yaml) and pass it with --config", configPath)
			}
			return nil, usageError{err}
		}
	}
	a, err := openApp(ctx, g)
	if err != nil {
		return nil, err
	}
	c, keys, err := a.openCase(ctx, false)
	if err != nil {
		a.Close()
		return nil, err
	}
	n := &notifyCtx{a: a, c: c, keys: keys, cfg: cfg}
	if cfg != nil {
		if c.Discovered.IsZero() {
			a.Close()
			return nil, usagef("case %q has no discovery date: run 'breachkit respond --discovered DATE' or create the case with --discovered", c.Name)
		}
		rules, err := duties.Load()
		if err != nil {
			a.Close()
			return nil, err
		}
		if n.comp, err = notify.NewComposer(cfg, rules, c.Discovered, time.Now()); err != nil {
			a.Close()
			return nil, err
		}
	}
	return n, nil
}

func newNotifyCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "notify",
		Short: "Run the notification campaign: plan, letters, email, regulator drafts, status",
		Long: `notify tells every affected person once: it plans the notices from the case's
people and obligations, prints letters into PDF batches for a mail house,
sends emails over SMTP, drafts the regulator and credit-bureau notices, and
keeps the state of every notice in the case store.

  breachkit notify codes import codes.csv --provider "Example ID"
  breachkit notify plan --config notify.yaml            (checks every letter variant)
  breachkit notify letters --config notify.yaml --out print/
  breachkit notify send --config notify.yaml
  breachkit notify reconcile --accepted relay.log       (after a sender was killed)
  breachkit notify bounces bounces.mbox
  breachkit notify drafts --config notify.yaml --out drafts/
  breachkit notify status

A sender stopped at any moment (kill -9 included) resumes with 'notify send':
nobody gets a second email and nobody is skipped. A message handed to the
relay whose reply never arrived is 'in doubt'; only 'notify reconcile' with
the relay's log of accepted Message-IDs (or an explicit, audited choice)
settles it. Print files and manifests hold names and addresses in plaintext
for the mail house: keep them on an encrypted volume.

Letters are drafts for counsel's review; breachkit is not legal advice.`,
	}
	cmd.AddCommand(newNotifyPlanCmd(g), newNotifyCodesCmd(g), newNotifyLettersCmd(g), newNotifySendCmd(g),
		newNotifyReconcileCmd(g), newNotifyBouncesCmd(g), newNotifyDraftsCmd(g), newNotifyStatusCmd(g), newNotifyPreviewCmd(g), newNotifyRegulatorsCmd(g), newNotifyFiledCmd(g))
	return cmd
}

func configFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "config", "notify.yaml", "notify config: organisation, incident, credit monitoring, email and SMTP")
}

func newNotifyPlanCmd(g *globals) *cobra.Command {
	var config string
	var dry bool
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Decide who gets which notice, check every letter variant against its law, assign codes",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			n, err := openNotify(ctx, g, config, true)
			if err != nil {
				return err
			}
			defer n.a.Close()
			res, err := notify.Plan(ctx, n.a.store, n.c, n.keys, n.comp, dry)
			if err != nil {
				return err
			}
			if !dry {
				detail := fmt.Sprintf("%d notices added, %d codes assigned", res.Added, res.Codes)
				if err := n.a.audit(ctx, "notify.plan", n.c.ID, "case "+n.c.Name, detail); err != nil {
					return err
				}
				n.a.store.AddEvent(ctx, &breachkit.Event{CaseID: n.c.ID, At: time.Now(), Kind: "notify", Actor: g.actor, Text: "notification plan: " + detail})
			}
			w := g.stdout
			verb := "planned"
			if dry {
				verb = "would plan (dry run, nothing stored)"
			}
			printf(w, "%d people; %d letter variants checked against their laws\n", res.People, res.Combos)
			for _, ch := range []string{breachkit.ChannelMail, breachkit.ChannelEmail, breachkit.ChannelSubstitute} {
				printf(w, "  %-11s %d %s\n", ch, res.Notices[ch], verb)
			}
			if !dry {
				printf(w, "  %d notices new in this run (regulator notices included); %d people offered credit monitoring\n", res.Added, res.Codes)
			}
			if res.Unprinting > 0 {
				printf(w, "  warning: %d names or addresses have characters the letter font cannot print; check them in the manifest\n", res.Unprinting)
			}
			if res.Duplicates > 0 {
				printf(w, "  %d notices not planned: another person of the case has a compatible name at the same address or email\n", res.Duplicates)
			}
			if res.Bare > 0 {
				printf(w, "  %d people left out: nothing of theirs was found but a name alone or an address alone\n", res.Bare)
			}
			if res.Skipped > 0 {
				printf(w, "  %d people left out: no law requires notice and notify_all is false\n", res.Skipped)
			}
			return nil
		},
	}
	configFlag(cmd, &config)
	cmd.Flags().BoolVar(&dry, "dry-run", false, "check and count only; store nothing and assign no codes")
	return cmd
}

func newNotifyCodesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "codes", Short: "Credit-monitoring activation codes"}
	var provider string
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Import the provider's activation codes (CSV) into the case's pool",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return importFile(cmd.Context(), g, args[0], func(ctx context.Context, n *notifyCtx, fh *os.File) (string, []string, error) {
				res, err := notify.ImportCodes(ctx, n.a.store, n.c.ID, n.keys, provider, fh)
				if err != nil {
					return "", nil, err
				}
				total, assigned, _ := n.a.store.CountCodes(ctx, n.c.ID, breachkit.CodePool{})
				printf(g.stdout, "%d codes read, %d added, %d duplicates; the pool holds %d (%d assigned)\n", res.Read, res.Added, res.Duplicates, total, assigned)
				return fmt.Sprintf("notify.codes.import: %d added, %d duplicates", res.Added, res.Duplicates), res.Errors, nil
			})
		},
	}
	imp.Flags().StringVar(&provider, "provider", "", "the monitoring provider's name")
	cmd.AddCommand(imp)
	return cmd
}

func newNotifyLettersCmd(g *globals) *cobra.Command {
	var config, out string
	var size int
	var compress bool
	var workers int
	cmd := &cobra.Command{
		Use:   "letters",
		Short: "Print the planned letters into PDF batches with mail-house manifests",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if out == "" {
				return usagef("--out is required")
			}
			n, err := openNotify(ctx, g, config, true)
			if err != nil {
				return err
			}
			defer n.a.Close()
			start := time.Now()
			res, err := notify.RenderLetters(ctx, n.a.store, n.c, n.keys, n.comp, notify.LetterOptions{Dir: out, BatchSize: size, Compress: compress, Workers: workers, Now: start})
			if res != nil && res.Letters+res.Recovered > 0 {
				detail := fmt.Sprintf("%d letters in %d batches to %s (%d recovered)", res.Letters, len(res.Batches), out, res.Recovered)
				if aerr := n.a.audit(ctx, "notify.letters", n.c.ID, out, detail); aerr != nil && err == nil {
					err = aerr
				}
			}
			if err != nil {
				return err
			}
			el := time.Since(start).Seconds()
			printf(g.stdout, "%d letters, %d pages, %d batches in %s (%.0f letters/s)\n", res.Letters, res.Pages, len(res.Batches), out, float64(res.Letters)/max(el, 0.001))
			if res.Recovered > 0 {
				printf(g.stdout, "%d letters of an interrupted run were found complete on disk\n", res.Recovered)
			}
			if res.Lossy > 0 {
				printf(g.stdout, "warning: %d letters have characters the font cannot print (shown as '?')\n", res.Lossy)
			}
			if res.Failed > 0 {
				return pendingError{fmt.Sprintf("%d letters could not be composed; see 'breachkit notify status --failed'", res.Failed)}
			}
			return nil
		},
	}
	configFlag(cmd, &config)
	cmd.Flags().StringVar(&out, "out", "", "folder for the PDF batches and manifests (keep it on an encrypted volume)")
	cmd.Flags().IntVar(&size, "batch-size", 5000, "letters per PDF file")
	cmd.Flags().IntVar(&workers, "workers", runtime.NumCPU(), "batches printed in parallel")
	cmd.Flags().BoolVar(&compress, "compress", false, "compress the PDF pages: files about half the size, printing about half as fast")
	return cmd
}

func newNotifySendCmd(g *globals) *cobra.Command {
	var config string
	var opt notify.SendOptions
	cmd := &cobra.Command{
		Use:   "send",
		Short: "Send the planned emails over SMTP, exactly once each",
		Long: `send hands every planned email notice to the SMTP relay of the config (smtp:
addr, tls, username, password_env) and retries temporary failures with
back-off. Run it again after any interruption. Exit code 3 when notices
remain in doubt or failed; see 'breachkit notify reconcile'.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			n, err := openNotify(ctx, g, config, true)
			if err != nil {
				return err
			}
			defer n.a.Close()
			sc := n.cfg.SMTP
			if sc.Addr == "" {
				return usagef("smtp.addr is not set in %s", config)
			}
			pass := ""
			if sc.PasswordEnv != "" {
				pass = os.Getenv(sc.PasswordEnv)
			}
			if opt.Workers == 0 {
				opt.Workers = max(sc.Workers, 1)
			}
			if opt.Rate == 0 {
				opt.Rate = sc.Rate
			}
			dial := func(ctx context.Context) (notify.Mailer, error) {
				return smtp.Dial(ctx, smtp.Config{Addr: sc.Addr, TLS: sc.TLS, Username: sc.Username, Password: pass})
			}
			start := time.Now()
			res, err := notify.Send(ctx, n.a.store, n.c, n.keys, n.comp, dial, opt)
			if res != nil {
				detail := fmt.Sprintf("%d sent, %d failed, %d bounced, %d in doubt", res.Sent, res.Failed, res.Bounced, res.InDoubt)
				if aerr := n.a.audit(ctx, "notify.send", n.c.ID, "case "+n.c.Name, detail); aerr != nil && err == nil {
					err = aerr
				}
				el := time.Since(start).Seconds()
				printf(g.stdout, "%d sent, %d failed (retried later), %d bounced, %d in doubt (%.0f emails/s)\n", res.Sent, res.Failed, res.Bounced, res.InDoubt, float64(res.Sent)/max(el, 0.001))
				if res.LeftInDoubt > 0 {
					printf(g.stdout, "%d notices were left in doubt by a sender that stopped; settle them with 'breachkit notify reconcile'\n", res.LeftInDoubt)
				}
			}
			if err != nil {
				return err
			}
			return pendingNotices(ctx, n)
		},
	}
	configFlag(cmd, &config)
	f := cmd.Flags()
	f.IntVar(&opt.Workers, "workers", 0, "parallel SMTP connections (default smtp.workers or 1)")
	f.Float64Var(&opt.Rate, "rate", 0, "messages per second (default smtp.rate; 0 no limit)")
	f.IntVar(&opt.MaxAttempts, "max-attempts", 5, "attempts before a notice stays failed")
	f.DurationVar(&opt.Backoff, "backoff", time.Minute, "wait before the first retry; doubled after each")
	f.DurationVar(&opt.StaleAfter, "stale-after", 0, "with several senders on one case: how long a notice may be sending before it is taken as left by a stopped sender")
	f.IntVar(&opt.Limit, "limit", 0, "stop after this many attempts (0: all)")
	return cmd
}

// pendingNotices returns a pendingError when email notices are in doubt
// or failed, so that the exit code says the campaign is not done.
func pendingNotices(ctx context.Context, n *notifyCtx) error {
	counts, err := n.a.store.CountNotices(ctx, n.c.ID)
	if err != nil {
		return err
	}
	var doubt, failed int64
	for _, nc := range counts {
		if nc.Channel != breachkit.ChannelEmail {
			continue
		}
		switch nc.Status {
		case breachkit.NoticeInDoubt:
			doubt += nc.Count
		case breachkit.NoticeFailed:
			failed += nc.Count
		}
	}
	if doubt+failed == 0 {
		return nil
	}
	return pendingError{fmt.Sprintf("%d emails in doubt and %d failed remain; see 'breachkit notify status'", doubt, failed)}
}

func newNotifyReconcileCmd(g *globals) *cobra.Command {
	var accepted string
	var resend, assume bool
	cmd := &cobra.Command{
		Use:   "reconcile",
		Short: "Settle in-doubt emails from the relay's log of accepted Message-IDs",
		Long: `reconcile decides the emails a stopped sender left in doubt. With --accepted,
the relay's log (one Message-ID per line, or relay log lines such as
Postfix's message-id=<...>) says which were accepted: those are recorded as
sent, the others are sent by the next 'notify send'. Read the log after the
relay has finished with the stopped sender's connections. Without a log,
--resend-in-doubt (a person may get two emails) or --assume-sent (a person
may get none) decide for all; both are recorded in the audit log.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			mode := ""
			switch {
			case accepted != "" && !resend && !assume:
				mode = notify.ReconcileLog
			case accepted == "" && resend && !assume:
				mode = notify.ReconcileResend
			case accepted == "" && !resend && assume:
				mode = notify.ReconcileAssumeSent
			default:
				return usagef("give exactly one of --accepted FILE, --resend-in-doubt, --assume-sent")
			}
			n, err := openNotify(ctx, g, "", false)
			if err != nil {
				return err
			}
			defer n.a.Close()
			var ids map[string]bool
			if mode == notify.ReconcileLog {
				fh, err := os.Open(accepted)
				if err != nil {
					return err
				}
				ids, err = notify.ReadAcceptedLog(fh)
				fh.Close()
				if err != nil {
					return fmt.Errorf("%s: %w", accepted, err)
				}
			}
			res, err := notify.Reconcile(ctx, n.a.store, n.c, mode, ids, time.Now())
			if err != nil {
				return err
			}
			if err := n.a.audit(ctx, "notify.reconcile", n.c.ID, mode, fmt.Sprintf("%d settled as sent, %d to send again", res.Sent, res.Requeued)); err != nil {
				return err
			}
			printf(g.stdout, "%d settled as sent, %d will be sent by the next 'notify send'\n", res.Sent, res.Requeued)
			return nil
		},
	}
	cmd.Flags().StringVar(&accepted, "accepted", "", "the relay's log of accepted Message-IDs")
	cmd.Flags().BoolVar(&resend, "resend-in-doubt", false, "send every in-doubt email again (audited)")
	cmd.Flags().BoolVar(&assume, "assume-sent", false, "record every in-doubt email as sent (audited)")
	return cmd
}

func newNotifyBouncesCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "bounces FILE",
		Short: "Record bounced emails from a mailbox of bounce messages (mbox) or a CSV",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return importFile(cmd.Context(), g, args[0], func(ctx context.Context, n *notifyCtx, fh *os.File) (string, []string, error) {
				res, err := notify.ImportBounces(ctx, n.a.store, n.c, n.keys, fh, time.Now())
				if err != nil {
					return "", nil, err
				}
				printf(g.stdout, "%d bounce reports, %d notices marked bounced, %d matched no notice of the case\n", res.Bounces, res.Marked, res.Unmatched)
				return fmt.Sprintf("notify.bounces: %d bounced, %d unmatched", res.Marked, res.Unmatched), res.Errors, nil
			})
		},
	}
}

func newNotifyDraftsCmd(g *globals) *cobra.Command {
	var config, out string
	cmd := &cobra.Command{
		Use:   "drafts",
		Short: "Draft the regulator, credit-bureau and media notices, with sample letters",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if out == "" {
				return usagef("--out is required")
			}
			n, err := openNotify(ctx, g, config, true)
			if err != nil {
				return err
			}
			defer n.a.Close()
			res, err := notify.WriteDrafts(ctx, n.a.store, n.c, n.comp, out, time.Now())
			if err != nil {
				return err
			}
			if err := n.a.audit(ctx, "notify.drafts", n.c.ID, out, fmt.Sprintf("%d drafts", len(res.Drafts))); err != nil {
				return err
			}
			printf(g.stdout, "%d drafts and %d sample letters in %s (for counsel's review; not legal advice)\n", len(res.Drafts), len(res.Samples), out)
			return nil
		},
	}
	configFlag(cmd, &config)
	cmd.Flags().StringVar(&out, "out", "", "folder for the drafts")
	return cmd
}

func newNotifyPreviewCmd(g *globals) *cobra.Command {
	var config, out, jur, els string
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Render a sample letter of one jurisdiction to a PDF, with a placeholder recipient",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := notify.LoadConfig(config)
			if err != nil {
				return usageError{err}
			}
			rules, err := duties.Load()
			if err != nil {
				return err
			}
			disc := time.Now()
			comp, err := notify.NewComposer(cfg, rules, disc, disc)
			if err != nil {
				return err
			}
			set := breachkit.ParseElementSet(els)
			p := notify.Person{Recipient: notify.Recipient{Name: "[Recipient Name]", Address: []string{"[Street Address]", "[City, State ZIP]"}},
				Jurisdiction: strings.ToUpper(jur), Elements: set}
			if comp.Eligible(p.Jurisdiction, set) {
				p.Code = "[ACTIVATION CODE]"
			}
			l, err := comp.Compose("PREVIEW", p)
			if err != nil {
				return err
			}
			return writeLetterPDF(out, l)
		},
	}
	configFlag(cmd, &config)
	cmd.Flags().StringVar(&out, "out", "preview.pdf", "the PDF to write")
	cmd.Flags().StringVar(&jur, "jurisdiction", "US-CA", "whose law the letter follows")
	cmd.Flags().StringVar(&els, "elements", "PERSON_NAME,SSN,DOB", "the exposed elements, comma-separated")
	return cmd
}

func newNotifyStatusCmd(g *globals) *cobra.Command {
	var failed bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Campaign progress by channel, jurisdiction and state",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			n, err := openNotify(ctx, g, "", false)
			if err != nil {
				return err
			}
			defer n.a.Close()
			if failed {
				var rows [][]string
				for _, st := range []string{breachkit.NoticeFailed, breachkit.NoticeInDoubt, breachkit.NoticeBounced} {
					err := n.a.store.Notices(ctx, n.c.ID, "", st, func(nt *breachkit.Notice) error {
						rows = append(rows, []string{strconv.FormatInt(nt.ID, 10), nt.Channel, nt.Variant, nt.Status, strconv.Itoa(nt.Attempts), nt.Detail})
						return nil
					})
					if err != nil {
						return err
					}
				}
				return writeRows(g, []string{"id", "channel", "jurisdiction", "status", "attempts", "detail"}, rows)
			}
			counts, err := n.a.store.CountNotices(ctx, n.c.ID)
			if err != nil {
				return err
			}
			sort.Slice(counts, func(i, j int) bool {
				a, b := counts[i], counts[j]
				if a.Channel != b.Channel {
					return a.Channel < b.Channel
				}
				if a.Variant != b.Variant {
					return a.Variant < b.Variant
				}
				return a.Status < b.Status
			})
			var rows [][]string
			for _, nc := range counts {
				rows = append(rows, []string{nc.Channel, nc.Variant, nc.Status, strconv.FormatInt(nc.Count, 10)})
			}
			if err := writeRows(g, []string{"channel", "jurisdiction", "status", "notices"}, rows); err != nil {
				return err
			}
			if g.format == "table" {
				total, assigned, err := n.a.store.CountCodes(ctx, n.c.ID, breachkit.CodePool{})
				if err != nil {
					return err
				}
				printf(g.stdout, "\ncredit-monitoring codes: %d assigned of %d in the pool\n", assigned, total)
			}
			return nil
		},
	}
	addFormat(cmd, g, "table", "json", "csv")
	cmd.Flags().BoolVar(&failed, "failed", false, "list the failed, in-doubt and bounced notices with their last error")
	return cmd
}

// writeLetterPDF prints one letter to a file.
func writeLetterPDF(path string, l *breachkit.Letter) error {
	b := pdf.NewBatch(time.Now())
	if _, _, err := b.Add(l); err != nil {
		return err
	}
	return b.WriteFile(path)
}

// importFile opens the case and a file, runs an import on it, audits the
// summary it returns ("action: detail") and reports the lines it could
// not read, with exit code 3 when there were any.
func importFile(ctx context.Context, g *globals, path string, run func(context.Context, *notifyCtx, *os.File) (string, []string, error)) error {
	n, err := openNotify(ctx, g, "", false)
	if err != nil {
		return err
	}
	defer n.a.Close()
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	summary, lineErrs, err := run(ctx, n, fh)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	action, detail, _ := strings.Cut(summary, ": ")
	if err := n.a.audit(ctx, action, n.c.ID, path, detail); err != nil {
		return err
	}
	for _, e := range lineErrs {
		printf(g.stderr, "%s: %s\n", path, e)
	}
	if len(lineErrs) > 0 {
		return skippedError{len(lineErrs)}
	}
	return nil
}

func newNotifyRegulatorsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "regulators",
		Short: "List the regulator, credit-bureau and media notices with their due dates and state",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			n, err := openNotify(ctx, g, "", false)
			if err != nil {
				return err
			}
			defer n.a.Close()
			obs, _, err := n.a.store.Obligations(ctx, n.c.ID)
			if err != nil {
				return err
			}
			byID := map[int64]breachkit.Obligation{}
			for _, o := range obs {
				byID[o.ID] = o
			}
			var rows [][]string
			err = n.a.store.Notices(ctx, n.c.ID, breachkit.ChannelRegulator, "", func(nt *breachkit.Notice) error {
				o := byID[nt.ObligationID]
				due := o.DeadlineText
				if !o.Due.IsZero() {
					due = o.Due.Format(time.DateOnly)
				}
				rows = append(rows, []string{strconv.FormatInt(nt.ID, 10), nt.Variant, string(o.Duty), o.Recipient, due, nt.Status, nt.Detail})
				return nil
			})
			if err != nil {
				return err
			}
			return writeRows(g, []string{"id", "jurisdiction", "duty", "recipient", "due", "status", "detail"}, rows)
		},
	}
	addFormat(cmd, g, "table", "json", "csv")
	return cmd
}

func newNotifyFiledCmd(g *globals) *cobra.Command {
	var ref string
	cmd := &cobra.Command{
		Use:   "filed ID... --ref TEXT",
		Short: "Record that regulator notices were filed (by counsel, outside breachkit)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if strings.TrimSpace(ref) == "" {
				return usagef("--ref is required: how and when it was filed (portal receipt, letter date)")
			}
			n, err := openNotify(ctx, g, "", false)
			if err != nil {
				return err
			}
			defer n.a.Close()
			var ns []*breachkit.Notice
			for _, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil {
					return usagef("%q is not a notice ID (see 'breachkit notify regulators')", a)
				}
				nt, err := n.a.store.Notice(ctx, n.c.ID, id)
				if err != nil {
					return err
				}
				if nt.Channel != breachkit.ChannelRegulator {
					return usagef("notice %d is a %s notice, not a regulator notice", id, nt.Channel)
				}
				nt.Status, nt.Detail, nt.UpdatedAt = breachkit.NoticeSent, "filed: "+ref, time.Now()
				ns = append(ns, nt)
			}
			if err := n.a.store.UpdateNotices(ctx, ns...); err != nil {
				return err
			}
			if err := n.a.audit(ctx, "notify.filed", n.c.ID, strings.Join(args, ","), ref); err != nil {
				return err
			}
			printf(g.stdout, "%d regulator notices recorded as filed\n", len(ns))
			return nil
		},
	}
	cmd.Flags().StringVar(&ref, "ref", "", "how and when it was filed (recorded in the notice and the audit log)")
	return cmd
}
