-- A window join of two SESSION window aggregations (window-join.md: a window join may follow a
-- window aggregation): Flink 2.3 plans it as a window join, not a regular one — each pair and each
-- padded row once, +I, when the sessions close.
-- Not here: sessions that share only their window_end ([12:20, 12:22) and [12:19, 12:22)) — two
-- runs of Flink 2.3 gave two answers (padded once, joined once); Eddy pairs them only with equal
-- window_start too, as the ON says.
CREATE TABLE LeftTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'session-join-left.jsonl', 'format' = 'json');
CREATE TABLE RightTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'session-join-right.jsonl', 'format' = 'json');

SELECT L.window_start, L.window_end, L.n AS lcount, R.n AS rcount, R.total AS rtotal FROM
  (SELECT window_start, window_end, COUNT(*) AS n FROM TABLE(SESSION(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '2' MINUTES)) GROUP BY window_start, window_end) L
  LEFT JOIN
  (SELECT window_start, window_end, COUNT(*) AS n, SUM(num) AS total FROM TABLE(SESSION(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '2' MINUTES)) GROUP BY window_start, window_end) R
  ON L.window_start = R.window_start AND L.window_end = R.window_end;

SELECT L.id, L.window_start, L.window_end, L.n AS lcount, R.n AS rcount FROM
  (SELECT id, window_start, window_end, COUNT(*) AS n FROM TABLE(SESSION(TABLE LeftTable PARTITION BY id, DESCRIPTOR(row_time), INTERVAL '2' MINUTES)) GROUP BY id, window_start, window_end) L
  JOIN
  (SELECT id, window_start, window_end, COUNT(*) AS n FROM TABLE(SESSION(TABLE RightTable PARTITION BY id, DESCRIPTOR(row_time), INTERVAL '2' MINUTES)) GROUP BY id, window_start, window_end) R
  ON L.window_start = R.window_start AND L.window_end = R.window_end AND SUBSTRING(L.id, 2) = SUBSTRING(R.id, 2);
