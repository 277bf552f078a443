-- Bid totals in hopping 10-minute windows every 5 minutes, per supplier and over all suppliers at
-- once: GROUPING SETS ((supplier_id), ()) groups each window twice. The row with supplier_id NULL
-- is the () set, the window's grand total (Flink's window aggregation docs, "GROUPING SETS").
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

SELECT window_start, window_end, supplier_id, SUM(price) AS price, COUNT(*) AS bids
FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
GROUP BY window_start, window_end, GROUPING SETS ((supplier_id), ());
