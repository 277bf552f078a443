-- Top-1 without rownum in the select list over an append-only table (Flink's FastTop1Function):
-- the partition key is then unique, so a strictly better row replaces the kept one as -U of it
-- and +U of itself (a Top-N with N > 1 emits -D and +I instead); an equal row changes nothing.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, item, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY price DESC) AS rownum FROM Bid
) WHERE rownum <= 1;
