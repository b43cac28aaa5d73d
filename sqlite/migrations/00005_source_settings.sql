-- +goose Up
-- What the scan that recorded a source was limited to (--types, a higher
-- --min-confidence, custom identifiers): a later scan that asks for more
-- reads the source again instead of resuming it (breachkit.SettingsCover).
-- Empty for a full scan, which is what every source recorded before was
-- taken for.
ALTER TABLE sources ADD COLUMN settings TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sources DROP COLUMN settings;
