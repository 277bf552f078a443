package eddy.runtime;

import java.io.Serializable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A code param of a node, run by GraalJS. The code is read from the jar's resource
 * `functions/<node>.<field>.js` and evaluated once per task (`open`); calls go through
 * `eddy/bridge.js`, which turns JSON text into JavaScript values and back.
 */
public final class JsFunction implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final String field;
    private transient Context context;
    private transient Value bridge;
    private transient Value fn;

    public JsFunction(String node, String field) {
        this.node = node;
        this.field = field;
    }

    public String where() {
        return "node " + node + ", params." + field;
    }

    /** Evaluates the code; safe to call more than once. */
    public void open() {
        if (context != null) return;
        context = Context.newBuilder("js")
                .allowHostAccess(HostAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        bridge = context.eval(Source.newBuilder("js", Records.resource("eddy/bridge.js"), "eddy-bridge.js").buildLiteral());
        String code = Records.resource("functions/" + node + "." + field + ".js");
        try {
            fn = context.eval(Source.newBuilder("js", "(\n" + code + "\n)", node + "." + field + ".js").buildLiteral());
        } catch (PolyglotException e) {
            throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
        }
    }

    public void close() {
        if (context != null) context.close();
        context = null;
    }

    /** Calls the function with JSON values; returns the result's JSON value (null for undefined). */
    public Object call(Object... args) {
        open();
        try {
            Value r = bridge.getMember("call").execute(fn, Json.stringify(java.util.Arrays.asList(args)));
            return r.isNull() ? null : Json.parse(r.asString());
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    /** An interval join's function, `(l, r, ctx, out) => result`, with the pair's timestamps; `out` and `ctx.output` go through the host. */
    public Object join(FunctionHost host, Object left, Object right, long leftTimestamp, long rightTimestamp, long timestamp) {
        open();
        try {
            Value r = bridge.getMember("join").execute(fn, host, Json.stringify(left), Json.stringify(right), leftTimestamp, rightTimestamp, timestamp);
            return r.isNull() ? null : Json.parse(r.asString());
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An asyncMap call: starts `f(record, ctx)` and returns at its first `await`; `call` hears the
     * outcome (`resolved(json)` / `rejected(message)`) when the Promise settles. The caller holds the
     * lock every entry into this function's context holds (a GraalJS context is single-threaded).
     */
    public void startAsync(Object record, Object ctxInfo, Object host, Object call) {
        open();
        try {
            bridge.getMember("asyncCall").execute(fn, Json.stringify(record), Json.stringify(ctxInfo), host, call);
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    public boolean test(Object record) {
        open();
        try {
            return bridge.getMember("test").execute(fn, Json.stringify(record)).asBoolean();
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A CEP condition: `(event, ctx) => boolean` with `ctx.getEventsForPattern` from `events` (a
     * CEP condition's Events, typed Object: the CEP classes exist only in projects with flink-cep).
     */
    public boolean condition(Object record, long timestamp, Object events) {
        open();
        try {
            return bridge.getMember("condition").execute(fn, Json.stringify(record), events, timestamp).asBoolean();
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    public boolean has(String method) {
        open();
        return bridge.getMember("has").execute(fn, method).asBoolean();
    }

    /** Calls `method` of a handler object (`onElement`, `onTimer`, ...) with the host's context. */
    public void handle(String method, FunctionHost host, String keyJson, Long timestamp, String domain, Object record) {
        open();
        try {
            bridge.getMember("handle").execute(fn, method, host, keyJson, timestamp, domain, record == null ? null : Json.stringify(record));
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + "." + method + ": " + e.getMessage(), e);
        }
    }

    /** A process window function: `(key, window, elements, ctx) => result | result[]` (or an object's `process`). */
    public Object window(String keyJson, Window w, java.util.List<Object> elements, FunctionHost windowHost, FunctionHost globalHost) {
        open();
        try {
            Value r = bridge.getMember("window").execute(fn, keyJson, start(w), end(w), maxTimestamp(w), Json.stringify(elements), windowHost, globalHost);
            return r.isNull() ? null : Json.parse(r.asString());
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ": " + e.getMessage(), e);
        }
    }

    /** The object form's `clear(ctx)`, when Flink cleans the window up. */
    public void windowClear(Window w, FunctionHost windowHost, FunctionHost globalHost) {
        open();
        try {
            bridge.getMember("windowClear").execute(fn, start(w), end(w), maxTimestamp(w), windowHost, globalHost);
        } catch (PolyglotException e) {
            throw new RuntimeException(where() + ".clear: " + e.getMessage(), e);
        }
    }

    private static Long start(Window w) {
        return w instanceof TimeWindow ? ((TimeWindow) w).getStart() : null;
    }

    private static Long end(Window w) {
        return w instanceof TimeWindow ? ((TimeWindow) w).getEnd() : null;
    }

    private static double maxTimestamp(Window w) {
        return w.maxTimestamp() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : w.maxTimestamp();
    }
}
