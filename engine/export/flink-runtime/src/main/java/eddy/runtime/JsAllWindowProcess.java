package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** A `windowAll`'s `process` function; the key is undefined. */
public final class JsAllWindowProcess<W extends Window> extends ProcessAllWindowFunction<Object, Object, W> {
    private final JsFunction code;
    private transient FunctionHost host;

    public JsAllWindowProcess(String node) {
        this.code = new JsFunction(node, "function.code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        host = new FunctionHost(null, code.where());
    }

    @Override
    public void process(Context ctx, Iterable<Object> elements, Collector<Object> out) {
        // ProcessAllWindowFunction.Context has no clocks; the window's own time stands in.
        host.enterWindow(() -> ctx.window().maxTimestamp(), System::currentTimeMillis);
        JsWindowProcess.emit(code, host, null, ctx.window(), elements, out);
    }

    @Override
    public void close() {
        code.close();
    }
}
