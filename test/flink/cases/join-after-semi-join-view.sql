-- oracle: changelog order — the regular join and the SEMI / ANTI joins read several files at once: which side's row comes first decides the change rows (in Flink too)
-- An IN / NOT IN subquery filtering one side of a regular join, through a view (the form Eddy's
-- message suggests for a subquery in the WHERE of a join, which it does not plan yet): the view's
-- SEMI / ANTI join (Flink's StreamingSemiAntiJoinOperator) feeds the join (StreamingJoinOperator).
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

CREATE VIEW RefundedOrders AS SELECT * FROM Orders WHERE id IN (SELECT id FROM Refunds);
CREATE VIEW KeptOrders AS SELECT * FROM Orders WHERE id NOT IN (SELECT id FROM Refunds WHERE id IS NOT NULL);

SELECT o.id, o.amount, s.carrier FROM RefundedOrders o JOIN Shipments s ON o.id = s.order_id;
SELECT o.id, o.amount, s.carrier FROM KeptOrders o LEFT JOIN Shipments s ON o.id = s.order_id;
