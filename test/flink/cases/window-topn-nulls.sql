-- Window Top-N with NULL sort keys (Flink's WindowRankOperator; the planner's default null
-- collation is LOW): NULL is the smallest value, so it sorts first ascending and last descending;
-- NULLs tie with each other and keep arrival order. Window deduplication keeps a window's first
-- (ASC) or last (DESC) row per key, a NULL key being a key of its own.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-topn-nulls.jsonl', 'format' = 'json');

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price ASC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 3;

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 4;

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY item DESC, price ASC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 5;

SELECT window_start, window_end, supplier_id, item, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY bidtime DESC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum = 1;

SELECT window_start, window_end, supplier_id, item, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY bidtime ASC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum = 1;
