package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;

/**
 * Sessions per user (30 s inactivity gap)
 *
 * Exported by Eddy from sessionization.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // visits: source.collection
        SingleOutputStreamOperator<Object> visits = env
            .fromData(Records.load("data/visits.jsonl"), Records.TYPE)
            .uid("visits")
            .name("visits")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> visitsTimed = visits
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("visits-timestamps")
            .name("visits: timestamps")
            .setParallelism(1);

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = visitsTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(20000L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm")
            .setParallelism(1);

        // by-user: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byUser = wm.keyBy(new FieldKey("user"), Types.STRING);

        // sessions: window
        SingleOutputStreamOperator<Object> sessions = byUser
            .window(EventTimeSessionWindows.withGap(Duration.ofMillis(30000L)))
            .process(new JsWindowProcess<>("sessions"), Records.TYPE)
            .uid("sessions")
            .name("sessions");

        // out: sink.collect
        sessions
            .map(new SinkLine("out"))
            .uid("out-line")
            .name("out: line")
            .sinkTo(new PrintSink<>())
            .uid("out")
            .name("out");

        env.execute("Sessions per user (30 s inactivity gap)");
    }
}
