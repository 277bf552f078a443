-- CREATE [TEMPORARY] VIEW read like a table: in FROM with a filter, with a column list, under a
-- non-windowed GROUP BY (a changelog), joined with a table (an interval join on the view's
-- rowtime), as a window TVF's table (TUMBLE, CUMULATE), and a view over a view.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING, supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json');

CREATE TEMPORARY VIEW cheap (t, cost, what, supplier) AS
  SELECT bidtime, price, item, supplier_id FROM Bid WHERE price < 5;

CREATE VIEW supplier1 AS SELECT * FROM cheap WHERE supplier = 'supplier1';

SELECT what, cost * 2 AS double_cost, t FROM cheap WHERE cost > 1;

SELECT supplier, COUNT(*) AS bids, SUM(cost) AS total FROM cheap GROUP BY supplier;

SELECT window_start, window_end, supplier, SUM(cost) AS total
  FROM TABLE(TUMBLE(TABLE cheap, DESCRIPTOR(t), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, supplier;

SELECT s.what, b.item, b.price
  FROM supplier1 s, Bid b
  WHERE s.t BETWEEN b.bidtime - INTERVAL '4' MINUTES AND b.bidtime AND b.supplier_id = 'supplier2';

SELECT window_start, window_end, COUNT(*) AS bids
  FROM TABLE(CUMULATE(TABLE supplier1, DESCRIPTOR(t), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end;
