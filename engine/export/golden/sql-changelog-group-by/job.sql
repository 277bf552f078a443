-- Flink SQL exported by Eddy from changelog-group-by.sql.
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
  `bids` BIGINT,
  `total` DECIMAL(38, 2),
  `top` DECIMAL(10, 2),
  `items` BIGINT
) WITH ('connector' = 'print');

INSERT INTO `result`
SELECT supplier_id, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top, COUNT(DISTINCT item) AS items
FROM Bid
GROUP BY supplier_id;
