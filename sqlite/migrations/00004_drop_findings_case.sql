-- +goose Up
-- Findings are read by case in ID order, which the table's own rowid
-- order serves (most stores hold one incident); per source through
-- findings_source. The (case_id, id) index cost one more B-tree insert
-- per finding stored.
DROP INDEX findings_case;

-- +goose Down
CREATE INDEX findings_case ON findings (case_id, id);
