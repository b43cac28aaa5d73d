-- +goose Up
ALTER TABLE notices ADD COLUMN variant TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN next_attempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
CREATE INDEX notices_claim ON notices (case_id, channel, status, id);

CREATE TABLE monitoring_codes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    provider    TEXT NOT NULL,
    value       BLOB NOT NULL,
    fingerprint BLOB NOT NULL,
    person_id   INTEGER,
    UNIQUE (case_id, fingerprint),
    UNIQUE (case_id, person_id)
);

-- +goose Down
DROP TABLE monitoring_codes;
DROP INDEX notices_claim;
ALTER TABLE notices DROP COLUMN message_id;
ALTER TABLE notices DROP COLUMN claimed_at;
ALTER TABLE notices DROP COLUMN next_attempt;
ALTER TABLE notices DROP COLUMN batch;
ALTER TABLE notices DROP COLUMN variant;
