-- oracle: changelog order — the GROUP BY's updates follow the order the join's rows arrive in
-- Regular inner joins (Flink's StreamingJoinOperator): on append-only inputs every pair of rows
-- with equal keys is +I, whichever side comes first; a NULL key joins nothing; the rest of the ON
-- condition filters pairs; a GROUP BY over the join aggregates its rows (its -U/+U depend on
-- the order rows arrive in: `-- oracle: changelog order` below); SELECT * names a right column the left has with 0 appended (id0).
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

SELECT o.id, o.amount, s.carrier, s.ship_time FROM Orders o JOIN Shipments s ON o.id = s.order_id;

SELECT o.id, s.carrier FROM Orders o INNER JOIN Shipments s ON s.order_id = o.id AND s.ship_time > o.order_time AND s.carrier <> 'UPS';

SELECT * FROM Orders JOIN Refunds ON Orders.id = Refunds.id;

-- The join's output grouped: a changelog of the group's totals.
SELECT s.carrier, COUNT(*) AS shipments, SUM(o.amount) AS total
FROM Orders o JOIN Shipments s ON o.id = s.order_id
GROUP BY s.carrier;
