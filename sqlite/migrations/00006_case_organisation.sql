-- +goose Up
-- The breached organisation as duties needs it: its kinds (comma-separated,
-- such as "bank,public-company") and its role (owner, or maintainer of the
-- data for another), as last given to duties or respond. Empty: not given.
ALTER TABLE cases ADD COLUMN org_kinds TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN org_role TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE cases DROP COLUMN org_role;
ALTER TABLE cases DROP COLUMN org_kinds;
