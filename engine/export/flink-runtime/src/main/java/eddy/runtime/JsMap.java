package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** `map`: `(r) => new record`; a changelog row's result keeps its kind. */
public final class JsMap extends RichMapFunction<Object, Object> {
    private final JsFunction code;

    public JsMap(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public Object map(Object value) {
        return Changed.same(value, code.call(Changed.row(value)));
    }

    @Override
    public void close() {
        code.close();
    }
}
