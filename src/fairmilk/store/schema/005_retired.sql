-- Synthetic never mixes with real: the first real trade file of a source retires the
-- synthetic sample of that source. A retired file stays in the store, not current;
-- retired_by says why: the file_id of the real file, or 'build --no-demo'.
ALTER TABLE source_files ADD COLUMN IF NOT EXISTS retired_by VARCHAR;

-- Confidential and special codes in the quality report: the quantity and value that cannot
-- be attributed (a product or partner the source hides), in the file's own currency.
ALTER TABLE quality_issues ADD COLUMN IF NOT EXISTS quantity_kg DOUBLE;
ALTER TABLE quality_issues ADD COLUMN IF NOT EXISTS value DOUBLE;
ALTER TABLE quality_issues ADD COLUMN IF NOT EXISTS currency VARCHAR;
