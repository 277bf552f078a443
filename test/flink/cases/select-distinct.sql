-- SELECT DISTINCT (and GROUP BY without aggregates, the same query): Flink's GroupAggregate with
-- no aggregates emits +I the first time a row's values are seen, and nothing for repeats. NULLs
-- are one value, as in GROUP BY.
CREATE TABLE t (
  ts TIMESTAMP(3), name STRING, n INT, price DECIMAL(10, 2), flag BOOLEAN
) WITH ('connector' = 'filesystem', 'path' = 'expressions.jsonl', 'format' = 'json');

SELECT DISTINCT flag FROM t;

SELECT DISTINCT flag AS f, n > 2 AS big, UPPER(SUBSTRING(name, 1, 1)) AS first_letter FROM t;

SELECT flag FROM t GROUP BY flag;
