-- CUMULATE with a row that arrives after the watermark passed every window it belongs to (08:05:30 after 08:17): Flink drops it.
-- oracle: p1 only — at parallelism 2 whether the late row is dropped depends on when the source
-- subtask that reads nothing ends, in Flink as in Eddy (Flink 2.3 at p2 keeps it in some runs, drops it in others).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid-late.jsonl', 'format' = 'json');

SELECT window_start, window_end, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;
