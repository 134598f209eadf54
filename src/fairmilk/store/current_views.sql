-- Compiled by Ibis from the definitions of digest 26113f3cb12733a5e00d0cf0a1a6eb9efccc92dd47520fbc6feea03945dd5af6
CREATE OR REPLACE VIEW trade_current AS
SELECT
  "t2"."file_id",
  "t2"."source",
  "t2"."reporter",
  "t2"."partner",
  "t2"."product_code",
  "t2"."code_system",
  "t2"."flow",
  "t2"."year",
  "t2"."month",
  "t2"."value_eur",
  "t2"."value_usd",
  "t2"."quantity_kg",
  "t2"."supp_unit",
  "t2"."supp_quantity",
  "t2"."stat_regime",
  "t2"."flag",
  "t4"."synthetic"
FROM "trade_flows" AS "t2"
INNER JOIN (
  SELECT
    "t1"."file_id",
    "t1"."synthetic"
  FROM "source_files" AS "t1"
  WHERE
    "t1"."is_current"
) AS "t4"
  ON "t2"."file_id" = "t4"."file_id"
-- next view
CREATE OR REPLACE VIEW prices_current AS
SELECT
  *
FROM "prices" AS "t0"
WHERE
  (
    "t0"."file_id" IS NULL
  )
  OR "t0"."file_id" IN (
    SELECT
      "t1"."file_id"
    FROM "source_files" AS "t1"
    WHERE
      "t1"."is_current"
  )
