package eddy.runtime;

import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;

/** A dynamic session gap, `(r) => ms`. Evaluated on first use. */
public final class JsSessionGap implements SessionWindowTimeGapExtractor<Object> {
    private final JsFunction code;

    public JsSessionGap(String node, String field) {
        this.code = new JsFunction(node, field);
    }

    @Override
    public long extract(Object record) {
        return (long) Records.number(code.call(record), code.where());
    }
}
