package eddy.runtime;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * A window's built-in aggregate (`sum`, `min`, `max`, `minBy`, `maxBy`, `count`, `avg` of a
 * field) as a Flink AggregateFunction: the window keeps one accumulator, not its elements.
 * On ties minBy/maxBy keep the first element, as Flink does.
 */
public final class BuiltInAggregate implements AggregateFunction<Object, Accumulator, Object> {
    private final String fn;
    private final String field;

    public BuiltInAggregate(String fn, String field) {
        this.fn = fn;
        this.field = field;
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    @Override
    public Accumulator add(Object value, Accumulator acc) {
        String what = "aggregate \"" + fn + "\" of field \"" + field + "\"";
        switch (fn) {
            case "count":
                acc.count++;
                break;
            case "sum":
            case "avg":
                acc.sum += Records.number(Records.get(value, field), what);
                acc.count++;
                break;
            case "min":
            case "max": {
                Object x = Records.get(value, field);
                int c = acc.empty ? 0 : Records.compare(x, acc.kept, what);
                if (acc.empty || (fn.equals("min") ? c < 0 : c > 0)) acc.kept = x;
                else Records.compare(x, acc.kept, what);
                break;
            }
            case "minBy":
            case "maxBy": {
                Object x = Records.get(value, field);
                int c = acc.empty ? 0 : Records.compare(x, Records.get(acc.kept, field), what);
                if (acc.empty || (fn.equals("minBy") ? c < 0 : c > 0)) acc.kept = value;
                break;
            }
            default:
                throw new IllegalArgumentException("unknown aggregate " + fn);
        }
        acc.empty = false;
        return acc;
    }

    @Override
    public Object getResult(Accumulator acc) {
        switch (fn) {
            case "count": return acc.count;
            case "sum": return Records.num(acc.sum);
            case "avg": return Records.num(acc.sum / acc.count);
            default: return acc.kept;
        }
    }

    @Override
    public Accumulator merge(Accumulator a, Accumulator b) {
        if (b.empty) return a;
        if (a.empty) return b;
        a.sum += b.sum;
        a.count += b.count;
        if (fn.equals("min") || fn.equals("max")) {
            int c = Records.compare(b.kept, a.kept, fn);
            if (fn.equals("min") ? c < 0 : c > 0) a.kept = b.kept;
        } else if (fn.equals("minBy") || fn.equals("maxBy")) {
            int c = Records.compare(Records.get(b.kept, field), Records.get(a.kept, field), fn);
            if (fn.equals("minBy") ? c < 0 : c > 0) a.kept = b.kept;
        }
        return a;
    }
}
