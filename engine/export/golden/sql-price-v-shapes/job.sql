-- Flink SQL exported by Eddy from price-v-shapes.sql.
-- Run it with Flink's SQL client: ./bin/sql-client.sh -f job.sql

-- 'path': Flink reads it relative to the SQL client's working directory; an absolute path or URI is safer.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ticker.jsonl', 'format' = 'json');
-- On Kafka: replace the WITH clause above by
--   WITH ('connector' = 'kafka', 'topic' = 'Ticker', 'properties.bootstrap.servers' = 'localhost:9092',
--         'scan.startup.mode' = 'earliest-offset', 'format' = 'json')

-- Eddy prints a bare SELECT as the sink "result"; Flink runs INSERT INTO a print table.
CREATE TABLE `result` (
  `symbol` STRING,
  `start_tstamp` TIMESTAMP(3),
  `start_price` BIGINT,
  `bottom_tstamp` TIMESTAMP(3),
  `bottom_price` BIGINT,
  `falls` BIGINT,
  `end_tstamp` TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO `result`
SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            START_ROW.rowtime AS start_tstamp,
            START_ROW.price AS start_price,
            LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,
            MIN(PRICE_DOWN.price) AS bottom_price,
            COUNT(PRICE_DOWN.price) AS falls,
            MATCH_ROWTIME() AS end_tstamp
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE
            PRICE_DOWN AS
                (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
                    PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
            PRICE_UP AS
                PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
    ) MR;
