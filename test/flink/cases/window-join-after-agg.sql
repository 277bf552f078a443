-- Window join after window aggregations (Flink's docs, window-join.md: a window join may follow a
-- window aggregation, whose window_start / window_end propagate): Flink plans a WindowJoin, not a
-- regular join, so each window's pairs — and for an outer join its padded rows — are emitted once,
-- append-only, when the watermark passes the window's end (a regular FULL JOIN would emit a
-- padded row, then retract it). Views and subqueries of TUMBLE aggregations, INNER and FULL OUTER;
-- NULL items never match (08:15 window: a padded row per side). Both files are in time order.
CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT, bidder STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT, seller STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-asks.jsonl', 'format' = 'json');

CREATE VIEW bid_totals AS
SELECT window_start, window_end, item, SUM(price) AS bid_total, COUNT(*) AS bids
  FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
  GROUP BY window_start, window_end, item;
CREATE VIEW ask_totals AS
SELECT window_start, window_end, item, MIN(ask) AS best_ask, COUNT(*) AS asks
  FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
  GROUP BY window_start, window_end, item;

SELECT b.item, b.bid_total, a.best_ask, b.bid_total - a.best_ask AS spread, b.window_start, b.window_end
FROM bid_totals b
JOIN ask_totals a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item;

SELECT b.item AS b_item, a.item AS a_item, b.bids, a.asks,
  COALESCE(b.window_start, a.window_start) AS window_start, COALESCE(b.window_end, a.window_end) AS window_end
FROM (
  SELECT window_start, window_end, item, COUNT(*) AS bids
  FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
  GROUP BY window_start, window_end, item
) b
FULL JOIN (
  SELECT window_start, window_end, item, COUNT(*) AS asks
  FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
  GROUP BY window_start, window_end, item
) a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item;

SELECT b.item, b.bids, a.asks, b.window_start, b.window_end
FROM bid_totals b
LEFT JOIN ask_totals a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item;
