-- A view of a window aggregation keeps window_start and window_end as window properties (Flink
-- propagates them): a GROUP BY window_start, window_end over the view is a window aggregation
-- again (append-only, each window once, when the watermark passes its end), not a changelog.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

CREATE VIEW per_supplier AS
SELECT window_start, window_end, supplier_id, SUM(price) AS price, COUNT(*) AS bids
  FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, supplier_id;

SELECT window_start, window_end, SUM(price) AS total, MAX(bids) AS most_bids, COUNT(*) AS suppliers
  FROM per_supplier
  GROUP BY window_start, window_end;
