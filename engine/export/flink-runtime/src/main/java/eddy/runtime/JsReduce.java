package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichReduceFunction;

/** `reduce` on a keyed stream: `(acc, r) => new accumulated record` (a window reduce is JsWindowReduce). */
public final class JsReduce extends RichReduceFunction<Object> {
    private final JsFunction code;

    public JsReduce(String node, String field) {
        this.code = new JsFunction(node, field);
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public Object reduce(Object a, Object b) {
        return code.call(a, b);
    }

    @Override
    public void close() {
        code.close();
    }
}
