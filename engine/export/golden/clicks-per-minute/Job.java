package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Clicks per user per minute
 *
 * Exported by Eddy from clicks-per-minute.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // clicks: source.collection — Click stream
        SingleOutputStreamOperator<Object> clicks = env
            .fromData(Records.load("data/clicks.jsonl"), Records.TYPE)
            .uid("clicks")
            .name("Click stream")
            .setParallelism(1);

        // wm: watermarks — Event time, 5 s out of order
        SingleOutputStreamOperator<Object> wm = clicks
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(5000L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("Event time, 5 s out of order")
            .setParallelism(1);

        // by-user: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byUser = wm.keyBy(new FieldKey("user"), Types.STRING);

        // per-minute: window — Clicks per minute
        SingleOutputStreamOperator<Object> perMinute = byUser
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(60000L), Duration.ofMillis(0L)))
            .aggregate(new BuiltInAggregate("count", ""), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("per-minute")
            .name("Clicks per minute");

        // results: sink.collect
        perMinute
            .map(new SinkLine("results"))
            .uid("results-line")
            .name("results: line")
            .sinkTo(new PrintSink<>())
            .uid("results")
            .name("results");

        env.execute("Clicks per user per minute");
    }
}
