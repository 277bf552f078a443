-- Top-N over a changelog (Flink's RetractableTopNFunction), over a GROUP BY whose results update
-- (-U/+U): the supplier with the fewest bids, and the one with the largest total. A retracted
-- row of the top N lets the next one move up; an updated row re-enters at its new rank.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, cnt FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY cnt ASC) AS rownum FROM (
    SELECT supplier_id, COUNT(*) AS cnt FROM Bid GROUP BY supplier_id
  )
) WHERE rownum <= 1;

SELECT supplier_id, total FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY total DESC) AS rownum FROM (
    SELECT supplier_id, SUM(price) AS total FROM Bid GROUP BY supplier_id
  )
) WHERE rownum <= 1;
