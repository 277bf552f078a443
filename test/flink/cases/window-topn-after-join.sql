-- Window Top-N after a window join (window-topn.md: Window Top-N follows window TVF operations,
-- window-join.md: so may a window join): the joined rows of each window, ranked when the window
-- fires, append-only. Also a LEFT window join whose padded rows take part, partitioned by a key.
CREATE TABLE LeftTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-left.jsonl', 'format' = 'json');
CREATE TABLE RightTable (row_time TIMESTAMP(3), num INT, id STRING,
  WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'window-join-right.jsonl', 'format' = 'json');
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rownum FROM (
    SELECT L.id AS lid, R.id AS rid, L.num + R.num AS total, L.window_start AS window_start, L.window_end AS window_end
    FROM (SELECT * FROM TABLE(TUMBLE(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) L
    JOIN (SELECT * FROM TABLE(TUMBLE(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) R
    ON L.window_start = R.window_start AND L.window_end = R.window_end
  )
) WHERE rownum <= 2;

SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, big ORDER BY lnum ASC) AS rownum FROM (
    SELECT L.id AS lid, L.num AS lnum, L.num > 1 AS big, R.id AS rid, L.window_start AS window_start, L.window_end AS window_end
    FROM (SELECT * FROM TABLE(TUMBLE(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) L
    LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) R
    ON L.window_start = R.window_start AND L.window_end = R.window_end AND L.num = R.num
  )
) WHERE rownum = 1;
