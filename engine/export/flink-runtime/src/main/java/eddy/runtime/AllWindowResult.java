package eddy.runtime;

import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** A `windowAll`'s built-in aggregate result: `{windowStart, windowEnd, value}`. */
public final class AllWindowResult<W extends Window> extends ProcessAllWindowFunction<Object, Object, W> {
    @Override
    public void process(Context ctx, Iterable<Object> values, Collector<Object> out) {
        W w = ctx.window();
        Long start = w instanceof TimeWindow ? ((TimeWindow) w).getStart() : null;
        Long end = w instanceof TimeWindow ? ((TimeWindow) w).getEnd() : null;
        for (Object v : values) out.collect(Records.object("windowStart", start, "windowEnd", end, "value", v));
    }
}
