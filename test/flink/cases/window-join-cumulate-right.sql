-- A RIGHT window join over CUMULATE windows (step 5 min, up to 15 min), the inputs projected and
-- filtered in their subqueries: each ask joins the bids of its item in every cumulating window
-- it belongs to, or is padded there.
CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT, bidder STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT, seller STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-asks.jsonl', 'format' = 'json');
SELECT b.item AS bid_item, b.price * 10 AS p10, a.item, a.seller, a.window_start, a.window_end, a.window_time
FROM (SELECT item, price, window_start, window_end FROM TABLE(CUMULATE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '15' MINUTES)) WHERE price > 1) b
RIGHT JOIN (SELECT * FROM TABLE(CUMULATE(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '15' MINUTES))) a
ON b.item = a.item AND b.window_start = a.window_start AND b.window_end = a.window_end;
