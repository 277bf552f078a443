package eddy.runtime;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** `flatMap`: `(r) => array of records`. */
public final class JsFlatMap extends RichFlatMapFunction<Object, Object> {
    private final JsFunction code;

    public JsFlatMap(String node) {
        this.code = new JsFunction(node, "code");
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
    }

    @Override
    public void flatMap(Object value, Collector<Object> out) {
        Object result = code.call(value);
        if (!(result instanceof List)) throw new IllegalArgumentException(code.where() + ": flatMap must return an array, got " + Json.stringify(result));
        for (Object r : (List<?>) result) out.collect(r);
    }

    @Override
    public void close() {
        code.close();
    }
}
