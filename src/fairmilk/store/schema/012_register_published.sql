-- What the analytics data holds of the register: a copy of the PUBLISHED rows only, made
-- as a new version of the store each time a moderator publishes or withdraws something
-- (fairmilk.register.published). The register itself (pending items, contacts, moderators,
-- the audit trail) lives in its own transactional store (fairmilk.register.store).
-- Stores from before kept their register_* tables: they were copied into the register
-- store once and are no longer read.

CREATE TABLE IF NOT EXISTS register_published_submissions (
    id             VARCHAR   NOT NULL,
    title          VARCHAR,
    year           SMALLINT  NOT NULL,
    places         VARCHAR[],             -- region ids and ISO alpha-2 codes
    received_at    TIMESTAMP NOT NULL,
    moderated_at   TIMESTAMP,
    content_sha256 VARCHAR   NOT NULL
);

CREATE TABLE IF NOT EXISTS register_published_observations (
    id             VARCHAR   NOT NULL,
    observed_on    DATE      NOT NULL,
    country        VARCHAR   NOT NULL,
    place          VARCHAR   NOT NULL,
    product        VARCHAR   NOT NULL,
    brand          VARCHAR,
    package_size   DOUBLE    NOT NULL,
    package_unit   VARCHAR   NOT NULL,
    price          DOUBLE    NOT NULL,
    currency       VARCHAR   NOT NULL,
    labels         VARCHAR[],
    label_text     VARCHAR,
    moderated_at   TIMESTAMP,
    content_sha256 VARCHAR   NOT NULL
);

-- The digest of the published rows last copied (one row): a copy that would change
-- nothing makes no new version.
CREATE TABLE IF NOT EXISTS register_publication (
    digest    VARCHAR   NOT NULL,
    copied_at TIMESTAMP NOT NULL
);

-- Published field observations as price rows, for the West African price series.
CREATE OR REPLACE VIEW register_published_prices AS
SELECT
    id,
    observed_on,
    CAST(year(observed_on) AS SMALLINT) AS year,
    CAST(month(observed_on) AS TINYINT) AS month,
    country,
    place,
    product,
    brand,
    package_size,
    package_unit,
    price,
    currency,
    price / (package_size * CASE WHEN package_unit IN ('g', 'ml') THEN 0.001 ELSE 1 END)
        AS price_per_base_unit,                       -- same currency, per kg or per litre
    CASE WHEN package_unit IN ('g', 'kg') THEN 'kg' ELSE 'l' END AS base_unit,
    labels,
    label_text,
    'fairmilk register observation ' || id AS source,
    FALSE AS synthetic
FROM register_published_observations;
