package eddy.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.api.Expressions;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.types.Row;

/**
 * A changelog row of a SQL query as the line `eddy run SCRIPT.sql` prints:
 * `{"sink":…,"op":"+I","value":{…}}` — timestamps in SQL format with their precision
 * (`TIMESTAMP_LTZ` in UTC), DECIMAL with its scale, doubles as JavaScript prints them, NULL as null.
 */
public final class RowLine implements MapFunction<Row, String> {
    private static final long serialVersionUID = 1L;

    private final String sink;
    private final ArrayList<String> names;
    private final ArrayList<LogicalType> types;

    public RowLine(String sink, List<String> names, List<LogicalType> types) {
        this.sink = sink;
        this.names = new ArrayList<>(names);
        this.types = new ArrayList<>(types);
    }

    /**
     * `table` with its time attributes as plain timestamps: a changelog stream may carry one rowtime
     * at most (an interval join's result has one per side), and the lines print values only.
     */
    public static Table timesAsValues(Table table) {
        List<Expression> columns = new ArrayList<>();
        boolean any = false;
        for (Column c : table.getResolvedSchema().getColumns()) {
            LogicalType t = c.getDataType().getLogicalType();
            if (LogicalTypeChecks.isTimeAttribute(t)) {
                any = true;
                LogicalType plain = t instanceof LocalZonedTimestampType
                        ? new LocalZonedTimestampType(t.isNullable(), ((LocalZonedTimestampType) t).getPrecision())
                        : new TimestampType(t.isNullable(), LogicalTypeChecks.getPrecision(t));
                columns.add(Expressions.$(c.getName()).cast(TypeConversions.fromLogicalToDataType(plain)).as(c.getName()));
            } else {
                columns.add(Expressions.$(c.getName()));
            }
        }
        return any ? table.select(columns.toArray(new Expression[0])) : table;
    }

    /** The lines of `table`'s changelog stream, named `sink`. */
    public static RowLine of(String sink, Table table) {
        return new RowLine(sink, table.getResolvedSchema().getColumnNames(),
                table.getResolvedSchema().getColumnDataTypes().stream().map(DataType::getLogicalType).toList());
    }

    @Override
    public String map(Row row) {
        StringBuilder b = new StringBuilder("{\"sink\":");
        string(b, sink);
        b.append(",\"op\":\"").append(row.getKind().shortString()).append("\",\"value\":{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(',');
            string(b, names.get(i));
            b.append(':');
            value(b, row.getField(i), types.get(i));
        }
        return b.append("}}").toString();
    }

    static void value(StringBuilder b, Object v, LogicalType t) {
        if (v == null) {
            b.append("null");
            return;
        }
        switch (t.getTypeRoot()) {
            case CHAR, VARCHAR -> string(b, v.toString());
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT -> b.append(v);
            case DECIMAL -> b.append(((BigDecimal) v).toPlainString());
            case FLOAT -> b.append(jsNumber(((Float) v).doubleValue(), Float.toString((Float) v)));
            case DOUBLE -> b.append(jsNumber((Double) v, Double.toString((Double) v)));
            case TIMESTAMP_WITHOUT_TIME_ZONE -> string(b, timestamp((LocalDateTime) v, ((TimestampType) t).getPrecision()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    string(b, timestamp(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC), ((LocalZonedTimestampType) t).getPrecision()));
            case ARRAY -> {
                b.append('[');
                Object[] a = (Object[]) v;
                for (int i = 0; i < a.length; i++) {
                    if (i > 0) b.append(',');
                    value(b, a[i], ((ArrayType) t).getElementType());
                }
                b.append(']');
            }
            case MAP -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    string(b, String.valueOf(e.getKey()));
                    b.append(':');
                    value(b, e.getValue(), ((MapType) t).getValueType());
                }
                b.append('}');
            }
            case ROW -> {
                RowType rt = (RowType) t;
                Row r = (Row) v;
                b.append('{');
                for (int i = 0; i < rt.getFieldCount(); i++) {
                    if (i > 0) b.append(',');
                    string(b, rt.getFieldNames().get(i));
                    b.append(':');
                    value(b, r.getField(i), rt.getTypeAt(i));
                }
                b.append('}');
            }
            default -> string(b, v.toString());
        }
    }

    /** `yyyy-MM-dd HH:mm:ss` and `precision` fraction digits, as Flink prints TIMESTAMP(p). */
    static String timestamp(LocalDateTime t, int precision) {
        String s = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        if (precision <= 0) return s;
        String nanos = String.format("%09d", t.getNano());
        return s + "." + nanos.substring(0, Math.min(precision, 9));
    }

    /** A double as JavaScript's Number#toString writes it: the fewest digits that read back as the same double. */
    static String jsNumber(double d, String javaText) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == 0) return "0";
        BigDecimal exact = new BigDecimal(d);
        BigDecimal x = new BigDecimal(javaText);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                x = r;
                break;
            }
        }
        x = x.stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) return x.toPlainString();
        String digits = x.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - x.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exp >= 0 ? "+" : "") + exp;
    }

    static void string(StringBuilder b, String s) {
        b.append(Json.stringify(s));
    }
}
