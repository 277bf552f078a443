-- A LEFT window join over HOP windows (10 min every 5 min), with a non-equi condition: a bid is
-- padded in each window where no ask of its item is at most its price. A row lies in two windows
-- and joins in each; NULL items never match (SQL's = on NULL) but are padded.
CREATE TABLE Bids (ts TIMESTAMP(3), item STRING, price INT, bidder STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-bids.jsonl', 'format' = 'json');
CREATE TABLE Asks (ts TIMESTAMP(3), item STRING, ask INT, seller STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-asks.jsonl', 'format' = 'json');
SELECT b.item, b.price, a.ask, a.seller, b.window_start, b.window_end
FROM (SELECT * FROM TABLE(HOP(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))) b
LEFT JOIN (SELECT * FROM TABLE(HOP(TABLE Asks, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))) a
ON b.item = a.item AND a.ask <= b.price AND b.window_start = a.window_start AND b.window_end = a.window_end;
