package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Live price ticks: highest price per symbol and second
 *
 * Exported by Eddy from live-ticks.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // ticks: source.file — Ticks (a live pipe with --input ticks=-)
        DataStream<String> ticksLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "ticks", "../data/ticks.jsonl"))).build(),
                WatermarkStrategy.noWatermarks(),
                "Ticks (a live pipe with --input ticks=-): lines")
            .uid("ticks-lines")
            .name("Ticks (a live pipe with --input ticks=-): lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> ticks = ticksLines
            .process(new FileRecords("ticks", "jsonl", null, false, false, "ts"), Records.TYPE)
            .uid("ticks")
            .name("Ticks (a live pipe with --input ticks=-)")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> ticksTimed = ticks
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("ticks-timestamps")
            .name("Ticks (a live pipe with --input ticks=-): timestamps")
            .setParallelism(1);

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = ticksTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(0L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm")
            .setParallelism(1);

        // by-symbol: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> bySymbol = wm.keyBy(new FieldKey("symbol"), Types.STRING);

        // high: window — Highest price per second
        SingleOutputStreamOperator<Object> high = bySymbol
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000L), Duration.ofMillis(0L)))
            .aggregate(new BuiltInAggregate("max", "price"), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("high")
            .name("Highest price per second");

        // out: sink.collect
        high
            .map(new SinkLine("out"))
            .uid("out-line")
            .name("out: line")
            .sinkTo(new PrintSink<>())
            .uid("out")
            .name("out");

        env.execute("Live price ticks: highest price per symbol and second");
    }
}
