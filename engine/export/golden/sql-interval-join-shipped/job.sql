-- Flink SQL exported by Eddy from interval-join-shipped.sql.
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- 'path': Flink reads it relative to the SQL client's working directory; an absolute path or URI is safer.
CREATE TABLE Orders (
  order_id STRING,
  order_time TIMESTAMP(3),
  product STRING,
  amount DECIMAL(10, 2),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'Orders', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

-- 'path': Flink reads it relative to the SQL client's working directory; an absolute path or URI is safer.
CREATE TABLE Shipments (
  order_id STRING,
  ship_time TIMESTAMP(3),
  carrier STRING,
  WATERMARK FOR ship_time AS ship_time - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'shipments.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'Shipments', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

-- Eddy prints a bare SELECT as the sink "result"; Flink runs INSERT INTO a print table.
CREATE TABLE `result` (
  `order_id` STRING,
  `product` STRING,
  `order_time` TIMESTAMP(3),
  `ship_time` TIMESTAMP(3),
  `carrier` STRING
) WITH ('connector' = 'print');

INSERT INTO `result`
SELECT o.order_id, o.product, o.order_time, s.ship_time, s.carrier
FROM Orders o
LEFT JOIN Shipments s
  ON o.order_id = s.order_id
  AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' HOUR;
