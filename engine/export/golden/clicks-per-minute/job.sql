-- Flink SQL exported by Eddy from clicks-per-minute.json (Clicks per user per minute).
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- The records of node clicks, one JSON object per line in clicks.jsonl (written beside this script by eddy export --out).
CREATE TABLE `clicks` (
  `user` STRING,
  `page` STRING,
  `ts` BIGINT,
  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5.001' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'clicks', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

CREATE TABLE `results` (
  `key` STRING,
  `windowStart` TIMESTAMP_LTZ(3),
  `windowEnd` TIMESTAMP_LTZ(3),
  `value` BIGINT
) WITH ('connector' = 'print');

-- per-minute: Eddy's windowStart/windowEnd are ms since the epoch; SQL gives TIMESTAMP_LTZ(3) values.
INSERT INTO `results`
SELECT `user` AS `key`,
       window_start AS `windowStart`,
       window_end AS `windowEnd`,
       COUNT(*) AS `value`
FROM TABLE(TUMBLE(TABLE `clicks`, DESCRIPTOR(`event_time`), INTERVAL '60' SECOND))
GROUP BY window_start, window_end, `user`;
