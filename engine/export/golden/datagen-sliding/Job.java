package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * Generated events: sliding 10 s sums every 5 s
 *
 * Exported by Eddy from datagen-sliding.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.setMaxParallelism(128);

        // gen: source.datagen
        SingleOutputStreamOperator<Object> gen = env
            .fromSource(
                new DataGeneratorSource<>(new Datagen(42L, 3L, 0L, 100L, 300L), 400L, Records.TYPE),
                WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp("ts")),
                "gen")
            .uid("gen")
            .name("gen");

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = gen
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(300L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm");

        // by-key: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byKey = wm.keyBy(new FieldKey("key"), Types.STRING);

        // sliding: window
        SingleOutputStreamOperator<Object> sliding = byKey
            .window(SlidingEventTimeWindows.of(Duration.ofMillis(10000L), Duration.ofMillis(5000L), Duration.ofMillis(0L)))
            .aggregate(new BuiltInAggregate("sum", "value"), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("sliding")
            .name("sliding");

        // out: sink.collect
        sliding
            .map(new SinkLine("out"))
            .uid("out-line")
            .name("out: line")
            .sinkTo(new PrintSink<>())
            .uid("out")
            .name("out");

        env.execute("Generated events: sliding 10 s sums every 5 s");
    }
}
