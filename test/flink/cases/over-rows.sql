-- OVER aggregations with a ROWS frame: each row with the n rows emitted before it in its
-- partition (same-timestamp rows in arrival order), emitted when the watermark passes its rowtime;
-- late rows dropped as Flink's RowTimeRowsBoundedPrecedingFunction and the unbounded function do.
CREATE TABLE t (
  ts TIMESTAMP(3), k STRING, v INT, price DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'over.jsonl', 'format' = 'json');

SELECT k, v,
  SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last3,
  MIN(price) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS cheapest
FROM t;

SELECT k, v, COUNT(*) OVER w AS seen, SUM(price) OVER w AS total
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
