-- Reference data, reloaded from the files embedded in fairmilk.reference on every build.

-- Product codes to categories, by prefix (HS4, HS6 or CN8), with the years each is valid.
-- The longest prefix valid in a year wins.
CREATE TABLE IF NOT EXISTS ref_products (
    prefix       VARCHAR  NOT NULL,   -- digits only: '0402', '040210', '19019095'
    code_system  VARCHAR  NOT NULL,   -- HS | CN
    category     VARCHAR  NOT NULL,   -- see ref_categories
    valid_from   SMALLINT NOT NULL,   -- first year (CN/HS edition) the code means this
    valid_to     SMALLINT NOT NULL,   -- last year (9999 when still valid)
    ffmp_role    VARCHAR,             -- ffmp | carrier (FFMP mixed with other goods) | none
    label_en     VARCHAR  NOT NULL,
    label_fr     VARCHAR  NOT NULL,
    source_url   VARCHAR  NOT NULL,
    note         VARCHAR
);

-- Product categories with EN/FR names and their conversion factors (NULL = no sourced factor).
CREATE TABLE IF NOT EXISTS ref_categories (
    category          VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    name_fr           VARCHAR NOT NULL,
    is_powder         BOOLEAN NOT NULL,
    me_factor         DOUBLE,         -- kg of raw milk per kg of product (milk-solids basis)
    me_derived        BOOLEAN NOT NULL DEFAULT FALSE,  -- computed by fairmilk (formula in me_note)
    me_source_url     VARCHAR,
    me_note           VARCHAR,
    litres_per_kg     DOUBLE,         -- litres of reconstituted milk per kg of powder
    litres_derived    BOOLEAN NOT NULL DEFAULT FALSE,  -- computed by fairmilk (formula in litres_note)
    litres_source_url VARCHAR,
    litres_note       VARCHAR
);

CREATE TABLE IF NOT EXISTS ref_countries (
    iso2          VARCHAR NOT NULL,
    iso3          VARCHAR NOT NULL,
    iso_numeric   VARCHAR NOT NULL,   -- three digits, zero-padded
    comext_code   VARCHAR,            -- Eurostat geonomenclature code as in Comext files
    comtrade_code VARCHAR,            -- UN Comtrade numeric code
    name_en       VARCHAR NOT NULL,
    name_fr       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ref_regions (
    region    VARCHAR NOT NULL,       -- id: eu27, eu28, ecowas, waemu, west-africa
    name_en   VARCHAR NOT NULL,
    name_fr   VARCHAR NOT NULL,
    note      VARCHAR
);

-- Dated memberships: iso2 belongs to region from start_date to end_date, both inclusive
-- (NULL = still a member).
CREATE TABLE IF NOT EXISTS ref_memberships (
    region     VARCHAR NOT NULL,
    iso2       VARCHAR NOT NULL,
    start_date DATE    NOT NULL,
    end_date   DATE,
    source_url VARCHAR NOT NULL
);

-- Published figures and continuous series, each value with its source and flags.
CREATE TABLE IF NOT EXISTS observations (
    dataset     VARCHAR NOT NULL,     -- reference file id, e.g. 'faostat_qcl_cow_milk'
    series      VARCHAR NOT NULL,     -- what is measured, e.g. 'cow_milk_production'
    geo         VARCHAR NOT NULL,     -- ISO alpha-2, a region id, or 'world' / 'extra-eu' (published figures)
    partner     VARCHAR,              -- the other side of a bilateral figure
    product     VARCHAR,              -- product category or label
    period      VARCHAR NOT NULL,     -- '2019', '2019-03', '2019-Q1', '2010-2014'
    year        SMALLINT,
    month       TINYINT,
    value       DOUBLE,
    value_low   DOUBLE,
    value_high  DOUBLE,
    unit        VARCHAR NOT NULL,
    approximate BOOLEAN NOT NULL DEFAULT FALSE,
    derived     BOOLEAN NOT NULL DEFAULT FALSE,  -- computed by the source dataset from a sourced figure
    flag        VARCHAR,
    source_org  VARCHAR,
    source_url  VARCHAR NOT NULL,
    licence     VARCHAR,
    note        VARCHAR
);

-- The continuous series of the observations table, with EN/FR titles and units.
CREATE TABLE IF NOT EXISTS ref_series (
    series    VARCHAR NOT NULL,
    title_en  VARCHAR NOT NULL,
    title_fr  VARCHAR NOT NULL,
    unit      VARCHAR NOT NULL,
    datasets  VARCHAR NOT NULL,       -- reference dataset ids, space-separated
    note      VARCHAR
);
