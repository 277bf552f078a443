package eddy.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.util.Collector;

/**
 * `cep.pattern`'s `select` — `(match, ctx) => record`, `ctx.key` and `ctx.timestamp` — and, when
 * the node has a timeout output, its timed-out partial matches (`timeoutSelect(match, ts)` or the
 * match itself) on that side output. The key is taken from the match's events with the keyBy's
 * selector: a PatternProcessFunction does not see the current key.
 */
public final class JsPatternProcess extends PatternProcessFunction<Object, Object> implements TimedOutPartialMatchHandler<Object> {
    private static final long serialVersionUID = 1L;

    private final JsFunction select;
    private final JsFunction timeoutSelect;
    private final String timeoutTag;
    private final KeySelector<Object, String> key;

    public JsPatternProcess(String node, KeySelector<Object, String> key, String timeoutTag, boolean hasTimeoutSelect) {
        this.select = new JsFunction(node, "select");
        this.timeoutSelect = hasTimeoutSelect ? new JsFunction(node, "timeoutSelect") : null;
        this.timeoutTag = timeoutTag;
        this.key = key;
    }

    @Override
    public void open(OpenContext openContext) {
        select.open();
        if (timeoutSelect != null) timeoutSelect.open();
    }

    @Override
    public void processMatch(Map<String, List<Object>> match, Context ctx, Collector<Object> out) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        if (key != null) {
            for (List<Object> events : match.values()) {
                if (!events.isEmpty()) {
                    c.put("key", Json.parse(key.getKey(events.get(0))));
                    break;
                }
            }
        }
        c.put("timestamp", ctx.timestamp());
        Object r = select.call(match, c);
        if (r != null) out.collect(r);
    }

    @Override
    public void processTimedOutMatch(Map<String, List<Object>> match, Context ctx) {
        if (timeoutTag == null) return;
        Object r = timeoutSelect == null ? match : timeoutSelect.call(match, ctx.timestamp());
        if (r != null) ctx.output(Tags.of(timeoutTag), r);
    }

    @Override
    public void close() {
        select.close();
        if (timeoutSelect != null) timeoutSelect.close();
    }
}
