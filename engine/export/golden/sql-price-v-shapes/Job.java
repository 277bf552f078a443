package eddy.job;

import eddy.runtime.*;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
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
 * price-v-shapes.sql
 *
 * Exported by Eddy from price-v-shapes.sql. Operator uids are the job's node ids, so
 * state in savepoints belongs to the same node names. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.setMaxParallelism(128);

        // Ticker: source.file — Ticker (filesystem, json)
        DataStream<String> tickerLines = env
            .fromSource(
                FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(Args.path(args, "input", "Ticker", "ticker.jsonl"))).build(),
                WatermarkStrategy.noWatermarks(),
                "Ticker (filesystem, json): lines")
            .uid("Ticker-lines")
            .name("Ticker (filesystem, json): lines")
            .setParallelism(1);
        SingleOutputStreamOperator<Object> ticker = tickerLines
            .process(new FileRecords("Ticker", "jsonl", null, false, false, null), Records.TYPE)
            .uid("Ticker")
            .name("Ticker (filesystem, json)")
            .setParallelism(1);

        // Ticker_rows: map — Ticker rows
        SingleOutputStreamOperator<Object> tickerRows = ticker
            .map(new JsMap("Ticker_rows"), Records.TYPE)
            .uid("Ticker_rows")
            .name("Ticker rows")
            .setParallelism(1);

        // Ticker_watermarks: watermarks — WATERMARK rowtime - 1000 ms
        SingleOutputStreamOperator<Object> tickerWatermarks = tickerRows
            .assignTimestampsAndWatermarks(WatermarkStrategy.<Object>forGenerator(c -> new PerRecordWatermarks(999L))
                .withTimestampAssigner(new FieldTimestamp("rowtime")))
            .uid("Ticker_watermarks")
            .name("WATERMARK rowtime - 1000 ms")
            .setParallelism(1);

        // partition_by: keyBy — PARTITION BY symbol
        // keyBy is a partitioning in Flink, not an operator: it has no uid.
        KeyedStream<Object, String> partitionBy = tickerWatermarks.keyBy(new JsKey("partition_by", "code"), Types.STRING);

        // match_recognize: cep.pattern — MATCH_RECOGNIZE PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        Pattern<Object, Object> matchRecognizePattern = Pattern.<Object>begin("START_ROW", AfterMatchSkipStrategy.skipToLast("PRICE_UP"))
            .next("PRICE_DOWN")
            .where(new JsCondition("match_recognize", "pattern.1.where"))
            .oneOrMore()
            .greedy()
            .consecutive()
            .next("PRICE_UP")
            .where(new JsCondition("match_recognize", "pattern.2.where"));
        SingleOutputStreamOperator<Object> matchRecognize = CEP.pattern(partitionBy, matchRecognizePattern)
            .process(new JsPatternProcess("match_recognize", new JsKey("partition_by", "code"), null, false), Records.TYPE)
            .uid("match_recognize")
            .name("MATCH_RECOGNIZE PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)");

        // select: map — SELECT
        SingleOutputStreamOperator<Object> select = matchRecognize
            .map(new JsMap("select"), Records.TYPE)
            .uid("select")
            .name("SELECT");

        // result: sink.collect — result
        select
            .map(new SqlRowLine("result", java.util.List.of("symbol", "start_tstamp", "start_price", "bottom_tstamp", "bottom_price", "falls", "end_tstamp"), java.util.List.of(-1, -1, -1, -1, -1, -1, -1)))
            .uid("result-line")
            .name("result: line")
            .sinkTo(new PrintSink<>())
            .uid("result")
            .name("result");

        env.execute("price-v-shapes.sql");
    }
}
