-- An INNER window join over TUMBLE windows, the window columns and an expression over both sides
-- selected: a pair per matching bid and ask of an item in the same 5-minute window; NULL items
-- and rows alone in their window give nothing. Both files are in time order (no late rows: with
-- two sources, whether a row is late depends on how they interleave, in Flink as in Eddy).
CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT, bidder STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT, seller STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-asks.jsonl', 'format' = 'json');
SELECT b.item, b.bidder, a.seller, b.price - a.ask AS margin, b.window_start, b.window_end, b.window_time
FROM (SELECT * FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) b
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.item = a.item;
