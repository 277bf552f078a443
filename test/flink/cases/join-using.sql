-- oracle: changelog order — outer joins' change rows depend on which file's rows arrive first
-- JOIN ... USING and NATURAL JOIN as Flink (Calcite) resolves them: the USING columns come once,
-- first in SELECT *, and an unqualified reference means the merged column (in a FULL JOIN the
-- value of whichever side is there); a qualified one still names its own side's column.
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
SELECT * FROM Orders JOIN Refunds USING (id);
SELECT * FROM Shipments s NATURAL JOIN Refunds r;
SELECT id, o.id AS order_id, r.id AS refund_id, carrier FROM Orders o FULL JOIN Refunds r USING (id);
SELECT o.id, amount, s.carrier, r.carrier AS refund_carrier FROM Orders o JOIN Refunds r USING (id) JOIN Shipments s ON s.order_id = o.id WHERE o.id > 1;
SELECT * FROM Orders o JOIN Refunds r USING (id) JOIN Shipments s ON s.order_id = r.id;
