package eddy.runtime;

import org.apache.flink.api.common.functions.MapFunction;

/** `sink.collect`: the line `eddy run` prints, `{"sink": id, "value": record}`. */
public final class SinkLine implements MapFunction<Object, String> {
    private final String node;

    public SinkLine(String node) {
        this.node = node;
    }

    @Override
    public String map(Object value) {
        return Json.stringify(Records.object("sink", node, "value", value));
    }
}
