-- oracle: changelog order — a SEMI / ANTI join reads two files at once: which side's row comes first decides the change rows (in Flink too)
-- SEMI / ANTI joins (Flink's StreamingSemiAntiJoinOperator): IN, NOT IN (null-aware: a NULL in the
-- subquery or a NULL x drops the row), EXISTS / NOT EXISTS correlated by equalities and other
-- conditions, an uncorrelated EXISTS (no key), and IN over a changelog (GROUP BY … HAVING).
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

SELECT id, amount FROM Orders WHERE id IN (SELECT order_id FROM Shipments WHERE carrier = 'DHL');
SELECT id, amount FROM Orders WHERE id NOT IN (SELECT id FROM Refunds);
SELECT id, amount FROM Orders WHERE id NOT IN (SELECT order_id FROM Shipments WHERE carrier = 'UPS') AND amount > 10;
SELECT o.id, o.amount FROM Orders o WHERE EXISTS (SELECT * FROM Shipments s WHERE s.order_id = o.id AND s.carrier <> 'DHL');
SELECT id FROM Orders o WHERE NOT EXISTS (SELECT 1 FROM Refunds r WHERE r.id = o.id);
SELECT carrier, order_id FROM Shipments WHERE order_id IN (SELECT id FROM Refunds GROUP BY id HAVING COUNT(*) > 1);
SELECT id FROM Orders WHERE EXISTS (SELECT * FROM Refunds WHERE carrier = 'GLS');
SELECT carrier FROM Shipments s WHERE NOT EXISTS (SELECT * FROM Refunds r WHERE r.carrier = s.carrier AND r.id < s.order_id);
