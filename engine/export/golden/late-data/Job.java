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
 * Late data: allowed lateness and a side output
 *
 * Exported by Eddy from late-data.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // readings: source.collection
        SingleOutputStreamOperator<Object> readings = env
            .fromData(Records.load("data/readings.jsonl"), Records.TYPE)
            .uid("readings")
            .name("readings")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> readingsTimed = readings
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("readings-timestamps")
            .name("readings: timestamps")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> readingsRecords = readingsTimed
            .filter(r -> !Records.isWatermarkMarker(r))
            .uid("readings-markers")
            .name("readings: markers")
            .setParallelism(1);

        // by-sensor: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> bySensor = readingsRecords.keyBy(new FieldKey("sensor"), Types.STRING);

        // sum-10s: window — Sum per 10 s, 5 s allowed lateness
        SingleOutputStreamOperator<Object> sum10s = bySensor
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(10000L), Duration.ofMillis(0L)))
            .allowedLateness(Duration.ofMillis(5000L))
            .sideOutputLateData(Tags.of("too-late"))
            .aggregate(new BuiltInAggregate("sum", "value"), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("sum-10s")
            .name("Sum per 10 s, 5 s allowed lateness");

        // sums: sink.collect
        sum10s
            .map(new SinkLine("sums"))
            .uid("sums-line")
            .name("sums: line")
            .sinkTo(new PrintSink<>())
            .uid("sums")
            .name("sums");

        // dropped: sink.collect — Records too late for any window
        sum10s.getSideOutput(Tags.of("too-late"))
            .map(new SinkLine("dropped"))
            .uid("dropped-line")
            .name("Records too late for any window: line")
            .sinkTo(new PrintSink<>())
            .uid("dropped")
            .name("Records too late for any window");

        env.execute("Late data: allowed lateness and a side output");
    }
}
