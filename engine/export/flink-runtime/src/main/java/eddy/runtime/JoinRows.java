package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;

/**
 * A changelog join side's rows under one key (RegularJoin, SemiAntiJoin): a multiset of rows by
 * their JSON text, each `[row, count, associations]` (how many rows of the other side it matches,
 * for outer, SEMI and ANTI joins) — Flink's OuterJoinRecordStateViews layout as Eddy keeps it
 * (engine/operators/join-rows.ts), one value state of JSON text per key and side.
 */
final class JoinRows {
    private JoinRows() {}

    /** The side's rows in insertion order (an empty map when the key has none). */
    @SuppressWarnings("unchecked")
    static Map<String, List<Object>> load(ValueState<String> state) throws Exception {
        String text = state.value();
        if (text == null) return new LinkedHashMap<>();
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) Json.parse(text)).entrySet()) out.put(e.getKey(), (List<Object>) e.getValue());
        return out;
    }

    static void save(ValueState<String> state, Map<String, List<Object>> rows) throws Exception {
        if (rows.isEmpty()) state.clear();
        else state.update(Json.stringify(rows));
    }

    static long count(List<Object> entry) {
        return ((Number) entry.get(1)).longValue();
    }

    static long associations(List<Object> entry) {
        return ((Number) entry.get(2)).longValue();
    }

    /** One more copy of `row`; its associations become `associations`. */
    static void add(ValueState<String> state, Object row, long associations) throws Exception {
        Map<String, List<Object>> rows = load(state);
        String text = Json.stringify(row);
        List<Object> entry = rows.get(text);
        if (entry == null) {
            entry = new ArrayList<>();
            entry.add(row);
            entry.add(1L);
            entry.add(associations);
            rows.put(text, entry);
        } else {
            entry.set(1, count(entry) + 1);
            entry.set(2, associations);
        }
        save(state, rows);
    }

    /** One copy of `row` fewer (a retraction of a row not held changes nothing). */
    static void retract(ValueState<String> state, Object row) throws Exception {
        String t = state.value();
        if (t == null) return;
        Map<String, List<Object>> rows = load(state);
        String text = Json.stringify(row);
        List<Object> entry = rows.get(text);
        if (entry == null) return;
        long c = count(entry) - 1;
        if (c == 0) rows.remove(text);
        else entry.set(1, c);
        save(state, rows);
    }
}
