-- MATCH_RECOGNIZE navigation and quantifiers beyond the docs' examples: a plain column (the
-- current row in DEFINE, the last matched row in MEASURES), FIRST/LAST with offsets over all rows,
-- reluctant B+? and B{1,3}?, {n}, {,m}, ?, aggregates over every row, MATCH_ROWTIME(), no PARTITION
-- BY (one partition), SKIP TO FIRST of a later variable, and the outer SELECT over the measures.
CREATE TABLE Ticker (
  symbol STRING, rowtime TIMESTAMP(3), price BIGINT, tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match-ticker.jsonl', 'format' = 'json');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES price AS lastp, FIRST(price) AS firstp, LAST(price, 1) AS prevp, FIRST(B.price, 1) AS secondB
        PATTERN (A B+? C)
        DEFINE B AS price > 15, C AS price > LAST(price, 1)
    ) MR;

SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        ORDER BY rowtime
        MEASURES A.price AS p, MATCH_ROWTIME() AS t, AVG(B.price) AS av, SUM(price) AS total, COUNT(B.tax) AS n
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B{2})
        DEFINE B AS B.price > A.price AND B.tax < 3
    ) MR;

SELECT MR.symbol, lo * 10 AS lo10, UPPER(symbol) AS s, t
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime ASC
        MEASURES MIN(B.price) AS lo, MAX(price) AS hi, MATCH_ROWTIME(rowtime) AS t
        AFTER MATCH SKIP TO FIRST C
        PATTERN (A B{0,2} C D?)
        DEFINE A AS A.price > 13, B AS B.price < A.price, C AS C.price > LAST(B.price), D AS D.tax = 2
    ) AS MR;

SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES FIRST(B.rowtime) AS b0, LAST(B.rowtime) AS b1, SUM(B.price * B.tax) AS weighted
        AFTER MATCH SKIP TO LAST B
        PATTERN (A B{1,3}? C) WITHIN INTERVAL '5' SECOND
        DEFINE A AS A.tax = 1, C AS C.price < FIRST(B.price)
    ) MR;
