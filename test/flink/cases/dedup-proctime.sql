-- Deduplication on a processing-time attribute (deduplication.md: ORDER BY proctime_attribute):
-- arrival order decides, at once. ASC keeps each supplier's first row to arrive (Flink's
-- ProcTimeDeduplicateKeepFirstRowFunction: append-only +I); DESC keeps the last (its
-- ProcTimeDeduplicateKeepLastRowFunction: +I, then -U of the kept row and +U of each later one).
-- One file source read in order, so arrival order is the file's (the proctime values themselves
-- are not selected: they are the wall clock).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  proc AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT supplier_id, item, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY proc ASC) AS rownum FROM Bid
) WHERE rownum = 1;

SELECT supplier_id, item, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY supplier_id ORDER BY proc DESC) AS rownum FROM Bid
) WHERE rownum = 1;
