package eddy.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * What a JavaScript function's `ctx` and `out` reach in Flink: keyed state (values as JSON text,
 * created on first use, with TTL), the TimerService, the collector and side outputs. One host per
 * function instance; the operator points it at the current call's context first.
 */
public final class FunctionHost {
    private final RuntimeContext runtime;
    private final String where;
    private final Map<String, ValueState<String>> values = new HashMap<>();
    private final Map<String, ListState<String>> lists = new HashMap<>();
    private final Map<String, MapState<String, String>> maps = new HashMap<>();
    private ReadOnlyBroadcastState<String, String> broadcastRead;
    private BroadcastState<String, String> broadcastWrite;
    private TimerService timers;
    private Collector<Object> out;
    private BiConsumer<String, Object> side;
    private java.util.function.LongSupplier watermark;
    private java.util.function.LongSupplier processingTime;
    /** A window function's state store (windowState() or globalState()); null = the runtime's keyed state. */
    private KeyedStateStore store;
    /** The function's operator state (it is a CheckpointedFunction); null where there is none. */
    private OperatorStateStore operatorStore;
    private final String prefix;

    public FunctionHost(RuntimeContext runtime, String where) {
        this(runtime, where, "");
    }

    /** `prefix` goes before every state name: a window's per-window and global state keep apart as in Eddy. */
    public FunctionHost(RuntimeContext runtime, String where, String prefix) {
        this.runtime = runtime;
        this.where = where;
        this.prefix = prefix;
    }

    /** Points the host at the current call. `timers` null = no timers (non-keyed). */
    public void enter(TimerService timers, Collector<Object> out, BiConsumer<String, Object> side) {
        this.timers = timers;
        this.out = out;
        this.side = side;
    }

    /**
     * Points the host at the broadcast state of a `process.broadcast` call: `write` null = read
     * only (processElement, onTimer). Each named state is the entries of JsBroadcastProcess.STATE
     * whose key starts with its name and a NUL; entries() follows that map's order, not insertion.
     */
    public void enterBroadcast(ReadOnlyBroadcastState<String, String> read, BroadcastState<String, String> write) {
        this.broadcastRead = read;
        this.broadcastWrite = write;
    }

    private BroadcastState<String, String> broadcastWritable(String name, String method) {
        if (broadcastWrite == null) throw new IllegalStateException(where + ": broadcast state \"" + name + "\"." + method + "(…): broadcast state is read-only in processElement and onTimer (Flink's ReadOnlyBroadcastState); change it in processBroadcastElement");
        return broadcastWrite;
    }

    public String broadcastGet(String name, String key) throws Exception { return broadcastRead.get(name + "\u0000" + key); }
    public boolean broadcastContains(String name, String key) throws Exception { return broadcastRead.contains(name + "\u0000" + key); }
    public void broadcastPut(String name, String key, String json) throws Exception { broadcastWritable(name, "put").put(name + "\u0000" + key, json); }
    public void broadcastRemove(String name, String key) throws Exception { broadcastWritable(name, "remove").remove(name + "\u0000" + key); }
    public void broadcastClear(String name) throws Exception {
        BroadcastState<String, String> state = broadcastWritable(name, "clear");
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : state.entries()) if (e.getKey().startsWith(name + "\u0000")) keys.add(e.getKey());
        for (String k : keys) state.remove(k);
    }
    public String broadcastEntries(String name) throws Exception {
        String prefix = name + "\u0000";
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : broadcastRead.immutableEntries()) {
            if (!e.getKey().startsWith(prefix)) continue;
            List<Object> pair = new ArrayList<>();
            pair.add(Json.parse(e.getKey().substring(prefix.length())));
            pair.add(Json.parse(e.getValue()));
            entries.add(pair);
        }
        return Json.stringify(entries);
    }

    /** Gives the host the function's operator state store (from CheckpointedFunction.initializeState). */
    public void enterOperatorState(OperatorStateStore operatorStore) {
        this.operatorStore = operatorStore;
    }

    /** `ctx.operatorState.list(name)` (getListState) or `.unionList(name)` (getUnionListState). */
    private ListState<String> operatorList(String name, boolean union) throws Exception {
        if (operatorStore == null) throw new IllegalStateException(where + ": ctx.operatorState is not available in this function on Flink");
        ListStateDescriptor<String> d = new ListStateDescriptor<>(name, Types.STRING);
        return union ? operatorStore.getUnionListState(d) : operatorStore.getListState(d);
    }

    public String operatorListGet(String name, boolean union) throws Exception {
        List<Object> items = new ArrayList<>();
        Iterable<String> it = operatorList(name, union).get();
        if (it != null) for (String s : it) items.add(Json.parse(s));
        return Json.stringify(items);
    }
    public void operatorListAdd(String name, boolean union, String json) throws Exception { operatorList(name, union).add(json); }
    @SuppressWarnings("unchecked")
    public void operatorListUpdate(String name, boolean union, String json) throws Exception {
        List<String> items = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(json)) items.add(Json.stringify(o));
        operatorList(name, union).update(items);
    }
    public void operatorListClear(String name, boolean union) throws Exception { operatorList(name, union).clear(); }

    /** Points the host at a context's clocks (a non-keyed function's: no timers). */
    public void enterWindow(java.util.function.LongSupplier watermark, java.util.function.LongSupplier processingTime) {
        this.timers = null;
        this.watermark = watermark;
        this.processingTime = processingTime;
    }

    /**
     * Points the host at a window function's context: its clocks, a state store (Flink's
     * windowState() or globalState(), scoped to the current key and window by Flink, so handles
     * are looked up on every access, never cached) and its side outputs.
     */
    public void enterWindow(java.util.function.LongSupplier watermark, java.util.function.LongSupplier processingTime, KeyedStateStore store, BiConsumer<String, Object> side) {
        this.timers = null;
        this.out = null;
        this.watermark = watermark;
        this.processingTime = processingTime;
        this.store = store;
        this.side = side;
    }

    private <D extends StateDescriptor<?, ?>> D ttl(D d, double ttlMs) {
        if (ttlMs > 0) d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis((long) ttlMs)).build());
        return d;
    }

    private RuntimeContext keyed() {
        if (runtime == null) throw new IllegalStateException(where + ": state needs a keyed input (key it with keyBy)");
        return runtime;
    }

    private ValueState<String> value(String name, double ttlMs) throws Exception {
        if (store != null) return store.getState(ttl(new ValueStateDescriptor<>(prefix + name, Types.STRING), ttlMs));
        return values.computeIfAbsent(name, n -> {
            ValueStateDescriptor<String> d = ttl(new ValueStateDescriptor<>(n, Types.STRING), ttlMs);
            return keyed().getState(d);
        });
    }

    private ListState<String> list(String name, double ttlMs) throws Exception {
        if (store != null) return store.getListState(ttl(new ListStateDescriptor<>(prefix + name, Types.STRING), ttlMs));
        return lists.computeIfAbsent(name, n -> {
            ListStateDescriptor<String> d = ttl(new ListStateDescriptor<>(n, Types.STRING), ttlMs);
            return keyed().getListState(d);
        });
    }

    private MapState<String, String> map(String name, double ttlMs) throws Exception {
        if (store != null) return store.getMapState(ttl(new MapStateDescriptor<>(prefix + name, Types.STRING, Types.STRING), ttlMs));
        return maps.computeIfAbsent(name, n -> {
            MapStateDescriptor<String, String> d = ttl(new MapStateDescriptor<>(n, Types.STRING, Types.STRING), ttlMs);
            return keyed().getMapState(d);
        });
    }

    public String valueGet(String name, double ttlMs) throws Exception { return value(name, ttlMs).value(); }
    public void valueUpdate(String name, double ttlMs, String json) throws Exception { value(name, ttlMs).update(json); }
    public void valueClear(String name, double ttlMs) throws Exception { value(name, ttlMs).clear(); }

    public String listGet(String name, double ttlMs) throws Exception {
        List<Object> items = new ArrayList<>();
        Iterable<String> it = list(name, ttlMs).get();
        if (it != null) for (String s : it) items.add(Json.parse(s));
        return Json.stringify(items);
    }
    public void listAdd(String name, double ttlMs, String json) throws Exception { list(name, ttlMs).add(json); }
    @SuppressWarnings("unchecked")
    public void listUpdate(String name, double ttlMs, String json) throws Exception {
        List<String> items = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(json)) items.add(Json.stringify(o));
        list(name, ttlMs).update(items);
    }
    public void listClear(String name, double ttlMs) throws Exception { list(name, ttlMs).clear(); }

    public String mapGet(String name, double ttlMs, String key) throws Exception { return map(name, ttlMs).get(key); }
    public void mapPut(String name, double ttlMs, String key, String json) throws Exception { map(name, ttlMs).put(key, json); }
    public void mapRemove(String name, double ttlMs, String key) throws Exception { map(name, ttlMs).remove(key); }
    public boolean mapHas(String name, double ttlMs, String key) throws Exception { return map(name, ttlMs).contains(key); }
    public void mapClear(String name, double ttlMs) throws Exception { map(name, ttlMs).clear(); }
    public String mapEntries(String name, double ttlMs) throws Exception {
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : map(name, ttlMs).entries()) {
            List<Object> pair = new ArrayList<>();
            pair.add(Json.parse(e.getKey()));
            pair.add(Json.parse(e.getValue()));
            entries.add(pair);
        }
        return Json.stringify(entries);
    }

    private TimerService timers() {
        if (timers == null) throw new IllegalStateException(where + ": timers need a keyed input (key it with keyBy)");
        return timers;
    }

    public void registerEventTime(double t) { timers().registerEventTimeTimer((long) t); }
    public void registerProcessingTime(double t) { timers().registerProcessingTimeTimer((long) t); }
    public void deleteEventTime(double t) { timers().deleteEventTimeTimer((long) t); }
    public void deleteProcessingTime(double t) { timers().deleteProcessingTimeTimer((long) t); }

    public double currentWatermark() {
        long w = timers == null && watermark != null ? watermark.getAsLong() : timers().currentWatermark();
        return w == Long.MIN_VALUE ? Double.NEGATIVE_INFINITY : w;
    }

    public double currentProcessingTime() {
        if (timers != null) return timers.currentProcessingTime();
        return processingTime != null ? processingTime.getAsLong() : System.currentTimeMillis();
    }

    public void collect(String json) {
        if (out == null) throw new IllegalStateException(where + ": a window function returns its results (or emits on a side output with ctx.output)");
        out.collect(Json.parse(json));
    }

    public void output(String tag, String json) {
        if (tag == null || tag.isEmpty() || tag.equals("out")) throw new IllegalArgumentException(where + ": out.output(tag, value) needs a side-output tag other than \"out\"");
        side.accept(tag, Json.parse(json));
    }
}
