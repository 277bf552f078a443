package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.Table;

/**
 * interval-join-shipped.sql
 *
 * Exported by Eddy from interval-join-shipped.sql: the script run by Flink's SQL planner
 * through the Table API (its changelog or outer-join operators have no DataStream form). The
 * planner chooses the operators and their uids. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        // eddy run prints TIMESTAMP_LTZ values in UTC.
        tEnv.getConfig().set("table.local-time-zone", "UTC");

        // --input Orders=PATH reads another file; a relative path is relative to the working directory.
        tEnv.executeSql(SqlText.withPath(String.join("\n",
                "CREATE TABLE Orders (",
                "  order_id STRING,",
                "  order_time TIMESTAMP(3),",
                "  product STRING,",
                "  amount DECIMAL(10, 2),",
                "  WATERMARK FOR order_time AS order_time - INTERVAL '5' MINUTE",
                ") WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json')"),
                Args.path(args, "input", "Orders", "orders.jsonl")));

        // --input Shipments=PATH reads another file; a relative path is relative to the working directory.
        tEnv.executeSql(SqlText.withPath(String.join("\n",
                "CREATE TABLE Shipments (",
                "  order_id STRING,",
                "  ship_time TIMESTAMP(3),",
                "  carrier STRING,",
                "  WATERMARK FOR ship_time AS ship_time - INTERVAL '5' MINUTE",
                ") WITH ('connector' = 'filesystem', 'path' = 'shipments.jsonl', 'format' = 'json')"),
                Args.path(args, "input", "Shipments", "shipments.jsonl")));

        // Eddy prints a bare SELECT as the sink "result": its changelog, one line per row.
        Table result = RowLine.timesAsValues(tEnv.sqlQuery(String.join("\n",
                "SELECT o.order_id, o.product, o.order_time, s.ship_time, s.carrier",
                "FROM Orders o",
                "LEFT JOIN Shipments s",
                "  ON o.order_id = s.order_id",
                "  AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' HOUR")));
        tEnv.toChangelogStream(result)
            .map(RowLine.of("result", result), Types.STRING)
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("interval-join-shipped.sql");
    }
}
