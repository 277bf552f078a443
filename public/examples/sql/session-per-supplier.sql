-- Sessions of bids per supplier: a supplier's bids belong to one session while each comes within
-- 3 minutes of the one before (SESSION TVF, PARTITION BY supplier_id); a session's row comes once
-- the watermark passes its end (the last bid + 3 minutes). Flink's Bid table from its docs.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

SELECT supplier_id, window_start, window_end, COUNT(*) AS bids, SUM(price) AS total
FROM TABLE(SESSION(TABLE Bid PARTITION BY supplier_id, DESCRIPTOR(bidtime), INTERVAL '3' MINUTES))
GROUP BY supplier_id, window_start, window_end;
