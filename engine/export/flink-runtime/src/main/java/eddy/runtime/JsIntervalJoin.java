package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.util.Collector;

/** `join.interval`: `(l, r) => joined record` for every pair within the bounds (undefined = none). */
public final class JsIntervalJoin extends ProcessJoinFunction<Object, Object, Object> {
    private final JsFunction code;

    public JsIntervalJoin(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public void processElement(Object left, Object right, Context ctx, Collector<Object> out) {
        Object r = code.call(left, right);
        if (r != null) out.collect(r);
    }

    @Override
    public void close() {
        code.close();
    }
}
