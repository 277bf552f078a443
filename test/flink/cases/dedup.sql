-- oracle: p1 only — the last row (K, 08:08) is late
-- Deduplication on a rowtime: rownum = 1 ordered by the rowtime, rownum not selected. ASC keeps
-- each key's first row (Flink's RowTimeDeduplicateKeepFirstRowFunction): append-only, the row
-- with the smallest rowtime is emitted when the watermark reaches it, a late row (K) is dropped.
-- DESC keeps the last (RowTimeDeduplicateFunction): +I, then -U/+U for each row with an equal or
-- larger rowtime.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, item, bidtime
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY bidtime ASC) AS rownum FROM Bid)
WHERE rownum = 1;

SELECT supplier_id, item, price, bidtime
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY bidtime DESC) AS rownum FROM Bid)
WHERE rownum = 1;
