package eddy.runtime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A `sink.collect` of a SQL script: the line `eddy run SCRIPT.sql` prints,
 * `{"sink":…,"op":"+I","value":{…}}` — the sink table's columns in order, a DECIMAL(p, s) column
 * with exactly s decimals (JavaScript's `toFixed`), everything else as JSON.
 */
public final class SqlRowLine implements MapFunction<Object, String> {
    private static final long serialVersionUID = 1L;

    private final String sink;
    private final String[] columns;
    /** The scale of each DECIMAL column, -1 for the others. */
    private final int[] scales;

    public SqlRowLine(String sink, List<String> columns, List<Integer> scales) {
        this.sink = sink;
        this.columns = columns.toArray(new String[0]);
        this.scales = scales.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String map(Object record) {
        Object value = Changed.row(record);
        StringBuilder b = new StringBuilder("{\"sink\":").append(Json.stringify(sink)).append(",\"op\":\"").append(Changed.op(record)).append("\",\"value\":");
        if (!(value instanceof Map)) return b.append(Json.stringify(value)).append('}').toString();
        Map<?, ?> row = (Map<?, ?>) value;
        b.append('{');
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) b.append(',');
            b.append(Json.stringify(columns[i])).append(':');
            Object v = row.get(columns[i]);
            if (v == null) b.append("null");
            else if (scales[i] >= 0 && v instanceof Number) b.append(fixed((Number) v, scales[i]));
            else b.append(Json.stringify(v));
        }
        return b.append("}}").toString();
    }

    /** JavaScript's `x.toFixed(scale)`: the exact binary value rounded half away from zero. */
    static String fixed(Number n, int scale) {
        double d = n.doubleValue();
        if (n instanceof Double || n instanceof Float) {
            if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e21) return Json.stringify(d);
            return new BigDecimal(d).setScale(scale, RoundingMode.HALF_UP).toPlainString();
        }
        return BigDecimal.valueOf(n.longValue()).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
