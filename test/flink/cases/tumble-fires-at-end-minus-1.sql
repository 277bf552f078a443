-- A window fires when the watermark reaches window_end − 1 (not window_end): 00:00:05.999 moves the
-- watermark to 00:00:04.999, so [0 s, 5 s) fires and 00:00:03 arrives late and is dropped (n = 1).
-- oracle: p1 only — at parallelism 2 whether the late row is dropped depends on when the source
-- subtask that reads nothing ends, in Flink as in Eddy.
CREATE TABLE Events (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'tumble-fires-at-end-minus-1.jsonl', 'format' = 'json');

SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE Events, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
