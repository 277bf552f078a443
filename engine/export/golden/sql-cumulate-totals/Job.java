package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

/**
 * cumulate-totals.sql
 *
 * Exported by Eddy from cumulate-totals.sql. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // Bid: source.file — Bid (filesystem, json)
        DataStream<String> bidLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "Bid", "bid.jsonl"))).build(),
                WatermarkStrategy.noWatermarks(),
                "Bid (filesystem, json): lines")
            .uid("Bid-lines")
            .name("Bid (filesystem, json): lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> bid = bidLines
            .process(new FileRecords("Bid", "jsonl", null, false, false, null), Records.TYPE)
            .uid("Bid")
            .name("Bid (filesystem, json)")
            .setParallelism(1);

        // Bid_rows: map — Bid rows
        SingleOutputStreamOperator<Object> bidRows = bid
            .map(new JsMap("Bid_rows"), Records.TYPE)
            .uid("Bid_rows")
            .name("Bid rows")
            .setParallelism(1);

        // Bid_watermarks: watermarks — WATERMARK bidtime - 1000 ms
        SingleOutputStreamOperator<Object> bidWatermarks = bidRows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(999L))
                .withTimestampAssigner(new FieldTimestamp("bidtime")))
            .uid("Bid_watermarks")
            .name("WATERMARK bidtime - 1000 ms")
            .setParallelism(1);

        // group_by: keyBy — one group
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> groupBy = bidWatermarks.keyBy(new JsKey("group_by", "code"), Types.STRING);

        // window_agg: process — CUMULATE window aggregation
        SingleOutputStreamOperator<Object> windowAgg = groupBy
            .process(new JsKeyedProcess("window_agg"), Records.TYPE)
            .uid("window_agg")
            .name("CUMULATE window aggregation");

        // result: sink.collect — result
        windowAgg
            .map(new SqlRowLine("result", java.util.List.of("window_start", "window_end", "total"), java.util.List.of(-1, -1, 2)))
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("cumulate-totals.sql");
    }
}
