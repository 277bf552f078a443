-- A PROCTIME() computed column selected: a non-null TIMESTAMP_LTZ(3) whose text is SQL's
-- yyyy-MM-dd HH:mm:ss.SSS (its separators, and nothing after the milliseconds). Its value is the
-- clock of the task that reads the row (Flink's wall clock; in Eddy the job's clock, virtual or
-- wall — engine/sql/proctime-window.test.ts pins it on the virtual clock), so only what does not
-- depend on the moment is compared here.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  proc AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = 'topn-bids.jsonl', 'format' = 'json');

SELECT item, proc IS NULL AS no_proc,
       SUBSTRING(CAST(proc AS STRING), 5, 1) AS dash, SUBSTRING(CAST(proc AS STRING), 11, 1) AS sep,
       SUBSTRING(CAST(proc AS STRING), 20, 1) AS point, SUBSTRING(CAST(proc AS STRING), 24, 5) AS after_millis
FROM Bid WHERE price > 3;
