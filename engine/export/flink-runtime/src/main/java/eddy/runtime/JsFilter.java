package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/** `filter`: `(r) => true to keep the record` (any truthy value keeps it). */
public final class JsFilter extends RichFilterFunction<Object> {
    private final JsFunction code;

    public JsFilter(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public boolean filter(Object value) {
        return code.test(Changed.row(value));
    }

    @Override
    public void close() {
        code.close();
    }
}
