package eddy.runtime;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** A keyed window's built-in aggregate result: `{key, windowStart, windowEnd, value}` (null bounds for global/count windows). */
public final class WindowResult<W extends Window> extends ProcessWindowFunction<Object, Object, String, W> {
    @Override
    public void process(String key, Context ctx, Iterable<Object> values, Collector<Object> out) {
        W w = ctx.window();
        Long start = w instanceof TimeWindow ? ((TimeWindow) w).getStart() : null;
        Long end = w instanceof TimeWindow ? ((TimeWindow) w).getEnd() : null;
        for (Object v : values) out.collect(Records.object("key", Json.parse(key), "windowStart", start, "windowEnd", end, "value", v));
    }
}
