package eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * A `cep.pattern` stage's `where`: `(event, ctx) => boolean`, with `ctx.getEventsForPattern(name)`
 * (the events the partial match already holds for a stage) and `ctx.timestamp` from Flink's
 * IterativeCondition context.
 */
public final class JsCondition extends IterativeCondition<Object> {
    private static final long serialVersionUID = 1L;

    private final JsFunction code;

    public JsCondition(String node, String field) {
        this.code = new JsFunction(node, field);
    }

    @Override
    public boolean filter(Object value, Context<Object> ctx) throws Exception {
        return code.condition(value, ctx.timestamp(), new Events(ctx));
    }

    /** What the bridge calls for `ctx.getEventsForPattern(name)`: the events as JSON text. */
    public static final class Events {
        private final Context<Object> ctx;

        Events(Context<Object> ctx) {
            this.ctx = ctx;
        }

        public String events(String name) throws Exception {
            List<Object> events = new ArrayList<>();
            for (Object e : ctx.getEventsForPattern(name)) events.add(e);
            return Json.stringify(events);
        }
    }
}
