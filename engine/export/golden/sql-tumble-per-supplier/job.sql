-- Flink SQL exported by Eddy from tumble-per-supplier.sql.
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- 'path': Flink reads it relative to the SQL client's working directory; an absolute path or URI is safer.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'Bid', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

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
