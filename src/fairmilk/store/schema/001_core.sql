-- Core tables: what was loaded, from which file, and the data-quality report.
-- Primary keys are enforced by the single write path (fairmilk.store), not by DuckDB
-- indexes, because DuckDB indexes make updates of flagged rows fragile.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR NOT NULL,
    value VARCHAR NOT NULL
);

-- One row per loaded file (a vintage of a dataset).
CREATE TABLE IF NOT EXISTS source_files (
    file_id          VARCHAR NOT NULL,   -- sha256 of the file's bytes (hex)
    source           VARCHAR NOT NULL,   -- comext | comtrade | reference | prices | ...
    dataset_key      VARCHAR NOT NULL,   -- what the file covers, e.g. 'comext:2019' or 'comext:201903'
    vintage          INTEGER NOT NULL,   -- 1, 2, ... within dataset_key, in load order
    is_current       BOOLEAN NOT NULL,   -- the vintage the indicators use
    file_name        VARCHAR NOT NULL,
    size_bytes       BIGINT  NOT NULL,
    layout           VARCHAR,            -- e.g. 'comext-classic', 'comext-full-v2', 'comtrade-bulk'
    rows_read        BIGINT,
    rows_kept        BIGINT,
    rows_rejected    BIGINT,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    fairmilk_version VARCHAR,
    synthetic        BOOLEAN NOT NULL DEFAULT FALSE,  -- synthetic demonstration data
    producer         VARCHAR,
    url              VARCHAR,
    licence          VARCHAR,
    note             VARCHAR
);

-- Tolerable oddities found while loading (confidential partners, missing quantities, ...).
CREATE TABLE IF NOT EXISTS quality_issues (
    file_id     VARCHAR NOT NULL,
    line        BIGINT,
    column_name VARCHAR,
    kind        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    count       BIGINT  NOT NULL DEFAULT 1
);
