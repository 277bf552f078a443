package eddy.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.types.Row;

/**
 * The output of a node Flink's SQL planner runs, back as Eddy's records with the row's kind
 * (`Changed`): a join's `{left, right}` from the columns `l` and `r` (JSON text, NULL for a padded
 * side), or the record of column `v` — with the row number of column `rn` in `rankNumber` when set.
 */
public final class TableRecords implements MapFunction<Row, Object> {
    private static final long serialVersionUID = 1L;

    private final boolean pair;
    private final String rankNumber;

    private TableRecords(boolean pair, String rankNumber) {
        this.pair = pair;
        this.rankNumber = rankNumber;
    }

    /** `{left, right}` records from the columns `l` and `r`. */
    public static TableRecords pairs() {
        return new TableRecords(true, null);
    }

    /** The records of column `v`, with `rn` in `rankNumber` unless it is null. */
    public static TableRecords rows(String rankNumber) {
        return new TableRecords(false, rankNumber);
    }

    @Override
    public Object map(Row row) {
        Object value;
        if (pair) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("left", parse(row.getField("l")));
            m.put("right", parse(row.getField("r")));
            value = m;
        } else {
            value = parse(row.getField("v"));
            if (rankNumber != null) value = Records.with(value, rankNumber, row.getField("rn"));
        }
        return Changed.of(row.getKind().toByteValue(), value);
    }

    private static Object parse(Object text) {
        return text == null ? null : Json.parse((String) text);
    }
}
