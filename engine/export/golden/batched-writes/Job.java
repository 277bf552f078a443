package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * Batched writes: orders buffered in operator state
 *
 * Exported by Eddy from batched-writes.json. Operator uids are the job's node ids, so
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

        // batcher: process — Batches of 3 (operator list state)
        SingleOutputStreamOperator<Object> batcher = ordersTimed
            .process(new JsProcess("batcher"), Records.TYPE)
            .uid("batcher")
            .name("Batches of 3 (operator list state)")
            .setParallelism(1);

        // writes: sink.collect — Batches written
        batcher
            .map(new SinkLine("writes"))
            .uid("writes-line")
            .name("Batches written: line")
            .sinkTo(new PrintSink<>())
            .uid("writes")
            .name("Batches written");

        env.execute("Batched writes: orders buffered in operator state");
    }
}
