-- Window Top-N after a window aggregation (Flink's docs, window-topn.md "Window Top-N follows
-- after Window Aggregation"): the aggregation's rows of one window are ranked and the first N
-- emitted, append-only, when the watermark passes the window's end. Also over HOP (a row in two
-- windows), CUMULATE, with a key column beside the window, and ordered by two columns with NULLS LAST.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

SELECT *
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) as rownum
    FROM (
      SELECT window_start, window_end, supplier_id, SUM(price) as price, COUNT(*) as cnt
      FROM TABLE(
        TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end, supplier_id
    )
  ) WHERE rownum <= 3;

SELECT window_start, window_end, item, cnt, rownum
  FROM (
    SELECT window_start, window_end, item, cnt, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY cnt DESC, item) as rownum
    FROM (
      SELECT window_start, window_end, item, COUNT(*) as cnt
      FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end, item
    ) t
  ) WHERE rownum <= 2;

SELECT window_start, window_end, supplier_id, item, total
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY total ASC NULLS LAST, item DESC) as rownum
    FROM (
      SELECT window_start, window_end, supplier_id, item, SUM(price) as total
      FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end, supplier_id, item
    )
  ) WHERE rownum = 1;

SELECT window_start, window_end, supplier_id, total, rownum
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) as rownum
    FROM (
      SELECT window_start, window_end, supplier_id, SUM(price) as total
      FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end, supplier_id
    )
  ) WHERE rownum <= 1;
