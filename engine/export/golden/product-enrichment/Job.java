package eddy.job;

import eddy.runtime.*;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;
import org.apache.flink.streaming.util.retryable.RetryPredicates;

/**
 * Orders enriched with product details fetched per record, revenue per category per minute
 *
 * Exported by Eddy from product-enrichment.json. Operator uids are the job's node ids, so
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

        // wm: watermarks
        SingleOutputStreamOperator<Object> wm = ordersTimed
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(0L))
                .withTimestampAssigner(new FieldTimestamp("ts")))
            .uid("wm")
            .name("wm");

        // enrich: asyncMap — Fetch product
        SingleOutputStreamOperator<Object> enrich = AsyncDataStream.orderedWaitWithRetry(
                wm,
                new JsAsyncMap("enrich", Args.option(args, "fetch-base", "."), 10000L, false),
                10000L, TimeUnit.MILLISECONDS, 4,
                new AsyncRetryStrategies.ExponentialBackoffDelayRetryStrategyBuilder<Object>(3, 100L, 1000L, 2.0)
                        .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)
                        .build())
            .uid("enrich")
            .name("Fetch product")
            .startNewChain();

        // by-category: keyBy
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> byCategory = enrich.keyBy(new FieldKey("category"), Types.STRING);

        // per-minute: window
        SingleOutputStreamOperator<Object> perMinute = byCategory
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(60000L), Duration.ofMillis(0L)))
            .aggregate(new BuiltInAggregate("sum", "revenue"), new WindowResult<>(), TypeInformation.of(Accumulator.class), Records.TYPE, Records.TYPE)
            .uid("per-minute")
            .name("per-minute");

        // revenue: sink.collect
        perMinute
            .map(new SinkLine("revenue"))
            .uid("revenue-line")
            .name("revenue: line")
            .sinkTo(new PrintSink<>())
            .uid("revenue")
            .name("revenue");

        env.execute("Orders enriched with product details fetched per record, revenue per category per minute");
    }
}
