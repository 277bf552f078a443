package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `aggregate`: a rolling aggregation per key, one result per record — DataStream's
 * sum/min/max/minBy/maxBy on JSON records (Flink's own work on tuples and POJOs only), plus
 * count and avg. sum/min/max keep the first record's other fields, as Flink does.
 */
public final class RollingAggregate extends KeyedProcessFunction<String, Object, Object> {
    private final String fn;
    private final String field;
    private transient ValueState<String> state;

    public RollingAggregate(String fn, String field) {
        this.fn = fn;
        this.field = field;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("aggregate", Types.STRING));
    }

    @Override
    public void processElement(Object value, Context ctx, Collector<Object> out) throws Exception {
        String what = "aggregate \"" + fn + "\" of field \"" + field + "\"";
        String text = state.value();
        Object current = text == null ? null : Json.parse(text);
        Object result;
        switch (fn) {
            case "sum":
                Records.number(Records.get(value, field), what);
                result = current == null ? value
                        : Records.with(current, field, Records.num(Records.number(Records.get(current, field), what) + Records.number(Records.get(value, field), what)));
                state.update(Json.stringify(result));
                break;
            case "min":
            case "max": {
                Object x = Records.get(value, field);
                if (current == null) result = value;
                else {
                    int c = Records.compare(x, Records.get(current, field), what);
                    result = (fn.equals("min") ? c < 0 : c > 0) ? Records.with(current, field, x) : current;
                }
                state.update(Json.stringify(result));
                break;
            }
            case "minBy":
            case "maxBy": {
                Object x = Records.get(value, field);
                if (current == null) result = value;
                else {
                    int c = Records.compare(x, Records.get(current, field), what);
                    result = (fn.equals("minBy") ? c < 0 : c > 0) ? value : current;
                }
                state.update(Json.stringify(result));
                break;
            }
            case "count": {
                long n = (current == null ? 0 : ((Number) current).longValue()) + 1;
                state.update(Long.toString(n));
                result = Records.with(value, field, n);
                break;
            }
            case "avg": {
                double x = Records.number(Records.get(value, field), what);
                java.util.List<?> acc = current == null ? java.util.List.of(0L, 0L) : (java.util.List<?>) current;
                double sum = ((Number) acc.get(0)).doubleValue() + x;
                long count = ((Number) acc.get(1)).longValue() + 1;
                state.update(Json.stringify(java.util.List.of(Records.num(sum), count)));
                result = Records.with(value, field, Records.num(sum / count));
                break;
            }
            default:
                throw new IllegalArgumentException("unknown aggregate " + fn);
        }
        out.collect(result);
    }
}
