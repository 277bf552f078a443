-- Select items without an alias that dt-sql-parser's grammar splits: it reads `n + 1` as the
-- column n followed by the expression `+ 1`, and a bare 1 or 'k' as a column name. Eddy printed
-- the bare column (n, not n + 1) until it read such items again as one expression; CHAR_LENGTH,
-- a keyword that grammar does not take as a function name, did not parse at all.
CREATE TABLE t (
  ts TIMESTAMP(3),
  name STRING,
  n INT,
  price DECIMAL(10, 2),
  flag BOOLEAN
) WITH ('connector' = 'filesystem', 'path' = 'expressions.jsonl', 'format' = 'json');

SELECT name, n + 1, n - 1 - 2, n + 1 > 3, 1, 'k', 2 AS two_, 'x' AS x_, CHAR_LENGTH(name), CHAR_LENGTH(name) + 1 AS len1 FROM t;
