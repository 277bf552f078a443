-- Orders and the shipment that left within an hour of each (an interval join, Flink's
-- TimeIntervalJoin). A LEFT JOIN keeps every order: one that no shipment matched within its hour
-- comes out padded with NULLs once the watermark of both tables has passed order_time + 1 hour
-- (o2 here: shipped after 90 minutes). Append-only: every row is +I, none is ever retracted.
CREATE TABLE Orders (
  order_id STRING,
  order_time TIMESTAMP(3),
  product STRING,
  amount DECIMAL(10, 2),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');

CREATE TABLE Shipments (
  order_id STRING,
  ship_time TIMESTAMP(3),
  carrier STRING,
  WATERMARK FOR ship_time AS ship_time - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'shipments.jsonl', 'format' = 'json');

SELECT o.order_id, o.product, o.order_time, s.ship_time, s.carrier
FROM Orders o
LEFT JOIN Shipments s
  ON o.order_id = s.order_id
  AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' HOUR;
