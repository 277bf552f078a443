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
 * Fraud detection: a tiny charge followed by a large one within a minute
 *
 * Exported by Eddy from fraud-detection.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // transactions: source.collection
        SingleOutputStreamOperator<Object> transactions = env
            .fromData(Records.load("data/transactions.jsonl"), Records.TYPE)
            .uid("transactions")
            .name("transactions")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> transactionsTimed = transactions
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("transactions-timestamps")
            .name("transactions: timestamps")
            .setParallelism(1);

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = transactionsTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(0L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm")
            .setParallelism(1);

        // by-account: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byAccount = wm.keyBy(new FieldKey("account"), Types.STRING);

        // detect: process
        SingleOutputStreamOperator<Object> detect = byAccount
            .process(new JsKeyedProcess("detect"), Records.TYPE)
            .uid("detect")
            .name("detect");

        // alerts: sink.collect
        detect
            .map(new SinkLine("alerts"))
            .uid("alerts-line")
            .name("alerts: line")
            .sinkTo(new PrintSink<>())
            .uid("alerts")
            .name("alerts");

        env.execute("Fraud detection: a tiny charge followed by a large one within a minute");
    }
}
