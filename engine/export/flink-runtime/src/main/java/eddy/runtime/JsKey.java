package eddy.runtime;

import org.apache.flink.api.java.functions.KeySelector;

/** `keyBy` with code, `(r) => key`; the key is the result's JSON text. Evaluated on first use. */
public final class JsKey implements KeySelector<Object, String> {
    private final JsFunction code;

    public JsKey(String node, String field) {
        this.code = new JsFunction(node, field);
    }

    @Override
    public String getKey(Object record) {
        return Records.key(code.call(Changed.row(record)));
    }
}
