-- Bids per supplier without a window: a continuous GROUP BY whose rows change as bids arrive.
-- Each supplier's first bid inserts its row (+I); every later bid retracts the old row (-U) and
-- adds the new one (+U) — Flink's changelog. Apply the changes in order to get the current table.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

SELECT supplier_id, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top, COUNT(DISTINCT item) AS items
FROM Bid
GROUP BY supplier_id;
