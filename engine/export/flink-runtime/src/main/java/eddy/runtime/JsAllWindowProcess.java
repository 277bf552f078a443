package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** A `windowAll`'s `process` function (ProcessAllWindowFunction); the key is undefined, the context as in JsWindowProcess. */
public final class JsAllWindowProcess<W extends Window> extends ProcessAllWindowFunction<Object, Object, W> {
    private final JsFunction code;
    private transient FunctionHost windowHost;
    private transient FunctionHost globalHost;
    private transient boolean hasClear;

    public JsAllWindowProcess(String node) {
        this.code = new JsFunction(node, "function.code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        windowHost = new FunctionHost(null, code.where(), JsWindowProcess.WINDOW_STATE);
        globalHost = new FunctionHost(null, code.where(), JsWindowProcess.GLOBAL_STATE);
        hasClear = code.has("clear");
    }

    @Override
    public void process(Context ctx, Iterable<Object> elements, Collector<Object> out) {
        // ProcessAllWindowFunction.Context has no clocks; the window's own time stands in.
        JsWindowProcess.enter(windowHost, globalHost, () -> ctx.window().maxTimestamp(), System::currentTimeMillis, ctx.windowState(), ctx.globalState(), (tag, v) -> ctx.output(Tags.of(tag), v));
        JsWindowProcess.emit(code, windowHost, globalHost, null, ctx.window(), elements, out);
    }

    @Override
    public void clear(Context ctx) {
        if (!hasClear) return;
        JsWindowProcess.enter(windowHost, globalHost, () -> ctx.window().maxTimestamp(), System::currentTimeMillis, ctx.windowState(), ctx.globalState(), (tag, v) -> ctx.output(Tags.of(tag), v));
        code.windowClear(ctx.window(), windowHost, globalHost);
    }

    @Override
    public void close() {
        code.close();
    }
}
