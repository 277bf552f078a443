-- Flink's docs, Window JOIN (window-join.md), "INNER/LEFT/RIGHT/FULL OUTER": the FULL OUTER window
-- join of two TUMBLE TVFs; L2 and R2 fall in different windows, so both are padded.
-- The left rows are in event-time order (the docs list L3 after L2): a row that is late on one
-- input of a two-input operator is late only once the other input's watermark has passed too,
-- so whether it is dropped depends on which source is read first (a CI run saw Flink drop L3
-- while Eddy joined it).
CREATE TABLE LeftTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-left.jsonl', 'format' = 'json');
CREATE TABLE RightTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-right.jsonl', 'format' = 'json');
SELECT L.num as L_Num, L.id as L_Id, R.num as R_Num, R.id as R_Id,
  COALESCE(L.window_start, R.window_start) as window_start,
  COALESCE(L.window_end, R.window_end) as window_end
FROM (
  SELECT * FROM TABLE(TUMBLE(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))
) L
FULL JOIN (
  SELECT * FROM TABLE(TUMBLE(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))
) R
ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end;
