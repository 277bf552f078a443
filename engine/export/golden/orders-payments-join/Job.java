package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * Orders paid within 10 minutes (interval join)
 *
 * Exported by Eddy from orders-payments-join.json. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // orders: source.collection
        SingleOutputStreamOperator<Object> orders = env
            .fromData(Records.load("data/orders.jsonl"), Records.TYPE)
            .uid("orders")
            .name("orders")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> ordersTimed = orders
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("orders-timestamps")
            .name("orders: timestamps")
            .setParallelism(1);

        // payments: source.collection
        SingleOutputStreamOperator<Object> payments = env
            .fromData(Records.load("data/payments.jsonl"), Records.TYPE)
            .uid("payments")
            .name("payments")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> paymentsTimed = payments
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new MarkerWatermarks())
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("payments-timestamps")
            .name("payments: timestamps")
            .setParallelism(1);

        // paid: join.interval — Payment within [0, 10 min] of the order
        SingleOutputStreamOperator<Object> paid = ordersTimed
            .keyBy(new FieldKey("order"), Types.STRING)
            .intervalJoin(paymentsTimed.keyBy(new FieldKey("ref"), Types.STRING))
            .between(Duration.ofMillis(0L), Duration.ofMillis(600000L))
            .process(new JsIntervalJoin("paid"), Records.TYPE)
            .uid("paid")
            .name("Payment within [0, 10 min] of the order");

        // out: sink.collect
        paid
            .map(new SinkLine("out"))
            .uid("out-line")
            .name("out: line")
            .sinkTo(new PrintSink<>())
            .uid("out")
            .name("out");

        // slow: sink.collect — Paid after more than 5 min
        paid.getSideOutput(Tags.of("slow"))
            .map(new SinkLine("slow"))
            .uid("slow-line")
            .name("Paid after more than 5 min: line")
            .sinkTo(new PrintSink<>())
            .uid("slow")
            .name("Paid after more than 5 min");

        env.execute("Orders paid within 10 minutes (interval join)");
    }
}
