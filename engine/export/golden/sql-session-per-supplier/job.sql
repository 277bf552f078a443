-- Flink SQL exported by Eddy from session-per-supplier.sql.
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

-- Eddy prints a bare SELECT as the sink "result"; Flink runs INSERT INTO a print table.
CREATE TABLE `result` (
  `supplier_id` STRING,
  `window_start` TIMESTAMP(3),
  `window_end` TIMESTAMP(3),
  `bids` BIGINT,
  `total` DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO `result`
SELECT supplier_id, window_start, window_end, COUNT(*) AS bids, SUM(price) AS total
FROM TABLE(SESSION(TABLE Bid PARTITION BY supplier_id, DESCRIPTOR(bidtime), INTERVAL '3' MINUTES))
GROUP BY supplier_id, window_start, window_end;
