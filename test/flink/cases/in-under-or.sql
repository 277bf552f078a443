-- [NOT] IN (SELECT …) and EXISTS under OR, as Flink 2.3 plans it (Calcite's SubQueryRemoveRule):
-- the rows joined with the subquery's row count, then LEFT joined on the value with its distinct
-- values; the IN is "count <> 0 AND matched AND product IS NOT NULL", the NOT IN "count = 0 OR
-- (not matched AND no NULL value AND product IS NOT NULL)". A changelog: the count and the matches
-- change as the subquery's rows arrive (rows retracted and inserted again), so only the table it
-- builds is compared. A NULL product matches nothing; a duplicate in the subquery changes nothing.
-- oracle: changelog order — the orders and the promotions are two files read at once: which rows reach the joins first decides the change rows
CREATE TABLE Orders (id INT, product STRING, amount INT)
  WITH ('connector' = 'filesystem', 'path' = 'in-or-orders.jsonl', 'format' = 'json');
CREATE TABLE Promo (product STRING)
  WITH ('connector' = 'filesystem', 'path' = 'in-or-promo.jsonl', 'format' = 'json');

SELECT id, product, amount FROM Orders WHERE amount > 100 OR product IN (SELECT product FROM Promo);

SELECT id, amount FROM Orders WHERE (amount < 40 AND product IN (SELECT product FROM Promo WHERE product <> 'a')) OR id = 5;

SELECT product, COUNT(*) AS n FROM Orders WHERE amount >= 200 OR product IN (SELECT product FROM Promo) GROUP BY product;

-- An empty subquery: no row at all, not even those with amount > 100 — a global COUNT(*) of no
-- rows emits nothing in streaming mode, so the first join has no count row to join with.
SELECT id, amount FROM Orders WHERE amount > 100 OR product IN (SELECT product FROM Promo WHERE product = 'none');

-- NOT IN under OR: c is in no promotion; with a NULL among the values (amount < 35 selects c and
-- NULL) NOT IN is never true, so only amount > 100 keeps rows.
SELECT id, product FROM Orders WHERE amount > 100 OR product NOT IN (SELECT product FROM Promo);

SELECT id, product FROM Orders WHERE amount > 100 OR product NOT IN (SELECT product FROM Orders WHERE amount < 35);

-- EXISTS correlated by one equality under OR: a LEFT join with the subquery's distinct non-NULL
-- keys (no count join), so over an empty subquery the other branch still keeps its rows.
SELECT id, product, amount FROM Orders o WHERE amount > 100 OR EXISTS (SELECT * FROM Promo p WHERE p.product = o.product);

SELECT id, amount FROM Orders o WHERE amount > 100 OR EXISTS (SELECT * FROM Promo p WHERE p.product = o.product AND p.product = 'none');
