package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * Dynamic thresholds (broadcast state)
 *
 * Exported by Eddy from dynamic-thresholds.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.setMaxParallelism(128);

        // readings: source.collection — Sensor readings
        SingleOutputStreamOperator<Object> readings = env
            .fromData(Records.load("data/readings.jsonl"), Records.TYPE)
            .uid("readings")
            .name("Sensor readings")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> readingsTimed = readings
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("readings-timestamps")
            .name("Sensor readings: timestamps")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> readingsRecords = readingsTimed
            .filter(r -> !Records.isWatermarkMarker(r))
            .uid("readings-markers")
            .name("Sensor readings: markers")
            .setParallelism(1);

        // rules: source.collection — Threshold rules
        SingleOutputStreamOperator<Object> rules = env
            .fromData(Records.load("data/rules.jsonl"), Records.TYPE)
            .uid("rules")
            .name("Threshold rules")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> rulesTimed = rules
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("rules-timestamps")
            .name("Threshold rules: timestamps")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> rulesRecords = rulesTimed
            .filter(r -> !Records.isWatermarkMarker(r))
            .uid("rules-markers")
            .name("Threshold rules: markers")
            .setParallelism(1);

        // by-sensor: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> bySensor = readingsRecords.keyBy(new FieldKey("sensor"), Types.STRING);

        // alerts: process.broadcast — Above threshold
        SingleOutputStreamOperator<Object> alerts = bySensor
            .connect(rulesRecords.broadcast(JsBroadcastProcess.STATE))
            .process(new JsKeyedBroadcastProcess("alerts"), Records.TYPE)
            .uid("alerts")
            .name("Above threshold");

        // out: sink.collect — Alerts
        alerts
            .map(new SinkLine("out"))
            .uid("out-line")
            .name("Alerts: line")
            .sinkTo(new PrintSink<>())
            .uid("out")
            .name("Alerts");

        env.execute("Dynamic thresholds (broadcast state)");
    }
}
