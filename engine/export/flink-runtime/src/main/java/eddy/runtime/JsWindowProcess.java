package eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** A window's `process` function: `(key, {start, end, maxTimestamp}, elements, ctx) => result | result[]`. */
public final class JsWindowProcess<W extends Window> extends ProcessWindowFunction<Object, Object, String, W> {
    private final JsFunction code;
    private transient FunctionHost host;

    public JsWindowProcess(String node) {
        this.code = new JsFunction(node, "function.code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        host = new FunctionHost(null, code.where());
    }

    @Override
    public void process(String key, Context ctx, Iterable<Object> elements, Collector<Object> out) {
        host.enterWindow(ctx::currentWatermark, ctx::currentProcessingTime);
        emit(code, host, key, ctx.window(), elements, out);
    }

    static void emit(JsFunction code, FunctionHost host, String key, Window w, Iterable<Object> elements, Collector<Object> out) {
        List<Object> all = new ArrayList<>();
        for (Object e : elements) all.add(e);
        Long start = w instanceof TimeWindow ? ((TimeWindow) w).getStart() : null;
        Long end = w instanceof TimeWindow ? ((TimeWindow) w).getEnd() : null;
        double max = w.maxTimestamp() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : w.maxTimestamp();
        Object result = code.window(key, start, end, max, all, host);
        if (result == null) return;
        if (result instanceof List) for (Object r : (List<?>) result) out.collect(r);
        else out.collect(result);
    }

    @Override
    public void close() {
        code.close();
    }
}
