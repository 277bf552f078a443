-- Top-N with rownum in the select list over a changelog (a GROUP BY whose counts and totals
-- update): Flink's RetractableTopNFunction with row numbers. An update is a retraction (-U/-D of
-- the old row: the ranks below it move up, the last rank of a shrinking top N is -D) and an
-- accumulation (the ranks from its new one down shift: -U/+U each, +I when the top N grows).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, cnt, rownum FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY cnt ASC) AS rownum FROM (
    SELECT supplier_id, COUNT(*) AS cnt FROM Bid GROUP BY supplier_id
  )
) WHERE rownum <= 2;

SELECT supplier_id, total, rownum FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY total DESC) AS rownum FROM (
    SELECT supplier_id, SUM(price) AS total FROM Bid GROUP BY supplier_id
  )
) WHERE rownum <= 2;
