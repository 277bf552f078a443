-- Window Top-N with an explicit NULLS FIRST / NULLS LAST: NULL goes where it says, whatever the
-- direction (ASC NULLS LAST, DESC NULLS FIRST), and on a second sort key too.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-topn-nulls.jsonl', 'format' = 'json');

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price ASC NULLS LAST) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 4;

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC NULLS FIRST) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 3;

SELECT window_start, window_end, item, price, rownum
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY supplier_id NULLS LAST, item DESC NULLS FIRST) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum <= 5;

SELECT window_start, window_end, supplier_id, item, price
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY bidtime DESC NULLS FIRST) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum = 1;
