-- The register store: submissions to the CFS call-for-experiences form, field observations,
-- moderators, sessions, the audit trail, rate-limit counters and drafts. Portable SQL for
-- SQLite and PostgreSQL: lists are JSON text (and rows of register_tags for the filters),
-- {blob} is BLOB or BYTEA. Nothing here is public until a moderator publishes it; contact
-- details never are.

CREATE TABLE register_submissions (
    id              TEXT      PRIMARY KEY,  -- random hex id
    status          TEXT      NOT NULL,     -- pending | published | rejected
    form            TEXT      NOT NULL,     -- form id, e.g. cfs-smallholders-2019
    year            SMALLINT  NOT NULL,     -- year of the call (filter 'year')
    title           TEXT,
    source_name     TEXT      NOT NULL,     -- uploaded file name, or 'web form'
    source_format   TEXT      NOT NULL,     -- txt | docx | pdf | web
    received_via    TEXT      NOT NULL,     -- cli | web-form | web-upload
    content_sha256  TEXT      NOT NULL UNIQUE,  -- of the public record: stored once
    nonce           TEXT,                   -- idempotency key of a web post
    sets            TEXT      NOT NULL,     -- JSON list of ticked sets (1, 2, 3)
    sdgs            TEXT      NOT NULL,     -- JSON list of ticked SDGs
    affiliations    TEXT      NOT NULL,     -- JSON list of ticked affiliation boxes
    places          TEXT      NOT NULL,     -- JSON list of region ids and ISO alpha-2 codes
    recommendations TEXT      NOT NULL,     -- JSON list of cited ids as 'set:id'
    record_json     TEXT      NOT NULL,     -- the structured record WITHOUT contact details
    warnings        INTEGER   NOT NULL,
    received_at     TIMESTAMP NOT NULL,
    moderated_at    TIMESTAMP,
    moderated_by    TEXT,
    moderation_note TEXT
);
CREATE INDEX register_submissions_status ON register_submissions (status, received_at);

-- The list columns of a submission as rows (kind: set | sdg | affiliation | place |
-- recommendation), for the search filters and the synthesis counts.
CREATE TABLE register_tags (
    submission_id TEXT NOT NULL REFERENCES register_submissions (id),
    kind          TEXT NOT NULL,
    value         TEXT NOT NULL
);
CREATE INDEX register_tags_kind_value ON register_tags (kind, value);
CREATE INDEX register_tags_submission ON register_tags (submission_id);

-- Contact details, kept apart so that no public query can reach them.
CREATE TABLE register_contacts (
    submission_id TEXT PRIMARY KEY REFERENCES register_submissions (id),
    name          TEXT,
    email         TEXT,
    held_back     TEXT                      -- JSON [[field, line]] held back from answers
);

-- Word index of the answers.
CREATE TABLE register_terms (
    submission_id TEXT    NOT NULL REFERENCES register_submissions (id),
    term          TEXT    NOT NULL,
    hits          INTEGER NOT NULL
);
CREATE INDEX register_terms_term ON register_terms (term);
CREATE INDEX register_terms_submission ON register_terms (submission_id);

CREATE TABLE register_observations (
    id             TEXT      PRIMARY KEY,
    status         TEXT      NOT NULL,      -- pending | published | rejected
    observed_on    DATE      NOT NULL,
    country        TEXT      NOT NULL,      -- ISO 3166 alpha-2
    place          TEXT      NOT NULL,      -- town and market
    product        TEXT      NOT NULL,      -- product category id
    brand          TEXT,
    package_size   DOUBLE PRECISION NOT NULL,
    package_unit   TEXT      NOT NULL,      -- g | kg | ml | l
    price          DOUBLE PRECISION NOT NULL,
    currency       TEXT      NOT NULL,      -- ISO 4217
    labels         TEXT      NOT NULL,      -- JSON list of label statement ids
    label_text     TEXT,
    note           TEXT,
    source         TEXT      NOT NULL,      -- 'web form', or the CSV file name and line
    received_at    TIMESTAMP NOT NULL,
    moderated_at   TIMESTAMP,
    moderated_by   TEXT,
    content_sha256 TEXT      NOT NULL UNIQUE
);
CREATE INDEX register_observations_status ON register_observations (status);

CREATE TABLE register_moderators (
    username   TEXT      PRIMARY KEY,
    salt       {blob}    NOT NULL,
    pw_hash    {blob}    NOT NULL,          -- hashlib.scrypt(password, salt, n, r, p)
    scrypt_n   INTEGER   NOT NULL,
    scrypt_r   INTEGER   NOT NULL,
    scrypt_p   INTEGER   NOT NULL,
    active     BOOLEAN   NOT NULL,
    created_at TIMESTAMP NOT NULL,
    is_admin   BOOLEAN   NOT NULL DEFAULT FALSE
);

CREATE TABLE register_sessions (
    token_sha256 TEXT      PRIMARY KEY,     -- only the hash of the cookie value is kept
    username     TEXT      NOT NULL REFERENCES register_moderators (username),
    csrf         TEXT      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);

CREATE TABLE register_audit (
    happened_at TIMESTAMP NOT NULL,
    actor       TEXT      NOT NULL,         -- moderator user name, or 'cli:<user>'
    action      TEXT      NOT NULL,         -- publish | reject | create-moderator | login | ...
    target_kind TEXT,                       -- submission | observation | moderator
    target_id   TEXT,
    detail      TEXT
);
CREATE INDEX register_audit_time ON register_audit (happened_at);
CREATE INDEX register_audit_target ON register_audit (target_id, action);

-- Posts per client key and window, for rate limits.
CREATE TABLE register_posts (
    client_key TEXT      NOT NULL,          -- sha256 of the client address
    posted_at  TIMESTAMP NOT NULL
);
CREATE INDEX register_posts_client ON register_posts (client_key);
CREATE INDEX register_posts_time ON register_posts (posted_at);

-- Drafts of the web form, so nothing typed is lost.
CREATE TABLE register_drafts (
    token_sha256 TEXT      NOT NULL,
    form         TEXT      NOT NULL,
    data_json    TEXT      NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (token_sha256, form)
);

-- Stores of the analytics database whose register tables were copied here (once each).
CREATE TABLE register_imports (
    source    TEXT      NOT NULL,
    copied_at TIMESTAMP NOT NULL,
    rows      INTEGER   NOT NULL
);
