package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `join.regular`: Flink SQL's regular join on equality keys (StreamingJoinOperator, its
 * JoinHelper's changelog) — inner, left, right or full outer, over append-only or changelog
 * inputs — as a KeyedCoProcessFunction, the same algorithm as Eddy's node
 * (engine/operators/join-regular.ts). A left row and a right row of one key join when the optional
 * `condition(l, r)` is TRUE; each result is `{left, right}`, null on a padded side. Both sides stay
 * in keyed state for ever (`left`, `right`: JoinRows), each distinct row with its multiplicity
 * and, on an outer side, its associations:
 * - an accumulating row (+I/+U) on an outer side: `+I[row+null]` when nothing matches, else
 *   `+I[row+other]` per match after `-D[null+other]` for each padded match of an outer other side;
 * - on an inner side: nothing without matches; else `-D[null+other]` as above and `+I[row+other]`
 *   when the other side is outer, otherwise the row's own kind;
 * - a retracting row (-U/-D): `-D[row+null]` on an outer side without matches; else `-D[row+other]`
 *   (outer side) or the row's own kind (inner side) per match, then `+I[null+other]` for each
 *   match of an outer other side whose last association it was.
 */
public final class RegularJoin extends KeyedCoProcessFunction<String, Object, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final boolean leftOuter;
    private final boolean rightOuter;
    private final RowCondition condition;
    private transient ValueState<String> left;
    private transient ValueState<String> right;

    /** `type` is inner, left, right or full; `condition` null for none. */
    public RegularJoin(String type, RowCondition condition) {
        this.leftOuter = type.equals("left") || type.equals("full");
        this.rightOuter = type.equals("right") || type.equals("full");
        this.condition = condition;
    }

    @Override
    public void open(OpenContext openContext) {
        if (condition != null) condition.open();
        left = getRuntimeContext().getState(new ValueStateDescriptor<>("left", Types.STRING));
        right = getRuntimeContext().getState(new ValueStateDescriptor<>("right", Types.STRING));
    }

    @Override
    public void close() {
        if (condition != null) condition.close();
    }

    @Override
    public void processElement1(Object value, Context ctx, Collector<Object> out) throws Exception {
        process(value, out, true);
    }

    @Override
    public void processElement2(Object value, Context ctx, Collector<Object> out) throws Exception {
        process(value, out, false);
    }

    private static Map<String, Object> pair(Object l, Object r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("left", l);
        m.put("right", r);
        return m;
    }

    private void process(Object record, Collector<Object> out, boolean isLeft) throws Exception {
        Object value = Changed.row(record);
        byte kind = Changed.kind(record);
        boolean inputOuter = isLeft ? leftOuter : rightOuter;
        boolean otherOuter = isLeft ? rightOuter : leftOuter;
        ValueState<String> ours = isLeft ? left : right;
        ValueState<String> others = isLeft ? right : left;
        boolean accumulate = kind == 0 || kind == 2;
        Map<String, List<Object>> otherState = JoinRows.load(others);
        // The other side's rows that match, one entry per copy, with their associations as read now.
        List<Object[]> matched = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : otherState.entrySet()) {
            Object row = e.getValue().get(0);
            if (condition != null && !condition.test(isLeft ? value : row, isLeft ? row : value)) continue;
            long count = JoinRows.count(e.getValue());
            for (long i = 0; i < count; i++) matched.add(new Object[] {row, JoinRows.associations(e.getValue()), e.getKey()});
        }
        if (accumulate) {
            if (inputOuter && matched.isEmpty()) {
                out.collect(isLeft ? pair(value, null) : pair(null, value));
                JoinRows.add(ours, value, 0);
                return;
            }
            if (!inputOuter) JoinRows.add(ours, value, 0);
            if (matched.isEmpty()) return;
            if (otherOuter) {
                for (Object[] m : matched) {
                    long associations = (Long) m[1];
                    if (associations == 0) out.collect(Changed.of((byte) 3, isLeft ? pair(null, m[0]) : pair(m[0], null)));
                    otherState.get((String) m[2]).set(2, associations + 1);
                }
                JoinRows.save(others, otherState);
            }
            byte kindOut = inputOuter || otherOuter ? 0 : kind;
            for (Object[] m : matched) out.collect(Changed.of(kindOut, isLeft ? pair(value, m[0]) : pair(m[0], value)));
            if (inputOuter) JoinRows.add(ours, value, matched.size());
            return;
        }
        JoinRows.retract(ours, value);
        if (matched.isEmpty()) {
            if (inputOuter) out.collect(Changed.of((byte) 3, isLeft ? pair(value, null) : pair(null, value)));
            return;
        }
        byte kindOut = inputOuter ? 3 : kind;
        for (Object[] m : matched) out.collect(Changed.of(kindOut, isLeft ? pair(value, m[0]) : pair(m[0], value)));
        if (otherOuter) {
            for (Object[] m : matched) {
                long associations = (Long) m[1];
                if (associations == 1) out.collect(isLeft ? pair(null, m[0]) : pair(m[0], null));
                otherState.get((String) m[2]).set(2, associations - 1);
            }
            JoinRows.save(others, otherState);
        }
    }
}
