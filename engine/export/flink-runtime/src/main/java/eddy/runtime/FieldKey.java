package eddy.runtime;

import org.apache.flink.api.java.functions.KeySelector;

/** `keyBy` on a field (dot path); the key is the field's JSON text. */
public final class FieldKey implements KeySelector<Object, String> {
    private final String path;

    public FieldKey(String path) {
        this.path = path;
    }

    @Override
    public String getKey(Object record) {
        return Records.key(Records.get(Changed.row(record), path));
    }
}
