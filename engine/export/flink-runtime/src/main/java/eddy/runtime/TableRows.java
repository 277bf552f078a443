package eddy.runtime;

import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * The input of a node Flink's SQL planner runs (rank, join.regular, join.semiAnti,
 * join.temporal): each record as a table row `(k, v, o0, o1, …)` with its row kind — `k` the key's
 * JSON text (the node's key selector), `v` the record's JSON text, `o<i>` the i-th sort field in an
 * order-preserving text (null stays NULL, which Flink sorts as the smallest value, as Eddy does).
 * The schema adds `rt`, the record's timestamp as the rowtime with the stream's own watermarks
 * (temporal joins, deduplication on event time), or `pt AS PROCTIME()`.
 */
public final class TableRows implements MapFunction<Object, Row> {
    private static final long serialVersionUID = 1L;

    private final KeySelector<Object, String> key;
    private final String[] order;

    public TableRows(KeySelector<Object, String> key, List<String> order) {
        this.key = key;
        this.order = order.toArray(new String[0]);
    }

    @Override
    public Row map(Object record) throws Exception {
        Object value = Changed.row(record);
        Row row = new Row(RowKind.fromByteValue(Changed.kind(record)), 2 + order.length);
        row.setField(0, key.getKey(record));
        row.setField(1, Json.stringify(value));
        for (int i = 0; i < order.length; i++) row.setField(2 + i, sortable(Records.get(value, order[i])));
        return row;
    }

    /** The rows' type: `k`, `v` and `sortFields` columns `o<i>`, all STRING. */
    public static TypeInformation<Row> type(int sortFields) {
        String[] names = new String[2 + sortFields];
        TypeInformation<?>[] types = new TypeInformation<?>[names.length];
        names[0] = "k";
        names[1] = "v";
        for (int i = 0; i < sortFields; i++) names[2 + i] = "o" + i;
        java.util.Arrays.fill(types, Types.STRING);
        return Types.ROW_NAMED(names, types);
    }

    /**
     * The table's schema: the columns of {@link #type}, `k` NOT NULL when it is a versioned table's
     * primary key, and the time attribute `time` asks for: "event" (`rt`, the rowtime, with the
     * stream's watermarks), "processing" (`pt`) or none.
     */
    public static Schema schema(int sortFields, String time, boolean primaryKey) {
        Schema.Builder b = Schema.newBuilder().column("k", primaryKey ? DataTypes.STRING().notNull() : DataTypes.STRING()).column("v", DataTypes.STRING());
        for (int i = 0; i < sortFields; i++) b.column("o" + i, DataTypes.STRING());
        if ("event".equals(time)) b.columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime").watermark("rt", "SOURCE_WATERMARK()");
        if ("processing".equals(time)) b.columnByExpression("pt", "PROCTIME()");
        if (primaryKey) b.primaryKey("k");
        return b.build();
    }

    /**
     * A text whose order is Eddy's order of the values for values of one type: numbers by value
     * (the IEEE bits made sortable), strings by their characters, then booleans; values of
     * different types order by type (booleans, numbers, strings, others) where JavaScript's `<`
     * would convert one.
     */
    static String sortable(Object v) {
        if (v == null) return null;
        if (v instanceof Boolean) return ((Boolean) v) ? "0t" : "0f";
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (d == 0) d = 0.0;
            long bits = Double.doubleToLongBits(d);
            bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
            return "1" + String.format("%016x", bits);
        }
        if (v instanceof String) return "2" + v;
        return "3" + Json.stringify(v);
    }
}
