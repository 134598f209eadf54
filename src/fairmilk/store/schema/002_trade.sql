-- Trade flows from Eurostat Comext and UN Comtrade, one row per file line kept.
CREATE TABLE IF NOT EXISTS trade_flows (
    file_id       VARCHAR  NOT NULL,  -- source_files.file_id of the vintage the row came from
    source        VARCHAR  NOT NULL,  -- comext | comtrade
    reporter      VARCHAR  NOT NULL,  -- ISO 3166 alpha-2 of the declaring country
    partner       VARCHAR  NOT NULL,  -- ISO alpha-2; for non-country partners the source code prefixed 'X:'
    product_code  VARCHAR  NOT NULL,  -- CN8 (Comext) or HS6 (Comtrade), digits only
    code_system   VARCHAR  NOT NULL,  -- CN8 | HS6
    flow          VARCHAR  NOT NULL,  -- import | export
    year          SMALLINT NOT NULL,
    month         TINYINT,            -- NULL for annual records
    value_eur     DOUBLE,             -- as published (Comext); NULL when the source gives USD
    value_usd     DOUBLE,             -- as published (Comtrade); NULL when the source gives EUR
    quantity_kg   DOUBLE,             -- NULL when not published
    supp_unit     VARCHAR,
    supp_quantity DOUBLE,
    stat_regime   VARCHAR,
    flag          VARCHAR             -- source flags (estimates, confidentiality), as published
);

-- trade_current (the rows of the current vintage of every dataset: what indicators read) is
-- created by fairmilk.store.db from its Ibis definition in fairmilk.store.current.
