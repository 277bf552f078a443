-- oracle: changelog order — which side's row arrives first decides the change rows (in Flink too)
-- A regular join whose input is a changelog (a GROUP BY): each update of a group (-U/+U) retracts
-- the joined rows of its old value and joins the new one; on an outer side the padded row follows.
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

SELECT r.id, r.refunds, o.amount
FROM (SELECT id, COUNT(*) AS refunds FROM Refunds GROUP BY id) r JOIN Orders o ON r.id = o.id;

SELECT s.carrier, s.shipments, r.refunds
FROM (SELECT carrier, COUNT(*) AS shipments FROM Shipments GROUP BY carrier) s
LEFT JOIN (SELECT carrier, COUNT(*) AS refunds FROM Refunds GROUP BY carrier) r ON s.carrier = r.carrier;
