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
 * Average temperature per sensor from a CSV file, bad rows kept aside
 *
 * Exported by Eddy from sensor-file.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // file: source.file
        DataStream<String> fileLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "file", "../data/sensors.csv"))).build(),
                WatermarkStrategy.noWatermarks(),
                "file: lines")
            .uid("file-lines")
            .name("file: lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> file = fileLines
            .process(new FileRecords("file", "csv", null, true, false, "ts"), Records.TYPE)
            .uid("file")
            .name("file")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> fileTimed = file
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>noWatermarks().withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("file-timestamps")
            .name("file: timestamps")
            .setParallelism(1);

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = fileTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(1000L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm")
            .setParallelism(1);

        // by-sensor: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> bySensor = wm.keyBy(new FieldKey("sensor"), Types.STRING);

        // avg: window
        SingleOutputStreamOperator<Object> avg = bySensor
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(10000L), Duration.ofMillis(0L)))
            .aggregate(new BuiltInAggregate("avg", "celsius"), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("avg")
            .name("avg");

        // averages: sink.collect
        avg
            .map(new SinkLine("averages"))
            .uid("averages-line")
            .name("averages: line")
            .sinkTo(new PrintSink<>())
            .uid("averages")
            .name("averages");

        // bad-rows: sink.collect
        file.getSideOutput(Tags.of("errors"))
            .map(new SinkLine("bad-rows"))
            .uid("bad-rows-line")
            .name("bad-rows: line")
            .sinkTo(new PrintSink<>())
            .uid("bad-rows")
            .name("bad-rows");

        env.execute("Average temperature per sensor from a CSV file, bad rows kept aside");
    }
}
