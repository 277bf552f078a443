-- oracle: changelog order — which side's row arrives first decides the change rows (in Flink too)
-- Regular outer joins (Flink's StreamingJoinOperator): a row of an outer side without a match is
-- +I padded with NULLs; when it first matches, -D of the padded row, then +I of the pair; a
-- retraction of its last match brings the padded row back. Over a GROUP BY (a changelog input),
-- each -U/+U of the group retracts and re-adds its joined rows.
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

SELECT o.id, o.amount, s.carrier FROM Orders o LEFT JOIN Shipments s ON o.id = s.order_id;

SELECT o.id, s.order_id, s.carrier FROM Orders o RIGHT JOIN Shipments s ON o.id = s.order_id AND s.carrier <> 'DHL';

SELECT o.id, s.order_id, s.carrier FROM Orders o FULL JOIN Shipments s ON o.id = s.order_id WHERE s.carrier IS NULL OR s.carrier <> 'UPS';
