-- Found by the window differential tests (seed 1, case 22). CUMULATE 10 s / 40 s, watermark 1 s:
-- 00:00:29.5 arrives after the watermark reached 00:00:38.5, so its slice [20 s, 30 s) has fired,
-- but the last window it belongs to, [0 s, 40 s), has not: Flink's slicing window operator keeps
-- the row for that window ([0, 40) counts 3 rows); only 00:00:22 (after the watermark passed 40 s)
-- is dropped.
-- oracle: p1 only — at parallelism 2 whether a late row is dropped depends on when the source
-- subtask that reads nothing ends, in Flink as in Eddy.
CREATE TABLE Events (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'cumulate-late-row-unfired-window.jsonl', 'format' = 'json');

SELECT window_start, window_end, COUNT(*) AS n, COUNT(v) AS nv
FROM TABLE(CUMULATE(TABLE Events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '40' SECOND))
GROUP BY window_start, window_end;
