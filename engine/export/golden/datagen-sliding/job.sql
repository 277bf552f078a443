-- Flink SQL exported by Eddy from datagen-sliding.json (Generated events: sliding 10 s sums every 5 s).
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

SET 'parallelism.default' = '2';

-- Eddy's generator as Flink's datagen: {key, value, ts} of the same shape; Flink draws other keys (and no out-of-order jitter).
CREATE TABLE `gen` (
  `i` BIGINT,
  `k` INT,
  `key` AS CONCAT('key-', CAST(`k` AS STRING)),
  `value` AS `i` % 100,
  `ts` AS 0 + `i` * 100,
  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '0.301' SECOND
) WITH ('connector' = 'datagen', 'number-of-rows' = '400', 'fields.i.kind' = 'sequence', 'fields.i.start' = '0', 'fields.i.end' = '399', 'fields.k.min' = '0', 'fields.k.max' = '2');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'gen', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

CREATE TABLE `out` (
  `key` STRING,
  `windowStart` TIMESTAMP_LTZ(3),
  `windowEnd` TIMESTAMP_LTZ(3),
  `value` BIGINT
) WITH ('connector' = 'print');

-- sliding: Eddy's windowStart/windowEnd are ms since the epoch; SQL gives TIMESTAMP_LTZ(3) values.
INSERT INTO `out`
SELECT `key` AS `key`,
       window_start AS `windowStart`,
       window_end AS `windowEnd`,
       SUM(`value`) AS `value`
FROM TABLE(HOP(TABLE `gen`, DESCRIPTOR(`event_time`), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, `key`;
