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
 * `rank`: Flink SQL's non-windowed Top-N and deduplication as a KeyedProcessFunction, the same
 * algorithm as Eddy's node (engine/operators/rank.ts), whose changelog is Flink's:
 * - Top-N over an append-only input (AppendOnlyTopNFunction): each key keeps its best `limit`
 *   rows sorted by the `order` fields (ties in arrival order); a row entering the top N is `+I`
 *   after `-D` of the row it pushes out, a Top-1 `-U` of the old row and `+U` of the new one
 *   (FastTop1Function); with `rankNumber`, `-U`/`+U` for every rank whose row changes and `+I`
 *   for the rank the top N grows by.
 * - Top-N over a changelog (`retract`, RetractableTopNFunction): every row is kept; an
 *   accumulating row entering the top N is `+I` after `-D` of the row it pushes out, a retracted
 *   one of the top N `-D` then `+I` of the row moving up; with `rankNumber` each changed rank
 *   `-U`/`+U`, the rank it grows by `+I`, the one it shrinks by `-D`.
 * - Deduplication on event time by the rowtime field `order[0]` (Flink reads the row's rowtime
 *   column, which the ORDER BY names): keep-first (ascending, RowTimeDeduplicateKeepFirstRow)
 *   holds the earliest row until the watermark reaches it (late rows dropped), keep-last
 *   (descending, RowTimeDeduplicateFunction) is `+I`, then `-U`/`+U` for each row at an equal or
 *   later time. On processing time (ProcTimeDeduplicateKeepFirst / KeepLastRowFunction) arrival
 *   order decides, at once.
 * Sort values compare as JavaScript's `<` compares them (Eddy's order, also for values of mixed
 * types); NULL is the smallest value unless NULLS FIRST / LAST says. State per key: `topN`, JSON
 * text of `[[sortKey, [rows…]], …]` in order, and `dedup`, `{"row": …}` or `{"emitted": true}`.
 */
public final class Rank extends KeyedProcessFunction<String, Object, Object> {
    private static final long serialVersionUID = 1L;
    private static final byte INSERT = 0;
    private static final byte UPDATE_BEFORE = 1;
    private static final byte UPDATE_AFTER = 2;
    private static final byte DELETE = 3;

    private final String node;
    private final int limit;
    private final String rankNumber;
    private final boolean deduplicate;
    private final boolean processingTime;
    private final boolean retracting;
    private final ArrayList<String> fields = new ArrayList<>();
    private final ArrayList<Boolean> desc = new ArrayList<>();
    private final ArrayList<Boolean> nullFirst = new ArrayList<>();
    private transient ValueState<String> buffer;
    private transient ValueState<String> kept;

    public Rank(String node, int limit, String rankNumber, boolean deduplicate, boolean processingTime, boolean retract) {
        this.node = node;
        this.limit = limit;
        this.rankNumber = rankNumber;
        this.deduplicate = deduplicate;
        this.processingTime = processingTime;
        this.retracting = retract;
    }

    /** One sort field, most significant first; `nulls` is "first", "last" or null (NULL the smallest value). */
    public Rank orderBy(String field, boolean descending, String nulls) {
        fields.add(field);
        desc.add(descending);
        nullFirst.add(nulls != null ? nulls.equals("first") : !descending);
        return this;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer = getRuntimeContext().getState(new ValueStateDescriptor<>("topN", Types.STRING));
        kept = getRuntimeContext().getState(new ValueStateDescriptor<>("dedup", Types.STRING));
    }

    @Override
    public void processElement(Object record, Context ctx, Collector<Object> out) throws Exception {
        Object row = Changed.row(record);
        byte kind = Changed.kind(record);
        if (retracting) {
            boolean retract = kind == UPDATE_BEFORE || kind == DELETE;
            if (rankNumber != null) changeNumbered(row, retract, out);
            else if (retract) retractRow(row, out);
            else accumulateRow(row, out);
            return;
        }
        if (kind != INSERT) throw new IllegalStateException("rank node \"" + node + "\": Top-N and deduplication over a changelog (a " + Changed.op(record) + " row) need params.retract; rank an append-only table");
        if (deduplicate) dedup(row, ctx, out);
        else topN(row, out);
    }

    // ---- deduplication ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> keptState() throws Exception {
        String text = kept.value();
        return text == null ? null : (Map<String, Object>) Json.parse(text);
    }

    private void keep(Object row) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("row", row);
        kept.update(Json.stringify(s));
    }

    private double rowtime(Object row) {
        Object v = Records.get(row, fields.get(0));
        if (v instanceof Number) return ((Number) v).doubleValue();
        throw new IllegalArgumentException("rank node \"" + node + "\", params.orderBy[0].field: deduplication on event time needs a numeric rowtime in \"" + fields.get(0) + "\", got " + Json.stringify(v));
    }

    private void dedup(Object row, Context ctx, Collector<Object> out) throws Exception {
        Map<String, Object> state = keptState();
        boolean hasPre = state != null && state.containsKey("row");
        Object pre = hasPre ? state.get("row") : null;
        if (processingTime) {
            if (!hasPre) out.collect(row);
            else if (!desc.get(0)) return;
            else {
                out.collect(Changed.of(UPDATE_BEFORE, pre));
                out.collect(Changed.of(UPDATE_AFTER, row));
            }
            keep(row);
            return;
        }
        double t = rowtime(row);
        if (desc.get(0)) {
            // Keep-last: eager, a row with an equal or larger rowtime replaces the kept one.
            if (hasPre) {
                if (rowtime(pre) > t) return;
                out.collect(Changed.of(UPDATE_BEFORE, pre));
                out.collect(Changed.of(UPDATE_AFTER, row));
            } else out.collect(row);
            keep(row);
            return;
        }
        // Keep-first: the row with the smallest rowtime waits for the watermark to reach it; late rows are dropped.
        if (t < ctx.timerService().currentWatermark()) return;
        if (state != null && Boolean.TRUE.equals(state.get("emitted"))) return;
        if (hasPre) {
            double p = rowtime(pre);
            if (t >= p) return;
            ctx.timerService().deleteEventTimeTimer(timerOf(p));
        }
        ctx.timerService().registerEventTimeTimer(timerOf(t));
        keep(row);
    }

    private static long timerOf(double t) {
        return (long) Math.ceil(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        Map<String, Object> state = keptState();
        if (state == null || !state.containsKey("row")) return;
        out.collect(state.get("row"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("emitted", true);
        kept.update(Json.stringify(s));
    }

    // ---- Top-N ----

    /** One sort key's rows, in arrival order. */
    private static final class Entry {
        final List<Object> key;
        final List<Object> rows;

        Entry(List<Object> key, List<Object> rows) {
            this.key = key;
            this.rows = rows;
        }
    }

    @SuppressWarnings("unchecked")
    private List<Entry> load() throws Exception {
        List<Entry> out = new ArrayList<>();
        String text = buffer.value();
        if (text == null) return out;
        for (Object e : (List<Object>) Json.parse(text)) {
            List<Object> pair = (List<Object>) e;
            out.add(new Entry((List<Object>) pair.get(0), (List<Object>) pair.get(1)));
        }
        return out;
    }

    private void save(List<Entry> entries) throws Exception {
        if (entries.isEmpty()) {
            buffer.clear();
            return;
        }
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) list.add(List.of(e.key, e.rows));
        buffer.update(Json.stringify(list));
    }

    private List<Object> sortKey(Object row) {
        List<Object> key = new ArrayList<>();
        for (String f : fields) key.add(Records.get(row, f));
        return key;
    }

    private void topN(Object row, Collector<Object> out) throws Exception {
        List<Entry> buf = load();
        List<Object> key = sortKey(row);
        int count = 0;
        for (Entry e : buf) count += e.rows.size();
        // Flink's checkSortKeyInBufferRange: better than the worst key, or the top N is not full.
        if (!buf.isEmpty() && compare(key, buf.get(buf.size() - 1).key) >= 0 && count >= limit) return;
        int i = 0;
        while (i < buf.size() && compare(buf.get(i).key, key) < 0) i++;
        if (i < buf.size() && compare(buf.get(i).key, key) == 0) buf.get(i).rows.add(row);
        else {
            List<Object> rows = new ArrayList<>();
            rows.add(row);
            buf.add(i, new Entry(key, rows));
        }
        count++;
        if (rankNumber == null) {
            if (count > limit) {
                Entry last = buf.get(buf.size() - 1);
                Object retired = last.rows.remove(last.rows.size() - 1);
                if (last.rows.isEmpty()) buf.remove(buf.size() - 1);
                save(buf);
                if (retired == row || Json.stringify(retired).equals(Json.stringify(row))) return;
                if (limit == 1) {
                    // Top-1 (Flink's FastTop1Function): the partition key is unique, so the row replaces the old one.
                    out.collect(Changed.of(UPDATE_BEFORE, retired));
                    out.collect(Changed.of(UPDATE_AFTER, row));
                    return;
                }
                out.collect(Changed.of(DELETE, retired));
            } else save(buf);
            out.collect(row);
            return;
        }
        withRowNumber(buf, i, row, out);
    }

    /** Flink's processElementWithRowNumber: the ranks from the new row's down shift by one. */
    private void withRowNumber(List<Entry> buf, int at, Object row, Collector<Object> out) throws Exception {
        int rank = 0;
        int e = 0;
        Object current = row;
        for (; e < buf.size() && rank <= limit; e++) {
            List<Object> rows = buf.get(e).rows;
            if (e <= at) rank += rows.size();
            else {
                for (int k = 0; k < rows.size() && rank <= limit; k++) {
                    Object prev = rows.get(k);
                    out.collect(Changed.of(UPDATE_BEFORE, numbered(prev, rank)));
                    out.collect(Changed.of(UPDATE_AFTER, numbered(current, rank)));
                    current = prev;
                    rank++;
                }
            }
        }
        if (rank <= limit) out.collect(numbered(current, rank));
        // The sort keys after the last one visited are out of the top N.
        while (buf.size() > e) buf.remove(buf.size() - 1);
        save(buf);
    }

    /** The row at 0-based position `n` of the sorted rows, or null (`found[0]` says whether there is one). */
    private static Object at(List<Entry> buf, int n, boolean[] found) {
        for (Entry e : buf) {
            if (n < e.rows.size()) {
                found[0] = true;
                return e.rows.get(n);
            }
            n -= e.rows.size();
        }
        found[0] = false;
        return null;
    }

    /** Retractable Top-N: the row is kept whatever its rank; entering the top N it pushes the Nth out. */
    private void accumulateRow(Object row, Collector<Object> out) throws Exception {
        List<Entry> buf = load();
        List<Object> key = sortKey(row);
        int rank = 0;
        int i = 0;
        for (; i < buf.size() && compare(buf.get(i).key, key) <= 0; i++) rank += buf.get(i).rows.size();
        if (i > 0 && compare(buf.get(i - 1).key, key) == 0) buf.get(i - 1).rows.add(row);
        else {
            List<Object> rows = new ArrayList<>();
            rows.add(row);
            buf.add(i, new Entry(key, rows));
        }
        save(buf);
        if (rank >= limit) return;
        boolean[] found = new boolean[1];
        Object pushedOut = at(buf, limit, found);
        if (found[0]) out.collect(Changed.of(DELETE, pushedOut));
        out.collect(row);
    }

    /** Retractable Top-N: a row leaving the top N lets the next one move up into rank N. */
    private void retractRow(Object row, Collector<Object> out) throws Exception {
        List<Entry> buf = load();
        if (buf.isEmpty()) return;
        List<Object> key = sortKey(row);
        String text = Json.stringify(row);
        int rank = 0;
        for (int i = 0; i < buf.size(); i++) {
            List<Object> rows = buf.get(i).rows;
            if (compare(buf.get(i).key, key) != 0) {
                rank += rows.size();
                continue;
            }
            int k = indexOf(rows, text);
            if (k < 0) return;
            rows.remove(k);
            if (rows.isEmpty()) buf.remove(i);
            save(buf);
            if (rank + k >= limit) return;
            out.collect(Changed.of(DELETE, row));
            boolean[] found = new boolean[1];
            Object movedUp = at(buf, limit - 1, found);
            if (found[0]) out.collect(movedUp);
            return;
        }
    }

    private static int indexOf(List<Object> rows, String text) {
        for (int k = 0; k < rows.size(); k++) if (Json.stringify(rows.get(k)).equals(text)) return k;
        return -1;
    }

    /**
     * Retractable Top-N with row numbers: the row is added after the rows of its sort key, or the
     * first row equal to it removed; then, from its rank down to N, each rank whose row changed.
     */
    private void changeNumbered(Object row, boolean retract, Collector<Object> out) throws Exception {
        List<Entry> buf = load();
        List<Object> before = flat(buf);
        List<Object> key = sortKey(row);
        int at = 0;
        int i = 0;
        for (; i < buf.size() && compare(buf.get(i).key, key) < 0; i++) at += buf.get(i).rows.size();
        Entry same = i < buf.size() && compare(buf.get(i).key, key) == 0 ? buf.get(i) : null;
        if (retract) {
            int k = same == null ? -1 : indexOf(same.rows, Json.stringify(row));
            if (k < 0) return;
            same.rows.remove(k);
            if (same.rows.isEmpty()) buf.remove(i);
            at += k;
        } else if (same != null) {
            at += same.rows.size();
            same.rows.add(row);
        } else {
            List<Object> rows = new ArrayList<>();
            rows.add(row);
            buf.add(i, new Entry(key, rows));
        }
        save(buf);
        List<Object> after = flat(buf);
        // Ranks are 1-based: rank r held before[r - 1] and now holds after[r - 1].
        int r = at + 1;
        for (; r <= limit && r <= before.size() && r <= after.size(); r++) {
            out.collect(Changed.of(UPDATE_BEFORE, numbered(before.get(r - 1), r)));
            out.collect(Changed.of(UPDATE_AFTER, numbered(after.get(r - 1), r)));
        }
        if (r > limit) return;
        if (r <= after.size()) out.collect(numbered(after.get(r - 1), r));
        else if (r <= before.size()) out.collect(Changed.of(DELETE, numbered(before.get(r - 1), r)));
    }

    private static List<Object> flat(List<Entry> buf) {
        List<Object> out = new ArrayList<>();
        for (Entry e : buf) out.addAll(e.rows);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object numbered(Object row, int rank) {
        Map<String, Object> m = row instanceof Map ? new LinkedHashMap<>((Map<String, Object>) row) : new LinkedHashMap<>();
        m.put(rankNumber, (long) rank);
        return m;
    }

    // ---- order ----

    /**
     * Order of two sort keys: NULL where NULLS FIRST / NULLS LAST says; without it NULL is the
     * smallest value (first ascending, last descending), as in Flink. Other values compare as
     * JavaScript's `<` and `>` do (Eddy's engine): numbers by value, strings by UTF-16 code
     * units, and mixed types converted as JavaScript converts them (a number and a non-numeric
     * string are neither smaller nor larger: equal here).
     */
    int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < fields.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (strictlyEqual(x, y)) continue;
            if (x == null || y == null) return (x == null) == nullFirst.get(i) ? -1 : 1;
            int c = lessThan(x, y) ? -1 : lessThan(y, x) ? 1 : 0;
            if (c != 0) return desc.get(i) ? -c : c;
        }
        return 0;
    }

    /** JavaScript's `===` on JSON values (objects and arrays are never equal: they are distinct objects). */
    private static boolean strictlyEqual(Object x, Object y) {
        if (x == null || y == null) return x == y;
        if (x instanceof Number && y instanceof Number) return ((Number) x).doubleValue() == ((Number) y).doubleValue();
        if (x instanceof String || x instanceof Boolean) return x.equals(y);
        return x == y;
    }

    /** JavaScript's `x < y` on two non-null JSON values (the abstract relational comparison). */
    static boolean lessThan(Object x, Object y) {
        Object px = primitive(x);
        Object py = primitive(y);
        if (px instanceof String && py instanceof String) return ((String) px).compareTo((String) py) < 0;
        double a = toNumber(px);
        double b = toNumber(py);
        return a < b;
    }

    /** JavaScript's ToPrimitive (hint number) of a JSON value: objects and arrays become their strings. */
    @SuppressWarnings("unchecked")
    private static Object primitive(Object v) {
        if (v instanceof Map) return "[object Object]";
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (Object e : (List<Object>) v) {
                if (!first) sb.append(',');
                first = false;
                if (e == null) continue;
                Object p = primitive(e);
                sb.append(p instanceof String ? (String) p : p instanceof Number ? Json.stringify(p) : String.valueOf(p));
            }
            return sb.toString();
        }
        return v;
    }

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(?:Infinity|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /** JavaScript's ToNumber of a primitive JSON value (NaN when a string is not a number literal). */
    private static double toNumber(Object v) {
        if (v instanceof Number) return ((Number) v).doubleValue();
        if (v instanceof Boolean) return ((Boolean) v) ? 1 : 0;
        String s = ((String) v).strip();
        if (s.isEmpty()) return 0;
        try {
            if (s.matches("0[xX][0-9a-fA-F]+")) return new java.math.BigInteger(s.substring(2), 16).doubleValue();
            if (s.matches("0[oO][0-7]+")) return new java.math.BigInteger(s.substring(2), 8).doubleValue();
            if (s.matches("0[bB][01]+")) return new java.math.BigInteger(s.substring(2), 2).doubleValue();
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        if (!DECIMAL.matcher(s).matches()) return Double.NaN;
        if (s.endsWith("Infinity")) return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.parseDouble(s);
    }
}
