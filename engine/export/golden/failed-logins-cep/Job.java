package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * Three failed logins, then a success, within a minute (CEP)
 *
 * Exported by Eddy from failed-logins-cep.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // logins: source.collection
        SingleOutputStreamOperator<Object> logins = env
            .fromData(Records.load("data/logins.jsonl"), Records.TYPE)
            .uid("logins")
            .name("logins")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> loginsTimed = logins
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("logins-timestamps")
            .name("logins: timestamps")
            .setParallelism(1);

        // watermarks: watermarks
        SingleOutputStreamOperator<Object> watermarks = loginsTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(5000L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("watermarks")
            .name("watermarks");

        // byUser: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byUser = watermarks.keyBy(new FieldKey("user"), Types.STRING);

        // suspicious: cep.pattern — 3 failures, then a success
        Pattern<Object, Object> suspiciousPattern = Pattern.<Object>begin("failures", AfterMatchSkipStrategy.skipPastLastEvent())
            .where(new JsCondition("suspicious", "pattern.0.where"))
            .times(3)
            .consecutive()
            .next("success")
            .where(new JsCondition("suspicious", "pattern.1.where"))
            .within(Duration.ofMillis(60000L));
        SingleOutputStreamOperator<Object> suspicious = CEP.pattern(byUser, suspiciousPattern)
            .process(new JsPatternProcess("suspicious", new FieldKey("user"), "timedOut", true), Records.TYPE)
            .uid("suspicious")
            .name("3 failures, then a success");

        // alerts: sink.collect
        suspicious
            .map(new SinkLine("alerts"))
            .uid("alerts-line")
            .name("alerts: line")
            .sinkTo(new PrintSink<>())
            .uid("alerts")
            .name("alerts");

        // timeouts: sink.collect
        suspicious.getSideOutput(Tags.of("timedOut"))
            .map(new SinkLine("timeouts"))
            .uid("timeouts-line")
            .name("timeouts: line")
            .sinkTo(new PrintSink<>())
            .uid("timeouts")
            .name("timeouts");

        env.execute("Three failed logins, then a success, within a minute (CEP)");
    }
}
