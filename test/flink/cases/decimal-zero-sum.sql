-- DECIMALs near zero. Flink computes DECIMALs exactly and rounds half away from zero (Java's
-- BigDecimal HALF_UP): -0.001 and -0.004 at scale 2 are 0.00 — a DECIMAL has no negative zero —
-- and -0.005 is -0.01. A sum of 0.300 - 0.100 - 0.200 is exactly 0.00 (as binary doubles it is
-- -2.8e-17, which JavaScript's toFixed(2) would print as -0.00).
CREATE TABLE Payment (
  account STRING,
  amount DECIMAL(10, 3)
) WITH ('connector' = 'filesystem', 'path' = 'decimal-zero.jsonl', 'format' = 'json');

SELECT account, CAST(amount AS DECIMAL(10, 2)) AS cents, CAST(amount AS DECIMAL(10, 1)) AS tenths FROM Payment;

SELECT account, SUM(CAST(amount AS DECIMAL(10, 2))) AS balance, SUM(amount) AS exact, COUNT(*) AS payments
FROM Payment
GROUP BY account;
