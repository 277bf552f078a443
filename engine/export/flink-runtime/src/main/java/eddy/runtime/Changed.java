package eddy.runtime;

import java.io.Serializable;

/**
 * A changelog row that is not an INSERT: the row and its kind, Flink's `RowKind` byte (1 = -U,
 * 2 = +U, 3 = -D). INSERT rows travel bare, as in Eddy, so append-only jobs never see this class;
 * the wrappers that look into records (map, filter, keys, sinks) reach the row through `row` and
 * keep the kind, as Flink's Calc keeps a RowData's kind.
 */
public final class Changed implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String[] SHORT = {"+I", "-U", "+U", "-D"};

    public byte kind;
    public Object row;

    /** For Kryo. */
    public Changed() {}

    private Changed(byte kind, Object row) {
        this.kind = kind;
        this.row = row;
    }

    /** `row` with `kind`; an INSERT is the bare row. */
    public static Object of(byte kind, Object row) {
        return kind == 0 ? row : new Changed(kind, row);
    }

    /** The row of a record, changelog or not. */
    public static Object row(Object record) {
        return record instanceof Changed ? ((Changed) record).row : record;
    }

    public static byte kind(Object record) {
        return record instanceof Changed ? ((Changed) record).kind : 0;
    }

    /** `row` with the kind `record` had: what a map of a changelog row emits. */
    public static Object same(Object record, Object row) {
        return of(kind(record), row);
    }

    /** Flink's short string of the record's kind: `+I`, `-U`, `+U` or `-D`. */
    public static String op(Object record) {
        return SHORT[kind(record)];
    }

    public static boolean isRetraction(Object record) {
        byte k = kind(record);
        return k == 1 || k == 3;
    }
}
