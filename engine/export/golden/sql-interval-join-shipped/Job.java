package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * interval-join-shipped.sql
 *
 * Exported by Eddy from interval-join-shipped.sql. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // Orders: source.file — Orders (filesystem, json)
        DataStream<String> ordersLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "Orders", "orders.jsonl"))).build(),
                WatermarkStrategy.noWatermarks(),
                "Orders (filesystem, json): lines")
            .uid("Orders-lines")
            .name("Orders (filesystem, json): lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> orders = ordersLines
            .process(new FileRecords("Orders", "jsonl", null, false, false, null), Records.TYPE)
            .uid("Orders")
            .name("Orders (filesystem, json)")
            .setParallelism(1);

        // Orders_rows: map — Orders rows
        SingleOutputStreamOperator<Object> ordersRows = orders
            .map(new JsMap("Orders_rows"), Records.TYPE)
            .uid("Orders_rows")
            .name("Orders rows")
            .setParallelism(1);

        // Orders_watermarks: watermarks — WATERMARK order_time - 300000 ms
        SingleOutputStreamOperator<Object> ordersWatermarks = ordersRows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(299999L))
                .withTimestampAssigner(new FieldTimestamp("order_time")))
            .uid("Orders_watermarks")
            .name("WATERMARK order_time - 300000 ms")
            .setParallelism(1);

        // Shipments: source.file — Shipments (filesystem, json)
        DataStream<String> shipmentsLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "Shipments", "shipments.jsonl"))).build(),
                WatermarkStrategy.noWatermarks(),
                "Shipments (filesystem, json): lines")
            .uid("Shipments-lines")
            .name("Shipments (filesystem, json): lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> shipments = shipmentsLines
            .process(new FileRecords("Shipments", "jsonl", null, false, false, null), Records.TYPE)
            .uid("Shipments")
            .name("Shipments (filesystem, json)")
            .setParallelism(1);

        // Shipments_rows: map — Shipments rows
        SingleOutputStreamOperator<Object> shipmentsRows = shipments
            .map(new JsMap("Shipments_rows"), Records.TYPE)
            .uid("Shipments_rows")
            .name("Shipments rows")
            .setParallelism(1);

        // Shipments_watermarks: watermarks — WATERMARK ship_time - 300000 ms
        SingleOutputStreamOperator<Object> shipmentsWatermarks = shipmentsRows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(299999L))
                .withTimestampAssigner(new FieldTimestamp("ship_time")))
            .uid("Shipments_watermarks")
            .name("WATERMARK ship_time - 300000 ms")
            .setParallelism(1);

        // join: join.sqlInterval — interval LEFT JOIN o, s ON order_id = order_id
        SingleOutputStreamOperator<Object> join = ordersWatermarks
            .keyBy(new JsKey("join", "leftKey"), Types.STRING)
            .connect(shipmentsWatermarks.keyBy(new JsKey("join", "rightKey"), Types.STRING))
            .transform("interval LEFT JOIN o, s ON order_id = order_id", Records.TYPE, SqlIntervalJoin.operator(new SqlIntervalJoin("join", "left", 0L, 3600000L, true)))
            .uid("join")
            .name("interval LEFT JOIN o, s ON order_id = order_id");

        // joined: map — joined row
        SingleOutputStreamOperator<Object> joined = join
            .map(new JsMap("joined"), Records.TYPE)
            .uid("joined")
            .name("joined row");

        // select: map — SELECT
        SingleOutputStreamOperator<Object> select = joined
            .map(new JsMap("select"), Records.TYPE)
            .uid("select")
            .name("SELECT");

        // result: sink.collect — result
        select
            .map(new SqlRowLine("result", java.util.List.of("order_id", "product", "order_time", "ship_time", "carrier"), java.util.List.of(-1, -1, -1, -1, -1)))
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("interval-join-shipped.sql");
    }
}
