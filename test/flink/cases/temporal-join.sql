-- Event-time temporal joins (Flink's TemporalRowTimeJoinOperator): each order, once the watermark
-- of both tables reaches its order_time, joins the rate valid at that time — the latest version of
-- its currency with update_time <= order_time (o3 gets 1.12, not 1.10; o5 the rate of the same
-- instant, 1.15). An order before its currency's first rate (o2) or of a currency without rates
-- (o4) is dropped by the inner join and padded with NULLs by the left join. Append-only.
CREATE TABLE Orders (
  order_id STRING,
  price DECIMAL(32, 2),
  currency STRING,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'temporal-orders.jsonl', 'format' = 'json');
CREATE TABLE currency_rates (
  currency STRING,
  conversion_rate DECIMAL(32, 2),
  update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time - INTERVAL '1' SECOND,
  PRIMARY KEY (currency) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = 'temporal-rates.jsonl', 'format' = 'json');

SELECT order_id, price, orders.currency, conversion_rate, order_time
FROM Orders AS orders
LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time
ON orders.currency = currency_rates.currency;

SELECT o.order_id, o.price * r.conversion_rate AS converted, r.update_time
FROM Orders o
JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r
ON o.currency = r.currency AND r.conversion_rate > 1.00;
