package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.Table;

/**
 * changelog-group-by.sql
 *
 * Exported by Eddy from changelog-group-by.sql: the script run by Flink's SQL planner
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

        // --input Bid=PATH reads another file; a relative path is relative to the working directory.
        tEnv.executeSql(SqlText.withPath(String.join("\n",
                "CREATE TABLE Bid (",
                "  bidtime TIMESTAMP(3),",
                "  price DECIMAL(10, 2),",
                "  item STRING,",
                "  supplier_id STRING,",
                "  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND",
                ") WITH ('connector' = 'filesystem', 'path' = 'bid.jsonl', 'format' = 'json')"),
                Args.path(args, "input", "Bid", "bid.jsonl")));

        // Eddy prints a bare SELECT as the sink "result": its changelog, one line per row.
        Table result = RowLine.timesAsValues(tEnv.sqlQuery(String.join("\n",
                "SELECT supplier_id, COUNT(*) AS bids, SUM(price) AS total, MAX(price) AS top, COUNT(DISTINCT item) AS items",
                "FROM Bid",
                "GROUP BY supplier_id")));
        tEnv.toChangelogStream(result)
            .map(RowLine.of("result", result), Types.STRING)
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("changelog-group-by.sql");
    }
}
