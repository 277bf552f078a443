-- oracle: changelog order — a regular join: which side's row arrives first decides the change rows (in Flink too)
-- A join of window aggregations is a window join only when both have the same windows and the ON
-- equates both window_start and window_end (Flink's WindowJoinUtil.satisfyWindowJoin); otherwise
-- Flink 2.3 plans a regular join, a changelog: here TUMBLE beside CUMULATE windows (their first
-- windows are equal: a padded ask is retracted when its bid arrives), then TUMBLE on both sides
-- equated on window_start only.
CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT, bidder STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT, seller STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-asks.jsonl', 'format' = 'json');

SELECT b.item, b.bids, a.asks, b.window_start, b.window_end, a.window_end AS ask_window_end
FROM (SELECT window_start, window_end, item, COUNT(*) AS bids FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, item) b
FULL JOIN (SELECT window_start, window_end, item, COUNT(*) AS asks FROM TABLE(CUMULATE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, item) a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item;

SELECT b.item, b.bids, a.asks, b.window_start, b.window_end
FROM (SELECT window_start, window_end, item, COUNT(*) AS bids FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, item) b
FULL JOIN (SELECT window_start, window_end, item, COUNT(*) AS asks FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, item) a
ON b.window_start = a.window_start AND b.item = a.item;
