-- Top-1 without rownum in the select list, with no PARTITION BY and partitioned by window_start
-- alone (over a window aggregation): Flink 2.3's FastTop1Function emits a strictly better row as
-- -U of the kept row and +U of itself here too — the same as partitioned (topn-top1.sql); -U is
-- printed by collect(), by INSERT INTO a print table and by toChangelogStream (checked on Flink
-- 2.3: the planner requires UPDATE_BEFORE because the sink asks for every row kind). A Top-2
-- (AppendOnlyTopNFunction) emits -D and +I instead.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, item, price FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY price DESC) AS rownum FROM Bid
) WHERE rownum <= 1;

SELECT window_start, supplier_id, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY price DESC) AS rownum FROM (
    SELECT window_start, window_end, supplier_id, SUM(price) AS price
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end, supplier_id
  )
) WHERE rownum = 1;

SELECT supplier_id, item, price FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY price DESC) AS rownum FROM Bid
) WHERE rownum <= 2;
