-- Top-N over a table (Flink's AppendOnlyTopNFunction): without the row number in the select list
-- a row entering the top N is +I after -D of the row it pushes out; with it, every rank whose row
-- changes is -U/+U and the top N growing is +I. Ties keep arrival order; NULL sorts first (ASC).
-- All rows arrive from one file, in file order, so the changelog is Flink's exactly.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, item, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY price DESC) AS rownum FROM Bid)
WHERE rownum <= 2;

SELECT rownum, item, price
FROM (SELECT item, price, ROW_NUMBER() OVER (ORDER BY price ASC, item DESC) AS rownum FROM Bid WHERE item <> 'A')
WHERE rownum <= 3;

SELECT *
FROM (SELECT supplier_id, item, price, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY price ASC) AS rn FROM Bid)
WHERE rn < 3;
