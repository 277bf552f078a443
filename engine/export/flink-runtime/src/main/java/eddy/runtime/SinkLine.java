package eddy.runtime;

import org.apache.flink.api.common.functions.MapFunction;

/** `sink.collect`: the line `eddy run` prints, `{"sink": id, "value": record}` (`"op"` before the value for a changelog row that is not an INSERT). */
public final class SinkLine implements MapFunction<Object, String> {
    private final String node;

    public SinkLine(String node) {
        this.node = node;
    }

    @Override
    public String map(Object value) {
        if (value instanceof Changed) return Json.stringify(Records.object("sink", node, "op", Changed.op(value), "value", Changed.row(value)));
        return Json.stringify(Records.object("sink", node, "value", value));
    }
}
