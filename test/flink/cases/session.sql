-- The SESSION window TVF (with and without PARTITION BY): a session is [first ts, last ts + gap),
-- rows closer than the gap merge, sessions that a late-ish row bridges merge into one; results
-- when the watermark passes the session's end; a row whose session has already fired is dropped.
CREATE TABLE t (
  ts TIMESTAMP(3), k STRING, v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'session.jsonl', 'format' = 'json');

SELECT window_start, window_end, k, SUM(v) AS total, COUNT(*) AS n
FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
GROUP BY k, window_start, window_end;

SELECT window_start, window_end, window_time, MAX(v) AS top
FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '4' MINUTES))
GROUP BY window_start, window_end, window_time;
