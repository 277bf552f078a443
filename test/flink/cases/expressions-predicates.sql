-- CASE (searched and simple), IN / NOT IN, LIKE (with % _ and ESCAPE), BETWEEN,
-- IS [NOT] NULL / TRUE / FALSE over rows with NULLs: SQL's three-valued logic as Flink gives it
-- (a NULL operand gives NULL; IN is NULL when nothing matches and the list or value holds a NULL;
-- IS [NOT] TRUE/FALSE never give NULL; LIKE has no escape character unless ESCAPE names one).
CREATE TABLE t (
  ts TIMESTAMP(3), name STRING, n INT, price DECIMAL(10, 2), flag BOOLEAN
) WITH ('connector' = 'filesystem', 'path' = 'expressions.jsonl', 'format' = 'json');

SELECT
  name,
  CASE WHEN n > 2 THEN 'big' WHEN n > 0 THEN 'small' ELSE 'other' END AS size,
  CASE n WHEN 1 THEN 'one' WHEN 3 THEN 'three' END AS word,
  CASE WHEN price > 3 THEN price ELSE 0 END AS capped,
  CASE WHEN flag THEN n END AS flagged,
  n IN (1, 3, 4) AS in_list,
  n IN (1, NULL) AS in_null,
  n NOT IN (1, 3) AS not_in,
  name LIKE 'a%' AS starts_a,
  name LIKE 'a_b' AS a_any_b,
  name LIKE 'a\_b' AS no_escape,
  name LIKE 'a!_b' ESCAPE '!' AS escaped,
  name NOT LIKE '%!%' ESCAPE '!' AS no_percent,
  n BETWEEN 0 AND 3 AS between_0_3,
  n NOT BETWEEN 0 AND 3 AS outside_0_3,
  flag IS TRUE AS is_true,
  flag IS NOT TRUE AS is_not_true,
  flag IS FALSE AS is_false,
  flag IS NOT FALSE AS is_not_false,
  name IS NULL AS no_name,
  (n > 0 AND flag) OR name = '' AS logic
FROM t;

SELECT name, n FROM t WHERE n IN (1, 3, 4) OR name LIKE '%\%';

SELECT name FROM t WHERE CASE WHEN n > 2 THEN flag ELSE NOT flag END;
