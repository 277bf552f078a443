-- OVER aggregations with a RANGE frame: rows come out when the watermark passes their rowtime,
-- in time order per partition; RANGE includes peers (rows with the same timestamp get the same
-- aggregates); a row whose timestamp is at or before the partition's last emitted one is late and
-- dropped (bounded), or at or before the watermark (UNBOUNDED PRECEDING).
CREATE TABLE t (
  ts TIMESTAMP(3), k STRING, v INT, price DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'over.jsonl', 'format' = 'json');

SELECT k, v, ts,
  SUM(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW) AS s,
  COUNT(price) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW) AS n,
  MAX(price) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW) AS top,
  AVG(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW) AS mean
FROM t;

SELECT k, v, SUM(price) OVER w AS total, COUNT(*) OVER w AS cnt, MIN(v) OVER w AS low
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

SELECT v, SUM(v) OVER (ORDER BY ts) AS run_total FROM t WHERE v <> 5;
