-- A time condition in a join on top of a regular join: the regular join below materializes the
-- rowtimes (Flink 2.3 plans "Join(where=[... ts0 >= ts - 60000 ...])", not an IntervalJoin), so
-- the bounds are an ordinary condition on each pair — timestamp minus INTERVAL included. The LEFT
-- JOIN is a changelog (+I of a padded row, then -D of it and +I of the match).
-- oracle: changelog order — three files read at once: which row reaches the joins first decides the change rows
CREATE TABLE A (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'join-on-join-a.jsonl', 'format' = 'json');
CREATE TABLE B (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'join-on-join-b.jsonl', 'format' = 'json');
CREATE TABLE C (id INT, ts TIMESTAMP(3), v INT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'join-on-join-c.jsonl', 'format' = 'json');

SELECT A.id, C.v FROM A JOIN B ON A.id = B.id
JOIN C ON A.id = C.id AND C.ts BETWEEN A.ts - INTERVAL '1' MINUTE AND A.ts;

SELECT A.id, C.v FROM A JOIN B ON A.id = B.id
LEFT JOIN C ON A.id = C.id AND C.ts BETWEEN A.ts - INTERVAL '1' MINUTE AND A.ts;

SELECT id, ts - INTERVAL '1' MINUTE AS earlier, INTERVAL '90' SECOND + ts AS later
FROM A WHERE ts + INTERVAL '4' MINUTE < CAST('2020-01-01 00:05:00' AS TIMESTAMP(3));
