package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.util.Collector;

/**
 * `join.interval`: `(l, r, ctx, out) => joined record` for every pair within the bounds
 * (undefined = none); `ctx` is Flink's ProcessJoinFunction.Context (leftTimestamp,
 * rightTimestamp, timestamp, output(tag, value)), `out` the collector.
 */
public final class JsIntervalJoin extends ProcessJoinFunction<Object, Object, Object> {
    private final JsFunction code;
    private transient FunctionHost host;

    public JsIntervalJoin(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        host = new FunctionHost(null, code.where());
    }

    @Override
    public void processElement(Object left, Object right, Context ctx, Collector<Object> out) {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        Object r = code.join(host, left, right, ctx.getLeftTimestamp(), ctx.getRightTimestamp(), ctx.getTimestamp());
        if (r != null) out.collect(r);
    }

    @Override
    public void close() {
        code.close();
    }
}
