package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `join.temporal`: Flink SQL's event-time temporal join (`JOIN r FOR SYSTEM_TIME AS OF l.rowtime`,
 * TemporalRowTimeJoinOperator), inner or left, as a KeyedCoProcessFunction — the same algorithm as
 * Eddy's node (engine/operators/join-temporal.ts). The right input is a versioned table: per key
 * each right row is the version valid from its rowtime on (a later row at the same rowtime
 * replaces it). Left rows wait until the watermark reaches their rowtime; then each joins the
 * latest version at or before its own rowtime when `condition(l, r)` holds, `{left, right}` (a
 * left join pads `right: null`), in arrival order, with the left row's kind. Versions older than
 * the newest at or before the watermark are then dropped. One event-time timer per key, at the
 * smallest rowtime waiting (left or right), drives it. State per key `temporal`: JSON text of
 * `{"left": [[rowtime, row, kind], …], "right": [[rowtime, row], …], "timer": t}`.
 */
public final class TemporalJoin extends KeyedCoProcessFunction<String, Object, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final boolean leftOuter;
    private final RowCondition condition;
    private transient ValueState<String> state;

    /** `type` is inner or left; `condition` null for none. */
    public TemporalJoin(String node, String type, RowCondition condition) {
        this.node = node;
        this.leftOuter = type.equals("left");
        this.condition = condition;
    }

    @Override
    public void open(OpenContext openContext) {
        if (condition != null) condition.open();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("temporal", Types.STRING));
    }

    @Override
    public void close() {
        if (condition != null) condition.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> load() throws Exception {
        String text = state.value();
        if (text != null) return (Map<String, Object>) Json.parse(text);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("left", new ArrayList<Object>());
        s.put("right", new ArrayList<Object>());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> list(Map<String, Object> s, String side) {
        return (List<List<Object>>) s.get(side);
    }

    private static long time(List<Object> entry) {
        return ((Number) entry.get(0)).longValue();
    }

    @Override
    public void processElement1(Object record, Context ctx, Collector<Object> out) throws Exception {
        process(record, ctx, true);
    }

    @Override
    public void processElement2(Object record, Context ctx, Collector<Object> out) throws Exception {
        process(record, ctx, false);
    }

    private void process(Object record, Context ctx, boolean isLeft) throws Exception {
        Long ts = ctx.timestamp();
        if (ts == null) throw new IllegalStateException("join.temporal node \"" + node + "\": rows need their rowtime (a " + (isLeft ? "left" : "versioned (right)") + " row has none; both tables need a WATERMARK)");
        long timestamp = ts;
        Map<String, Object> s = load();
        List<Object> entry = new ArrayList<>();
        entry.add(timestamp);
        entry.add(Changed.row(record));
        if (isLeft) {
            entry.add((long) Changed.kind(record));
            list(s, "left").add(entry);
        } else {
            List<List<Object>> right = list(s, "right");
            int i = 0;
            while (i < right.size() && time(right.get(i)) != timestamp) i++;
            if (i < right.size()) right.set(i, entry);
            else right.add(entry);
        }
        registerSmallest(ctx.timerService(), s, timestamp);
        state.update(Json.stringify(s));
    }

    private static void registerSmallest(TimerService timers, Map<String, Object> s, long time) {
        Object t = s.get("timer");
        if (t != null && ((Number) t).longValue() <= time) return;
        if (t != null) timers.deleteEventTimeTimer(((Number) t).longValue());
        timers.registerEventTimeTimer(time);
        s.put("timer", time);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        if (state.value() == null) return;
        Map<String, Object> s = load();
        s.remove("timer");
        long watermark = ctx.timerService().currentWatermark();
        List<List<Object>> versions = new ArrayList<>(list(s, "right"));
        versions.sort((a, b) -> Long.compare(time(a), time(b)));
        long next = Long.MAX_VALUE;
        boolean waitingAny = false;
        List<List<Object>> waiting = new ArrayList<>();
        for (List<Object> l : list(s, "left")) {
            long lt = time(l);
            if (lt > watermark) {
                waiting.add(l);
                next = Math.min(next, lt);
                waitingAny = true;
                continue;
            }
            // The latest version at or before the left row's time.
            List<Object> v = null;
            for (List<Object> x : versions) {
                if (time(x) <= lt) v = x;
                else break;
            }
            byte kind = ((Number) l.get(2)).byteValue();
            if (v != null && (condition == null || condition.test(l.get(1), v.get(1)))) out.collect(Changed.of(kind, pair(l.get(1), v.get(1))));
            else if (leftOuter) out.collect(Changed.of(kind, pair(l.get(1), null)));
        }
        s.put("left", waiting);
        // Keep the newest version at or before the watermark and every later one.
        int keepFrom = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (time(versions.get(i)) > watermark) {
                keepFrom = i;
                break;
            }
        }
        keepFrom = keepFrom < 0 ? versions.size() - 1 : keepFrom - 1;
        s.put("right", new ArrayList<>(versions.subList(Math.max(0, keepFrom), versions.size())));
        if (waitingAny) registerSmallest(ctx.timerService(), s, next);
        if (waiting.isEmpty() && versions.subList(Math.max(0, keepFrom), versions.size()).isEmpty()) state.clear();
        else state.update(Json.stringify(s));
    }

    private static Map<String, Object> pair(Object l, Object r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("left", l);
        m.put("right", r);
        return m;
    }
}
