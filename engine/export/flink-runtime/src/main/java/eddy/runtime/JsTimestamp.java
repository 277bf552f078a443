package eddy.runtime;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** The event timestamp (ms) from code, `(r) => ms`. Evaluated on first use. */
public final class JsTimestamp implements SerializableTimestampAssigner<Object> {
    private final JsFunction code;

    public JsTimestamp(String node) {
        this.code = new JsFunction(node, "timestamp");
    }

    @Override
    public long extractTimestamp(Object record, long previous) {
        return (long) Records.number(code.call(record), code.where());
    }
}
