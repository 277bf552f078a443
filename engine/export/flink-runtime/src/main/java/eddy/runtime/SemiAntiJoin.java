package eddy.runtime;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `join.semiAnti`: Flink SQL's regular SEMI / ANTI join (StreamingSemiAntiJoinOperator) as a
 * KeyedCoProcessFunction, the same algorithm as Eddy's node (engine/operators/join-semi-anti.ts).
 * Left rows pass through with their own kind: SEMI keeps those with at least one right row of the
 * key for which the optional `condition(l, r)` is TRUE, ANTI those with none. Both sides stay in
 * keyed state (`left`, `right`: JoinRows; a left row with the number of right rows it matches):
 * - a left row (any kind) is emitted when it matches (SEMI) / does not match (ANTI) right now;
 * - an accumulating right row (+I/+U) makes each left row it is the first match of appear (SEMI:
 *   with the right row's kind) or disappear (ANTI: `-D`);
 * - a retracting right row (-U/-D) makes each left row it was the last match of disappear (SEMI:
 *   with the right row's kind) or come back (ANTI: `+I`).
 */
public final class SemiAntiJoin extends KeyedCoProcessFunction<String, Object, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final boolean anti;
    private final RowCondition condition;
    private transient ValueState<String> left;
    private transient ValueState<String> right;

    /** `type` is semi or anti; `condition` null for none. */
    public SemiAntiJoin(String type, RowCondition condition) {
        this.anti = type.equals("anti");
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

    private boolean matches(Object l, Object r) {
        return condition == null || condition.test(l, r);
    }

    @Override
    public void processElement1(Object record, Context ctx, Collector<Object> out) throws Exception {
        Object value = Changed.row(record);
        byte kind = Changed.kind(record);
        long matches = 0;
        for (List<Object> entry : JoinRows.load(right).values()) if (matches(value, entry.get(0))) matches += JoinRows.count(entry);
        if ((matches > 0) != anti) out.collect(Changed.of(kind, value));
        if (kind == 0 || kind == 2) JoinRows.add(left, value, matches);
        else JoinRows.retract(left, value);
    }

    @Override
    public void processElement2(Object record, Context ctx, Collector<Object> out) throws Exception {
        Object value = Changed.row(record);
        byte kind = Changed.kind(record);
        boolean accumulate = kind == 0 || kind == 2;
        if (accumulate) JoinRows.add(right, value, 0);
        else JoinRows.retract(right, value);
        Map<String, List<Object>> lefts = JoinRows.load(left);
        if (lefts.isEmpty()) return;
        boolean changed = false;
        for (List<Object> entry : lefts.values()) {
            Object row = entry.get(0);
            long count = JoinRows.count(entry);
            long associations = JoinRows.associations(entry);
            if (!matches(row, value)) continue;
            changed = true;
            // The row appears (SEMI) / disappears (ANTI) on its first match, and the reverse on its last.
            boolean flips = accumulate ? associations == 0 : associations == 1;
            if (flips) {
                byte kindOut = accumulate ? (anti ? 3 : kind) : (anti ? 0 : kind);
                for (long i = 0; i < count; i++) out.collect(Changed.of(kindOut, row));
            }
            entry.set(2, associations + (accumulate ? 1 : -1));
        }
        if (changed) JoinRows.save(left, lefts);
    }
}
