-- +goose Up
CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    discovered    TEXT NOT NULL DEFAULT '',
    wrapped_key   BLOB NOT NULL,
    master_key_id TEXT NOT NULL
);

CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL DEFAULT '',
    size       INTEGER NOT NULL DEFAULT 0,
    format     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    findings   INTEGER NOT NULL DEFAULT 0,
    scanned_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_id, path)
);

CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    type        TEXT NOT NULL,
    start_off   INTEGER NOT NULL,
    end_off     INTEGER NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    cell        TEXT NOT NULL DEFAULT '',
    page        INTEGER NOT NULL DEFAULT 0,
    record      TEXT NOT NULL DEFAULT '',
    confidence  REAL NOT NULL,
    reasons     TEXT NOT NULL DEFAULT '[]',
    value       BLOB NOT NULL,
    fingerprint BLOB NOT NULL
);
CREATE INDEX findings_case ON findings (case_id, id);
CREATE INDEX findings_source ON findings (source_id);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    key             TEXT NOT NULL,
    run             INTEGER NOT NULL,
    profile         BLOB,
    jurisdiction    TEXT NOT NULL DEFAULT '',
    jurisdiction_by TEXT NOT NULL DEFAULT '',
    elements        TEXT NOT NULL DEFAULT '',
    address_quality TEXT NOT NULL DEFAULT '',
    flags           TEXT NOT NULL DEFAULT '',
    records         INTEGER NOT NULL DEFAULT 0,
    explain         BLOB,
    UNIQUE (case_id, key)
);

CREATE TABLE person_findings (
    person_id  INTEGER NOT NULL,
    finding_id INTEGER NOT NULL,
    PRIMARY KEY (person_id, finding_id)
) WITHOUT ROWID;

CREATE TABLE obligations (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    jurisdiction  TEXT NOT NULL,
    regime        TEXT NOT NULL,
    duty          TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    due           TEXT NOT NULL DEFAULT '',
    deadline_text TEXT NOT NULL DEFAULT '',
    target        TEXT NOT NULL DEFAULT '',
    affected      INTEGER NOT NULL,
    citation      TEXT NOT NULL,
    source        TEXT NOT NULL,
    source_read   TEXT NOT NULL,
    reasoning     TEXT NOT NULL,
    rule_file     TEXT NOT NULL
);

CREATE TABLE exemptions (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    jurisdiction TEXT NOT NULL,
    regime       TEXT NOT NULL,
    affected     INTEGER NOT NULL,
    reason       TEXT NOT NULL
);

CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    person_id     INTEGER NOT NULL,
    obligation_id INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    status        TEXT NOT NULL,
    key           TEXT NOT NULL,
    recipient     BLOB,
    attempts      INTEGER NOT NULL DEFAULT 0,
    detail        TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    UNIQUE (case_id, key)
);

CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    at      INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    actor   TEXT NOT NULL,
    text    TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    case_id   INTEGER NOT NULL,
    object    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB,
    hash      BLOB NOT NULL
);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE events;
DROP TABLE notices;
DROP TABLE exemptions;
DROP TABLE obligations;
DROP TABLE person_findings;
DROP TABLE people;
DROP TABLE findings;
DROP TABLE sources;
DROP TABLE cases;
