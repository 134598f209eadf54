-- Experience register: submissions to the CFS call-for-experiences form, field observations
-- of market prices and labels, moderators, sessions and the audit trail.
-- Nothing here is public until a moderator publishes it; contact details never are.

CREATE TABLE IF NOT EXISTS register_submissions (
    id             VARCHAR   NOT NULL,   -- random hex id
    status         VARCHAR   NOT NULL,   -- pending | published | rejected
    form           VARCHAR   NOT NULL,   -- form id, e.g. cfs-smallholders-2019
    year           SMALLINT  NOT NULL,   -- year of the call (filter 'year')
    title          VARCHAR,
    source_name    VARCHAR   NOT NULL,   -- uploaded file name, or 'web form'
    source_format  VARCHAR   NOT NULL,   -- txt | docx | pdf | web
    received_via   VARCHAR   NOT NULL,   -- cli | web-form | web-upload
    content_sha256 VARCHAR   NOT NULL,   -- of the public record: the same content is stored once
    nonce          VARCHAR,              -- idempotency key of a web post
    sets           SMALLINT[],           -- ticked sets (1, 2, 3)
    sdgs           SMALLINT[],           -- ticked SDGs
    affiliations   VARCHAR[],            -- ticked affiliation boxes
    places         VARCHAR[],            -- region ids and ISO alpha-2 codes
    recommendations VARCHAR[],           -- cited ids as 'set:id', e.g. '2:18', '3:VII.A'
    record_json    VARCHAR   NOT NULL,   -- the structured record WITHOUT contact details
    warnings       INTEGER   NOT NULL,
    received_at    TIMESTAMP NOT NULL,
    moderated_at   TIMESTAMP,
    moderated_by   VARCHAR,
    moderation_note VARCHAR
);

-- Contact details, kept apart so that no public query can reach them.
CREATE TABLE IF NOT EXISTS register_contacts (
    submission_id VARCHAR NOT NULL,
    name          VARCHAR,
    email         VARCHAR
);

-- Word index of the answers (DuckDB's fts extension cannot be installed offline).
CREATE TABLE IF NOT EXISTS register_terms (
    submission_id VARCHAR NOT NULL,
    term          VARCHAR NOT NULL,
    hits          INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS register_observations (
    id              VARCHAR   NOT NULL,
    status          VARCHAR   NOT NULL,  -- pending | published | rejected
    observed_on     DATE      NOT NULL,
    country         VARCHAR   NOT NULL,  -- ISO 3166 alpha-2
    place           VARCHAR   NOT NULL,  -- town and market
    product         VARCHAR   NOT NULL,  -- product category id (liquid_milk, wmp, ffmp, ...)
    brand           VARCHAR,
    package_size    DOUBLE    NOT NULL,
    package_unit    VARCHAR   NOT NULL,  -- g | kg | ml | l
    price           DOUBLE    NOT NULL,
    currency        VARCHAR   NOT NULL,  -- ISO 4217, e.g. XOF
    labels          VARCHAR[],           -- label statement ids (contains_vegetable_fat, ...)
    label_text      VARCHAR,             -- label wording as read on the pack
    note            VARCHAR,
    source          VARCHAR   NOT NULL,  -- 'web form', or the CSV file name and line
    received_at     TIMESTAMP NOT NULL,
    moderated_at    TIMESTAMP,
    moderated_by    VARCHAR,
    content_sha256  VARCHAR   NOT NULL
);

CREATE TABLE IF NOT EXISTS register_moderators (
    username   VARCHAR   NOT NULL,
    salt       BLOB      NOT NULL,
    pw_hash    BLOB      NOT NULL,      -- hashlib.scrypt(password, salt, n, r, p)
    scrypt_n   INTEGER   NOT NULL,
    scrypt_r   INTEGER   NOT NULL,
    scrypt_p   INTEGER   NOT NULL,
    active     BOOLEAN   NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS register_sessions (
    token_sha256 VARCHAR   NOT NULL,    -- only the hash of the cookie value is kept
    username     VARCHAR   NOT NULL,
    csrf         VARCHAR   NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS register_audit (
    happened_at TIMESTAMP NOT NULL,
    actor       VARCHAR   NOT NULL,     -- moderator user name, or 'cli:<user>'
    action      VARCHAR   NOT NULL,     -- publish | reject | create-moderator | login | ...
    target_kind VARCHAR,                -- submission | observation | moderator
    target_id   VARCHAR,
    detail      VARCHAR
);

-- Posts per client key and minute, for rate limits.
CREATE TABLE IF NOT EXISTS register_posts (
    client_key VARCHAR   NOT NULL,      -- sha256 of the client address
    posted_at  TIMESTAMP NOT NULL
);

-- Drafts of the web form, so nothing typed is lost.
CREATE TABLE IF NOT EXISTS register_drafts (
    token_sha256 VARCHAR   NOT NULL,
    form         VARCHAR   NOT NULL,
    data_json    VARCHAR   NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

-- Published field observations as price rows, for the West African price series. Stages that
-- may not import fairmilk.register read this view; fairmilk.register reads it too.
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
FROM register_observations
WHERE status = 'published';
