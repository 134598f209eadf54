-- Price, cost and price-like series (EU farm-gate prices and costs, dairy quotations,
-- West African milk and powder prices), from the embedded reference files and from user
-- price files. Loaded by fairmilk.store.prices; read by fairmilk.indicators.prices.
CREATE TABLE IF NOT EXISTS prices (
    file_id     VARCHAR,              -- source_files.file_id of a user file; NULL for embedded reference data
    dataset     VARCHAR  NOT NULL,    -- 'prices/eu_milk_prices_costs', ... or 'user:<file name>'
    series      VARCHAR  NOT NULL,    -- farmgate_milk_price, production_cost_full, local_fresh_price, ...
    geo         VARCHAR  NOT NULL,    -- ISO alpha-2, region id, or X:-prefixed aggregate
    market      VARCHAR,              -- market or place (West African prices)
    product     VARCHAR,              -- product as published
    stage       VARCHAR,              -- producer | consumer | wholesale | processor_sale | cost | relative
    period      VARCHAR  NOT NULL,    -- '2019', '2019-03', '2013-2017', '2018-01/2018-08'
    period_type VARCHAR,              -- month | year | multi-year | part-year | week | ...
    year        SMALLINT,
    month       TINYINT,
    value       DOUBLE,               -- NULL when only a range is published
    value_low   DOUBLE,
    value_high  DOUBLE,
    unit        VARCHAR  NOT NULL,    -- CURRENCY/QUANTITY (EURc/kg, EUR/100kg, XOF/L, ...), '%' or 'index'
    approximate BOOLEAN  NOT NULL DEFAULT FALSE,
    derived     BOOLEAN  NOT NULL DEFAULT FALSE,
    synthetic   BOOLEAN  NOT NULL DEFAULT FALSE,
    source_org  VARCHAR,
    source_url  VARCHAR  NOT NULL,
    note        VARCHAR
);

-- prices_current (reference rows, and user rows of the current vintage of their file) is
-- created by fairmilk.store.db from its Ibis definition in fairmilk.store.current.
