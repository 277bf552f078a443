package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * datagen-tumble.sql
 *
 * Exported by Eddy from datagen-tumble.sql. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // Orders: source.datagen — Orders (datagen)
        SingleOutputStreamOperator<Object> orders = env
            .fromSource(
                new DataGeneratorSource<>(new Datagen(1L, 1000L, 1704067200000L, 1000L, 0L), 60L, RateLimiterStrategy.perSecond(10000), Records.TYPE),
                WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp("ts")),
                "Orders (datagen)")
            .uid("Orders")
            .name("Orders (datagen)");

        // Orders_rows: map — Orders rows
        SingleOutputStreamOperator<Object> ordersRows = orders
            .map(new JsMap("Orders_rows"), Records.TYPE)
            .uid("Orders_rows")
            .name("Orders rows");

        // Orders_watermarks: watermarks — WATERMARK order_time - 2000 ms
        SingleOutputStreamOperator<Object> ordersWatermarks = ordersRows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(1999L))
                .withTimestampAssigner(new FieldTimestamp("order_time")))
            .uid("Orders_watermarks")
            .name("WATERMARK order_time - 2000 ms");

        // group_by: keyBy — GROUP BY product
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> groupBy = ordersWatermarks.keyBy(new JsKey("group_by", "code"), Types.STRING);

        // window_agg: window — TUMBLE window aggregation
        SingleOutputStreamOperator<Object> windowAgg = groupBy
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(10000L), Duration.ofMillis(0L)))
            .process(new JsWindowProcess<>("window_agg"), Records.TYPE)
            .uid("window_agg")
            .name("TUMBLE window aggregation");

        // result: sink.collect — result
        windowAgg
            .map(new SqlRowLine("result", java.util.List.of("window_start", "window_end", "product", "orders"), java.util.List.of(-1, -1, -1, -1)))
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("datagen-tumble.sql");
    }
}
