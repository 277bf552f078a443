-- Bids per supplier in tumbling 10-minute windows (the Bid table of Flink's window aggregation docs).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

CREATE TABLE per_supplier (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  supplier_id STRING,
  bids BIGINT,
  total DECIMAL(38, 2),
  top DECIMAL(10, 2)
) WITH ('connector' = 'print');

INSERT INTO per_supplier
SELECT window_start, window_end, supplier_id, COUNT(*), SUM(price), MAX(price)
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end, supplier_id;
