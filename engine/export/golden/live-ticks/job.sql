-- Flink SQL exported by Eddy from live-ticks.json (Live price ticks: highest price per symbol and second).
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- The input of node ticks (../data/ticks.jsonl), as ticks.jsonl beside this script (written by eddy export --out; blank lines left out); columns and types inferred from its 60 records.
CREATE TABLE `ticks` (
  `seq` BIGINT,
  `symbol` STRING,
  `price` BIGINT,
  `ts` BIGINT,
  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '0.001' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ticks.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'ticks', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

CREATE TABLE `out` (
  `key` STRING,
  `windowStart` TIMESTAMP_LTZ(3),
  `windowEnd` TIMESTAMP_LTZ(3),
  `value` BIGINT
) WITH ('connector' = 'print');

-- high: Eddy's windowStart/windowEnd are ms since the epoch; SQL gives TIMESTAMP_LTZ(3) values.
INSERT INTO `out`
SELECT `symbol` AS `key`,
       window_start AS `windowStart`,
       window_end AS `windowEnd`,
       MAX(`price`) AS `value`
FROM TABLE(TUMBLE(TABLE `ticks`, DESCRIPTOR(`event_time`), INTERVAL '1' SECOND))
GROUP BY window_start, window_end, `symbol`;
