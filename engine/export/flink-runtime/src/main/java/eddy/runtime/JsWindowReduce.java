package eddy.runtime;

import org.apache.flink.api.common.functions.ReduceFunction;

/**
 * A window's `reduce`: `(a, b) => combined record`. Flink's window reduce takes no RichFunction,
 * so the code is evaluated on first use (as JsKey) instead of in open().
 */
public final class JsWindowReduce implements ReduceFunction<Object> {
    private final JsFunction code;

    public JsWindowReduce(String node, String field) {
        this.code = new JsFunction(node, field);
    }

    @Override
    public Object reduce(Object a, Object b) {
        return code.call(a, b);
    }
}
