-- Flink SQL exported by Eddy from datagen-tumble.sql.
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- Eddy-only option left out: 'eddy.start-time' = '2024-01-01 00:00:00' (Flink's datagen draws timestamps near the current time).
CREATE TABLE Orders (
  order_time TIMESTAMP(3),
  product INT,
  amount DOUBLE,
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '60',
  'fields.product.min' = '1',
  'fields.product.max' = '3',
  'fields.amount.min' = '1',
  'fields.amount.max' = '100'
);
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'Orders', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

-- Eddy prints a bare SELECT as the sink "result"; Flink runs INSERT INTO a print table.
CREATE TABLE `result` (
  `window_start` TIMESTAMP(3),
  `window_end` TIMESTAMP(3),
  `product` INT,
  `orders` BIGINT
) WITH ('connector' = 'print');

INSERT INTO `result`
SELECT window_start, window_end, product, COUNT(*) AS orders
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(order_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, product;
