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
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Page views per window, on-time and late firings told apart
 *
 * Exported by Eddy from window-firings.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // views: source.collection
        SingleOutputStreamOperator<Object> views = env
            .fromData(Records.load("data/views.jsonl"), Records.TYPE)
            .uid("views")
            .name("views")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> viewsTimed = views
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("views-timestamps")
            .name("views: timestamps")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> viewsRecords = viewsTimed
            .filter(r -> !Records.isWatermarkMarker(r))
            .uid("views-markers")
            .name("views: markers")
            .setParallelism(1);

        // by-page: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byPage = viewsRecords.keyBy(new FieldKey("page"), Types.STRING);

        // views-10s: window — Views per 10 s, firings counted in per-window state
        SingleOutputStreamOperator<Object> views10s = byPage
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(10000L), Duration.ofMillis(0L)))
            .allowedLateness(Duration.ofMillis(5000L))
            .sideOutputLateData(Tags.of("too-late"))
            .process(new JsWindowProcess<>("views-10s"), Records.TYPE)
            .uid("views-10s")
            .name("Views per 10 s, firings counted in per-window state");

        // counts: sink.collect
        views10s
            .map(new SinkLine("counts"))
            .uid("counts-line")
            .name("counts: line")
            .sinkTo(new PrintSink<>())
            .uid("counts")
            .name("counts");

        // closed: sink.collect — Windows cleaned up
        views10s.getSideOutput(Tags.of("closed"))
            .map(new SinkLine("closed"))
            .uid("closed-line")
            .name("Windows cleaned up: line")
            .sinkTo(new PrintSink<>())
            .uid("closed")
            .name("Windows cleaned up");

        // dropped: sink.collect — Views too late for any window
        views10s.getSideOutput(Tags.of("too-late"))
            .map(new SinkLine("dropped"))
            .uid("dropped-line")
            .name("Views too late for any window: line")
            .sinkTo(new PrintSink<>())
            .uid("dropped")
            .name("Views too late for any window");

        env.execute("Page views per window, on-time and late firings told apart");
    }
}
