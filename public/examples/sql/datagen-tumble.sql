-- Generated orders (deterministic datagen) counted in tumbling 10-second windows per product.
CREATE TABLE Orders (
  order_time TIMESTAMP(3),
  product INT,
  amount DOUBLE,
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '60',
  'fields.product.min' = '1',
  'fields.product.max' = '3',
  'fields.amount.min' = '1',
  'fields.amount.max' = '100',
  'eddy.start-time' = '2024-01-01 00:00:00'
);

SELECT window_start, window_end, product, COUNT(*) AS orders
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(order_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, product;
