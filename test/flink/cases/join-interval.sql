-- Interval joins (Flink's TimeIntervalJoin): inner, left, right and full outer. An outer row that
-- matched nothing comes null-padded once the watermark passes its interval (or at the end of
-- input); a NULL key joins nothing; strict bounds are 1 ms tighter; the comma form with the
-- condition in WHERE is the inner join of Flink's docs. Both files are in time order (no late rows).
CREATE TABLE Orders (
  id INT,
  order_time TIMESTAMP(3),
  amount DECIMAL(10, 2),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'join-orders.jsonl', 'format' = 'json');
CREATE TABLE Shipments (
  order_id INT,
  ship_time TIMESTAMP(3),
  carrier STRING,
  WATERMARK FOR ship_time AS ship_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'join-shipments.jsonl', 'format' = 'json');

SELECT o.id, o.order_time, s.ship_time, s.carrier
FROM Orders o JOIN Shipments s ON o.id = s.order_id AND s.ship_time BETWEEN o.order_time - INTERVAL '1' SECOND AND o.order_time + INTERVAL '5' SECOND;

SELECT o.id, o.amount, s.carrier
FROM Orders o LEFT JOIN Shipments s ON o.id = s.order_id AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '10' SECOND;

SELECT o.id, s.order_id, s.carrier
FROM Orders o RIGHT JOIN Shipments s ON o.id = s.order_id AND s.ship_time >= o.order_time AND s.ship_time < o.order_time + INTERVAL '2' SECOND;

SELECT *
FROM Orders o FULL OUTER JOIN Shipments s ON o.id = s.order_id AND o.order_time BETWEEN s.ship_time - INTERVAL '4' SECOND AND s.ship_time AND s.carrier <> 'FedEx';

SELECT o.id, s.carrier
FROM Orders o, Shipments s
WHERE o.id = s.order_id AND o.order_time BETWEEN s.ship_time - INTERVAL '4' SECOND AND s.ship_time;
