package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `groupAggregate`: Flink SQL's non-windowed GROUP BY (GroupAggFunction) as a
 * KeyedProcessFunction, emitting the changelog of each key's result row as Eddy's node does: the
 * key's first row `+I`, later rows `-U` of the old result and `+U` of the new one (nothing when no
 * aggregate changed), `-D` when retractions take the key's row count to 0 (its state is cleared);
 * a retraction for a key without state is ignored. The result holds the `keys` fields and one
 * field per aggregate. COUNT(*) (no field), COUNT, SUM, MIN, MAX, AVG, each optionally DISTINCT;
 * NULL arguments are skipped. The accumulators are one keyed value state `groupAgg` of JSON text,
 * `{"n": rows, "a": [count | [sum, count] | {json: [value, multiplicity]}]}`, as Eddy keeps them.
 */
public final class GroupAggregate extends KeyedProcessFunction<String, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final ArrayList<String> keys;
    private final ArrayList<String> names = new ArrayList<>();
    private final ArrayList<String> fns = new ArrayList<>();
    private final ArrayList<String> fields = new ArrayList<>();
    private final ArrayList<Boolean> distinct = new ArrayList<>();
    private final ArrayList<Boolean> integer = new ArrayList<>();
    private transient ValueState<String> state;

    public GroupAggregate(String node, List<String> keys) {
        this.node = node;
        this.keys = new ArrayList<>(keys);
    }

    /** One aggregate: `fn` of `field` (null for COUNT(*)) named `name`; `integer` truncates an AVG. */
    public GroupAggregate add(String name, String fn, String field, boolean distinct, boolean integer) {
        names.add(name);
        fns.add(fn);
        fields.add(field);
        this.distinct.add(distinct);
        this.integer.add(integer);
        return this;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("groupAgg", Types.STRING));
    }

    /** Which accumulator aggregate i keeps: rows, count, sum or multiset. */
    private String accumulator(int i) {
        if (fields.get(i) == null) return "rows";
        if (distinct.get(i) || fns.get(i).equals("min") || fns.get(i).equals("max")) return "multiset";
        return fns.get(i).equals("count") ? "count" : "sum";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(Object record, Context ctx, Collector<Object> out) throws Exception {
        Object value = Changed.row(record);
        boolean retract = Changed.isRetraction(record);
        String text = state.value();
        Map<String, Object> acc;
        List<Object> before = null;
        if (text == null) {
            if (retract) return;
            acc = new LinkedHashMap<>();
            acc.put("n", 0L);
            List<Object> slots = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String a = accumulator(i);
                slots.add(a.equals("multiset") ? new LinkedHashMap<String, Object>() : a.equals("sum") ? new ArrayList<Object>(List.of(0L, 0L)) : (Object) 0L);
            }
            acc.put("a", slots);
        } else {
            acc = (Map<String, Object>) Json.parse(text);
            before = results(acc);
        }
        apply(acc, value, retract ? -1 : 1);
        if (((Number) acc.get("n")).longValue() != 0) {
            state.update(Json.stringify(acc));
            List<Object> after = results(acc);
            if (before == null) out.collect(row(value, after));
            else if (!Json.stringify(before).equals(Json.stringify(after))) {
                out.collect(Changed.of((byte) 1, row(value, before)));
                out.collect(Changed.of((byte) 2, row(value, after)));
            }
        } else {
            if (before != null) out.collect(Changed.of((byte) 3, row(value, before)));
            state.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(Map<String, Object> acc, Object value, int sign) {
        acc.put("n", ((Number) acc.get("n")).longValue() + sign);
        List<Object> slots = (List<Object>) acc.get("a");
        for (int i = 0; i < names.size(); i++) {
            String a = accumulator(i);
            if (a.equals("rows")) continue;
            Object v = Records.get(value, fields.get(i));
            if (v == null) continue;
            if (a.equals("count")) slots.set(i, ((Number) slots.get(i)).longValue() + sign);
            else if (a.equals("sum")) {
                List<Object> s = (List<Object>) slots.get(i);
                s.set(0, Records.num(((Number) s.get(0)).doubleValue() + sign * number(v, i)));
                s.set(1, ((Number) s.get(1)).longValue() + sign);
            } else {
                Map<String, Object> m = (Map<String, Object>) slots.get(i);
                String k = Json.stringify(v);
                List<Object> entry = (List<Object>) m.get(k);
                if (entry == null) {
                    if (sign > 0) m.put(k, new ArrayList<>(List.of(v, 1L)));
                } else {
                    long c = ((Number) entry.get(1)).longValue() + sign;
                    if (c == 0) m.remove(k);
                    else entry.set(1, c);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> results(Map<String, Object> acc) {
        List<Object> slots = (List<Object>) acc.get("a");
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String a = accumulator(i);
            String fn = fns.get(i);
            Object slot = slots.get(i);
            if (a.equals("rows")) out.add(acc.get("n"));
            else if (a.equals("count")) out.add(slot);
            else if (a.equals("sum")) {
                List<Object> s = (List<Object>) slot;
                double sum = ((Number) s.get(0)).doubleValue();
                long count = ((Number) s.get(1)).longValue();
                if (count == 0) out.add(fn.equals("count") ? (Object) 0L : null);
                else out.add(fn.equals("avg") ? average(sum, count, integer.get(i)) : Records.num(sum));
            } else {
                List<Object> values = new ArrayList<>();
                for (Object e : ((Map<String, Object>) slot).values()) values.add(((List<Object>) e).get(0));
                if (fn.equals("count")) out.add((long) values.size());
                else if (values.isEmpty()) out.add(null);
                else if (fn.equals("min") || fn.equals("max")) {
                    Object best = values.get(0);
                    for (Object v : values) {
                        int c = Records.compare(v, best, where(i));
                        if (fn.equals("min") ? c < 0 : c > 0) best = v;
                    }
                    out.add(best);
                } else {
                    double sum = 0;
                    for (Object v : values) sum += number(v, i);
                    out.add(fn.equals("avg") ? average(sum, values.size(), integer.get(i)) : Records.num(sum));
                }
            }
        }
        return out;
    }

    private Map<String, Object> row(Object value, List<Object> results) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String k : keys) row.put(k, Records.get(value, k));
        for (int i = 0; i < names.size(); i++) row.put(names.get(i), results.get(i));
        return row;
    }

    private String where(int i) {
        return "groupAggregate node \"" + node + "\", params.aggregates[" + i + "].field: " + fns.get(i);
    }

    private double number(Object v, int i) {
        if (v instanceof Number) return ((Number) v).doubleValue();
        throw new IllegalArgumentException(where(i) + " needs numbers in \"" + fields.get(i) + "\", got " + Json.stringify(v));
    }

    private static Object average(double sum, long count, boolean integer) {
        double avg = sum / count;
        return Records.num(integer ? (avg < 0 ? Math.ceil(avg) : Math.floor(avg)) : avg);
    }
}
