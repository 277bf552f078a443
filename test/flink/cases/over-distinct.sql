-- DISTINCT aggregates in OVER aggregations (Flink's distinct accumulators in its OverAggregate
-- functions): each non-NULL value of the frame counts once, for bounded ROWS, bounded RANGE and
-- unbounded frames.
CREATE TABLE t (
  ts TIMESTAMP(3), k STRING, v INT, price DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'over-distinct.jsonl', 'format' = 'json');

SELECT k, v,
  COUNT(DISTINCT v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS n,
  SUM(DISTINCT v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s
FROM t;

SELECT k, v, COUNT(DISTINCT price) OVER w AS prices, AVG(DISTINCT v) OVER w AS a, SUM(DISTINCT price) OVER w AS total
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '2' MINUTE PRECEDING AND CURRENT ROW);

SELECT k, v, COUNT(DISTINCT v) OVER w AS n, MAX(DISTINCT price) OVER w AS top
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
