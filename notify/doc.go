// Package notify runs a notification campaign from a case: it plans who
// is owed which notice (a letter, an email, substitute notice, a filing
// with a regulator), composes each letter from a template and the
// requirements of the law that applies (required headings, items and
// contacts, from the duties rule files), renders letters into print
// batches, sends emails through a Mailer, and keeps the state of every
// notice in the case store so that a campaign stopped at any moment, a
// kill -9 included, resumes with nobody told twice and nobody skipped.
//
// Exactly-once delivery of email rests on three things: a notice is
// claimed (moved to sending) in the store before it is handed over; a
// notice found still sending when a sender starts is in doubt, never
// sent again on its own; and each message carries a Message-ID derived
// from the notice, so that the relay's log of accepted messages settles
// every doubt (Reconcile).
//
// breachkit supports counsel; letters it drafts are not legal advice and
// must be reviewed before they are sent.
package notify
