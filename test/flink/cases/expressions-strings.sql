-- Flink's string functions, NULLs and edge cases included (positions are 1-based; a NULL
-- argument gives NULL, but CONCAT_WS skips NULL values).
CREATE TABLE t (
  ts TIMESTAMP(3), name STRING, n INT, price DECIMAL(10, 2), flag BOOLEAN
) WITH ('connector' = 'filesystem', 'path' = 'expressions.jsonl', 'format' = 'json');

SELECT
  name,
  SUBSTRING(name, 2) AS s1,
  SUBSTRING(name, 1, 2) AS s2,
  SUBSTR(name, -2, 1) AS s3,
  SUBSTRING(name, n) AS s4,
  TRIM(CONCAT('  ', name, ' ')) AS trimmed,
  LTRIM(CONCAT('  ', name)) AS ltrimmed,
  RTRIM(CONCAT(name, '  ')) AS rtrimmed,
  CONCAT(name, '-', name) AS doubled,
  CONCAT_WS('|', name, 'x', name) AS joined,
  REPLACE(name, '_', '+') AS replaced,
  POSITION('b' IN name) AS pos_b,
  LOCATE('b', name) AS loc_b,
  INITCAP(CONCAT(name, ' hello wORLD')) AS initcap,
  LPAD(name, 5, '*') AS lpad5,
  RPAD(name, 2, '*') AS rpad2,
  REPEAT(name, 2) AS twice,
  REVERSE(name) AS reversed,
  SPLIT_INDEX(name, '_', 1) AS after_underscore,
  REGEXP_REPLACE(name, '[ab]', 'X') AS regexp_replaced,
  REGEXP_EXTRACT(name, '(a)(.)', 2) AS regexp_extracted,
  UPPER(name) AS up,
  LOWER(name) || '!' AS low
FROM t;
