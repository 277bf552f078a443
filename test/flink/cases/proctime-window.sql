-- Processing-time window TVFs (TUMBLE and HOP on a `proc AS PROCTIME()` column) are accepted, as
-- Flink accepts them. Their windows fire on the clock, so what they print depends on when rows
-- arrive: read from a file at once, every row falls into one open one-day window, and when the
-- input ends that window has not fired — Flink 2.3 prints nothing for them, nor does Eddy (its
-- processing-time windows and timers do not fire after the end of input either). The rows of the
-- first query (no window) show the file was read. Eddy's results on the clock are tested with
-- its virtual clock in engine/sql/proctime-window.test.ts.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  proc AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT item, price FROM Bid WHERE price > 5;

SELECT window_start, window_end, COUNT(*) AS bids
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(proc), INTERVAL '1' DAY))
GROUP BY window_start, window_end;

SELECT window_start, supplier_id, SUM(price) AS total
FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(proc), INTERVAL '12' HOUR, INTERVAL '1' DAY))
GROUP BY window_start, window_end, supplier_id;
