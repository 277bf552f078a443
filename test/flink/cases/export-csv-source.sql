-- Flink SQL exported by Eddy from export-csv-source.json.
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- The input of node export_csv_source (readings.csv), as export_csv_source.csv beside this script (written by eddy export --out; without its header row, which Flink's csv format does not read; blank lines left out); columns and types inferred from its 6 records.
CREATE TABLE `export_csv_source` (
  `sensor` STRING,
  `celsius` DOUBLE,
  `ts` BIGINT,
  `event_time` AS TO_TIMESTAMP_LTZ(`ts`, 3),
  WATERMARK FOR `event_time` AS `event_time` - INTERVAL '1.001' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'export_csv_source.csv', 'format' = 'csv');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'export_csv_source', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'csv')

CREATE TABLE `out` (
  `key` STRING,
  `windowStart` TIMESTAMP_LTZ(3),
  `windowEnd` TIMESTAMP_LTZ(3),
  `value` DOUBLE
) WITH ('connector' = 'print');

-- avg: Eddy's windowStart/windowEnd are ms since the epoch; SQL gives TIMESTAMP_LTZ(3) values.
INSERT INTO `out`
SELECT `sensor` AS `key`,
       window_start AS `windowStart`,
       window_end AS `windowEnd`,
       AVG(CAST(`celsius` AS DOUBLE)) AS `value`
FROM TABLE(TUMBLE(TABLE `export_csv_source`, DESCRIPTOR(`event_time`), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, `sensor`;
