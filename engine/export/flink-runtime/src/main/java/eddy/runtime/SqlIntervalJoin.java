package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.util.Collector;

/**
 * `join.sqlInterval`: Flink SQL's event-time interval join (RowTimeIntervalJoin) — inner, left,
 * right or full outer — as a KeyedCoProcessFunction, the same algorithm as Eddy's node. A left row
 * `l` and a right row `r` of one key join when `l.ts + lower ≤ r.ts ≤ l.ts + upper` and the
 * optional `condition(l, r)` is true; the result is `{left, right}`, null on the side an outer row
 * is padded on. Each side's rows wait in a map state by time (`left`, `right`: JSON text of
 * `[[row, emitted], …]`) until the other side's watermark passes their interval; a cleanup timer
 * per side and key (`cleanup`) then removes them, padding the outer side's unmatched rows. Run it
 * through `operator(…)`: the watermark leaves held back by `max(leftSize, rightSize)`, as Flink's
 * KeyedCoProcessOperatorWithWatermarkDelay holds it, so padded rows are never late downstream.
 */
public final class SqlIntervalJoin extends KeyedCoProcessFunction<String, Object, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final boolean leftOuter;
    private final boolean rightOuter;
    /** Flink's leftRelativeSize (l.ts ≥ r.ts − leftSize) and rightRelativeSize (l.ts ≤ r.ts + rightSize). */
    private final long leftSize;
    private final long rightSize;
    private final long cleanUpInterval;
    private final JsFunction condition;
    private transient MapState<Long, String> left;
    private transient MapState<Long, String> right;
    private transient ValueState<String> cleanup;
    private transient long leftExpiration;
    private transient long rightExpiration;

    public SqlIntervalJoin(String node, String type, long lowerMs, long upperMs, boolean hasCondition) {
        this.node = node;
        this.leftOuter = type.equals("left") || type.equals("full");
        this.rightOuter = type.equals("right") || type.equals("full");
        this.leftSize = upperMs;
        this.rightSize = -lowerMs;
        this.cleanUpInterval = (leftSize + rightSize) / 2;
        this.condition = hasCondition ? new JsFunction(node, "condition") : null;
    }

    /** The join as Flink SQL runs it: a KeyedCoProcessOperator whose output watermark is held back. */
    public static KeyedCoProcessOperator<String, Object, Object, Object> operator(SqlIntervalJoin join) {
        long delay = Math.max(join.leftSize, join.rightSize);
        return new KeyedCoProcessOperator<>(join, delay == 0
                ? AbstractStreamOperator.OutputAdjustment.noAdjustment()
                : AbstractStreamOperator.OutputAdjustment.delayedWatermarkOutput(delay));
    }

    @Override
    public void open(OpenContext openContext) {
        if (condition != null) condition.open();
        left = getRuntimeContext().getMapState(new MapStateDescriptor<>("left", Types.LONG, Types.STRING));
        right = getRuntimeContext().getMapState(new MapStateDescriptor<>("right", Types.LONG, Types.STRING));
        cleanup = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup", Types.STRING));
        leftExpiration = Long.MIN_VALUE;
        rightExpiration = Long.MIN_VALUE;
    }

    @Override
    public void close() {
        if (condition != null) condition.close();
    }

    @Override
    public void processElement1(Object value, Context ctx, Collector<Object> out) throws Exception {
        process(value, ctx, out, true);
    }

    @Override
    public void processElement2(Object value, Context ctx, Collector<Object> out) throws Exception {
        process(value, ctx, out, false);
    }

    /** Flink's operator time: the watermark, 0 before the first one. */
    private static long time(TimerService timers) {
        long wm = timers.currentWatermark();
        return wm > 0 ? wm : 0L;
    }

    private boolean matches(Object l, Object r) {
        return condition == null || Boolean.TRUE.equals(condition.call(l, r));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(String text) {
        return (List<List<Object>>) Json.parse(text);
    }

    private void process(Object record, Context ctx, Collector<Object> out, boolean isLeft) throws Exception {
        Long ts = ctx.timestamp();
        if (ts == null) throw new IllegalStateException("join.sqlInterval node \"" + node + "\": rows need their rowtime (a " + (isLeft ? "left" : "right") + " row has none; both tables need a WATERMARK)");
        long timestamp = ts;
        Object value = Changed.row(record);
        long time = time(ctx.timerService());
        MapState<Long, String> ours = isLeft ? left : right;
        MapState<Long, String> others = isLeft ? right : left;
        long lower = isLeft ? timestamp - rightSize : timestamp - leftSize;
        long upper = isLeft ? timestamp + leftSize : timestamp + rightSize;
        boolean otherOuter = isLeft ? rightOuter : leftOuter;
        boolean emitted = false;
        long expiration = isLeft ? rightExpiration : leftExpiration;
        if (expiration < upper) {
            long exp = expirationTime(time, isLeft ? rightSize : leftSize);
            if (isLeft) rightExpiration = exp;
            else leftExpiration = exp;
            List<Map.Entry<Long, String>> cached = new ArrayList<>();
            for (Map.Entry<Long, String> e : others.entries()) cached.add(Map.entry(e.getKey(), e.getValue()));
            for (Map.Entry<Long, String> e : cached) {
                long t = e.getKey();
                List<List<Object>> rows = rows(e.getValue());
                if (t >= lower && t <= upper) {
                    boolean updated = false;
                    for (List<Object> c : rows) {
                        Object l = isLeft ? value : c.get(0);
                        Object r = isLeft ? c.get(0) : value;
                        if (!matches(l, r)) continue;
                        emitted = true;
                        out.collect(pair(l, r));
                        if (otherOuter && !Boolean.TRUE.equals(c.get(1))) {
                            c.set(1, true);
                            updated = true;
                        }
                    }
                    if (updated) others.put(t, Json.stringify(rows));
                }
                if (t <= exp) {
                    if (otherOuter) for (List<Object> c : rows) if (!Boolean.TRUE.equals(c.get(1))) out.collect(pad(c.get(0), !isLeft));
                    others.remove(t);
                }
            }
        }
        if (time < upper) {
            String bucket = ours.get(timestamp);
            List<List<Object>> rows = bucket == null ? new ArrayList<>() : rows(bucket);
            List<Object> entry = new ArrayList<>();
            entry.add(value);
            entry.add(emitted);
            rows.add(entry);
            ours.put(timestamp, Json.stringify(rows));
            Map<String, Object> timers = timers();
            // Flink keeps the cleanup timer of a side's cache in the OTHER side's timer state.
            if (!timers.containsKey(isLeft ? "right" : "left")) registerCleanUp(ctx.timerService(), timers, timestamp, isLeft);
        } else if (!emitted && (isLeft ? leftOuter : rightOuter)) {
            out.collect(pad(value, isLeft));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> timers() throws Exception {
        String text = cleanup.value();
        return text == null ? new LinkedHashMap<>() : (Map<String, Object>) Json.parse(text);
    }

    private void registerCleanUp(TimerService service, Map<String, Object> timers, long rowTime, boolean leftRow) throws Exception {
        long at = rowTime + (leftRow ? leftSize : rightSize) + cleanUpInterval + 1;
        service.registerEventTimeTimer(at);
        timers.put(leftRow ? "right" : "left", at);
        cleanup.update(Json.stringify(timers));
    }

    private static Map<String, Object> pair(Object l, Object r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("left", l);
        m.put("right", r);
        return m;
    }

    private static Map<String, Object> pad(Object row, boolean isLeft) {
        return isLeft ? pair(row, null) : pair(null, row);
    }

    @Override
    public void onTimer(long at, OnTimerContext ctx, Collector<Object> out) throws Exception {
        long time = time(ctx.timerService());
        if (cleanup.value() == null) return;
        Map<String, Object> timers = timers();
        if (at(timers, "left") == at) {
            rightExpiration = expirationTime(time, rightSize);
            removeExpired(ctx.timerService(), out, rightExpiration, right, timers, "left", false);
        }
        if (at(timers, "right") == at) {
            leftExpiration = expirationTime(time, leftSize);
            removeExpired(ctx.timerService(), out, leftExpiration, left, timers, "right", true);
        }
    }

    private static long at(Map<String, Object> timers, String slot) {
        Object v = timers.get(slot);
        return v instanceof Number ? ((Number) v).longValue() : Long.MIN_VALUE;
    }

    private void removeExpired(TimerService service, Collector<Object> out, long expiration, MapState<Long, String> cache, Map<String, Object> timers, String slot, boolean removeLeft) throws Exception {
        Long earliest = null;
        boolean outer = removeLeft ? leftOuter : rightOuter;
        List<Map.Entry<Long, String>> cached = new ArrayList<>();
        for (Map.Entry<Long, String> e : cache.entries()) cached.add(Map.entry(e.getKey(), e.getValue()));
        for (Map.Entry<Long, String> e : cached) {
            long t = e.getKey();
            if (t <= expiration) {
                if (outer) for (List<Object> c : rows(e.getValue())) if (!Boolean.TRUE.equals(c.get(1))) out.collect(pad(c.get(0), removeLeft));
                cache.remove(t);
            } else if (earliest == null || t < earliest) earliest = t;
        }
        timers.remove(slot);
        if (earliest != null) registerCleanUp(service, timers, earliest, removeLeft);
        else if (timers.isEmpty()) cleanup.clear();
        else cleanup.update(Json.stringify(timers));
    }

    /** Flink's calExpirationTime: rows at or before it can no longer join (the end of input expires all). */
    private static long expirationTime(long operatorTime, long relativeSize) {
        return operatorTime < Long.MAX_VALUE ? operatorTime - relativeSize - 1 : Long.MAX_VALUE;
    }
}
