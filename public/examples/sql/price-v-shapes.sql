-- Periods of a falling, then rising stock price, per symbol (MATCH_RECOGNIZE: Flink CEP in SQL,
-- the example of Flink's "Pattern Recognition" page with a second symbol). Each match starts at a
-- row, takes one or more strictly falling prices (PRICE_DOWN+, greedy) and ends at the next row
-- when it is above the price before the bottom (LAST(PRICE_DOWN.price, 1): the rows of PRICE_DOWN
-- so far, one back from the last); the next search starts at that row (SKIP TO LAST PRICE_UP).
-- One row per match, when the watermark passes the row that completes it: the symbol (PARTITION
-- BY), then the measures. It compiles to a keyBy and a cep.pattern node: open the graph to see it.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ticker.jsonl', 'format' = 'json');

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
