-- Top-N over a table (Flink's AppendOnlyTopNFunction) with NULL sort keys: without NULLS FIRST /
-- NULLS LAST, NULL is the smallest value (first ascending, last descending); with them NULL goes
-- where they say, whatever the direction, and on a second sort key too.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-topn-nulls.jsonl', 'format' = 'json');

SELECT item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price ASC) AS rownum FROM Bid)
WHERE rownum <= 3;

SELECT item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price ASC NULLS LAST) AS rownum FROM Bid)
WHERE rownum <= 3;

SELECT item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY price DESC NULLS FIRST) AS rownum FROM Bid)
WHERE rownum <= 3;

SELECT supplier_id, item, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY item DESC NULLS FIRST, price NULLS LAST) AS rownum FROM Bid)
WHERE rownum <= 2;
