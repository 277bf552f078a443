package eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/**
 * A window's `process` function: `(key, {start, end, maxTimestamp}, elements, ctx) => result |
 * result[]`, or `{ process(…), clear?(ctx) }`. `ctx` is Flink's ProcessWindowFunction.Context:
 * `ctx.window`, `ctx.windowState` (windowState()), `ctx.globalState` (globalState()),
 * `ctx.output(tag, v)`; `clear(ctx)` runs when Flink cleans the window up.
 */
public final class JsWindowProcess<W extends Window> extends ProcessWindowFunction<Object, Object, String, W> {
    /** State-name prefixes, as Eddy names the tables of the two stores. */
    static final String WINDOW_STATE = "window-state/";
    static final String GLOBAL_STATE = "global-state/";

    private final JsFunction code;
    private transient FunctionHost windowHost;
    private transient FunctionHost globalHost;
    private transient boolean hasClear;

    public JsWindowProcess(String node) {
        this.code = new JsFunction(node, "function.code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        windowHost = new FunctionHost(null, code.where(), WINDOW_STATE);
        globalHost = new FunctionHost(null, code.where(), GLOBAL_STATE);
        hasClear = code.has("clear");
    }

    @Override
    public void process(String key, Context ctx, Iterable<Object> elements, Collector<Object> out) {
        enter(windowHost, globalHost, ctx::currentWatermark, ctx::currentProcessingTime, ctx.windowState(), ctx.globalState(), (tag, v) -> ctx.output(Tags.of(tag), v));
        emit(code, windowHost, globalHost, key, ctx.window(), elements, out);
    }

    @Override
    public void clear(Context ctx) {
        if (!hasClear) return;
        enter(windowHost, globalHost, ctx::currentWatermark, ctx::currentProcessingTime, ctx.windowState(), ctx.globalState(), (tag, v) -> ctx.output(Tags.of(tag), v));
        code.windowClear(ctx.window(), windowHost, globalHost);
    }

    static void enter(FunctionHost windowHost, FunctionHost globalHost, java.util.function.LongSupplier watermark, java.util.function.LongSupplier processingTime, KeyedStateStore windowState, KeyedStateStore globalState, java.util.function.BiConsumer<String, Object> side) {
        windowHost.enterWindow(watermark, processingTime, windowState, side);
        globalHost.enterWindow(watermark, processingTime, globalState, side);
    }

    static void emit(JsFunction code, FunctionHost windowHost, FunctionHost globalHost, String key, Window w, Iterable<Object> elements, Collector<Object> out) {
        List<Object> all = new ArrayList<>();
        for (Object e : elements) all.add(e);
        Object result = code.window(key, w, all, windowHost, globalHost);
        if (result == null) return;
        if (result instanceof List) for (Object r : (List<?>) result) out.collect(r);
        else out.collect(result);
    }

    @Override
    public void close() {
        code.close();
    }
}
