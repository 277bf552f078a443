-- Window Top-N over a VIEW of a window aggregation (Flink's docs, window-topn.md "Window Top-N
-- follows after Window Aggregation", with the aggregation in a view): the view keeps window_start
-- and window_end as window properties, so ROW_NUMBER() partitioned by them is a Window Top-N —
-- append-only, each window ranked once when the watermark passes its end — not a changelog Top-N.
-- Over a TUMBLE view, a HOP view with a key column beside the window, and a view of a view (a
-- window aggregation over the first view's windows).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

CREATE VIEW supplier_totals AS
SELECT window_start, window_end, supplier_id, SUM(price) AS price, COUNT(*) AS cnt
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, supplier_id;

CREATE VIEW item_counts AS
SELECT window_start, window_end, supplier_id, item, COUNT(*) AS cnt, MAX(price) AS top_price
  FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, supplier_id, item;

CREATE VIEW window_totals AS
SELECT window_start, window_end, SUM(price) AS total, COUNT(*) AS suppliers
  FROM supplier_totals
  GROUP BY window_start, window_end;

SELECT *
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
    FROM supplier_totals
  ) WHERE rownum <= 1;

SELECT window_start, window_end, supplier_id, item, top_price, rownum
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY top_price DESC, item) AS rownum
    FROM item_counts
  ) WHERE rownum <= 2;

SELECT window_start, window_end, total, rownum
  FROM (
    SELECT window_start, window_end, total, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rownum
    FROM window_totals
  ) WHERE rownum = 1;
