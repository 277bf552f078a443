package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatJoinFunction;
import org.apache.flink.util.Collector;

/** `join.window`: `(l, r) => joined record` for every pair in a window (undefined = none). */
public final class JsJoin extends RichFlatJoinFunction<Object, Object, Object> {
    private final JsFunction code;

    public JsJoin(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public void join(Object left, Object right, Collector<Object> out) {
        Object r = code.call(left, right);
        if (r != null) out.collect(r);
    }

    @Override
    public void close() {
        code.close();
    }
}
