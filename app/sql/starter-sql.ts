/** The script "New SQL script" starts from: a generated table to query, no files needed. */
export const STARTER_SQL = `-- Flink SQL. Ctrl+Space completes, Ctrl+Enter runs.
-- 100 generated orders, one second apart.
CREATE TABLE Orders (
  order_time TIMESTAMP(3),
  product INT,
  amount DOUBLE,
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100',
  'fields.product.min' = '1',
  'fields.product.max' = '3',
  'fields.amount.min' = '1',
  'fields.amount.max' = '100',
  'eddy.start-time' = '2024-01-01 00:00:00'
);

`;
