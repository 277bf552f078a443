-- oracle: changelog order — the outer chain's change rows depend on which file's rows arrive first
-- Joins of three tables, planned left-deep as Flink does: (Orders ⋈ Shipments) ⋈ Refunds. SELECT *
-- names the columns as Calcite does (a repeated name gets 0, then 1, …); the comma form takes its
-- conditions from WHERE (each goes to the join whose tables it names); a chain of LEFT JOINs pads
-- each level on its own.
CREATE TABLE Orders (
  id INT,
  order_time TIMESTAMP(3),
  amount DECIMAL(10, 2)
) WITH ('connector' = 'filesystem', 'path' = 'join-orders.jsonl', 'format' = 'json');
CREATE TABLE Shipments (
  order_id INT,
  ship_time TIMESTAMP(3),
  carrier STRING
) WITH ('connector' = 'filesystem', 'path' = 'join-shipments.jsonl', 'format' = 'json');
CREATE TABLE Refunds (
  id INT,
  carrier STRING
) WITH ('connector' = 'filesystem', 'path' = 'join-refunds.jsonl', 'format' = 'json');
SELECT * FROM Orders o JOIN Shipments s ON o.id = s.order_id JOIN Refunds r ON r.id = o.id AND r.carrier = s.carrier;
SELECT o.id, s.carrier, r.carrier AS refund_carrier FROM Orders o, Shipments s, Refunds r WHERE o.id = s.order_id AND s.order_id = r.id AND o.amount > 10;
SELECT o.id, s.carrier, r.carrier AS refund_carrier FROM Orders o LEFT JOIN Shipments s ON o.id = s.order_id LEFT JOIN Refunds r ON r.id = o.id AND r.carrier = s.carrier;
