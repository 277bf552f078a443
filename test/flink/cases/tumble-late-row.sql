-- TUMBLE with a late row for a window that already fired: Flink drops it (SQL windows have no allowed lateness).
-- oracle: p1 only — at parallelism 2 whether the late row is dropped depends on when the source
-- subtask that reads nothing ends, in Flink as in Eddy (Flink 2.3 at p2 keeps it in some runs, drops it in others).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid-late.jsonl', 'format' = 'json');

SELECT window_start, window_end, window_time, COUNT(*) AS bids, MIN(price) AS low, MAX(price) AS high, AVG(price) AS mean FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '4' MINUTES)) GROUP BY window_start, window_end, window_time;
