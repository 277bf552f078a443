package eddy.runtime;

import org.apache.flink.util.OutputTag;

/** Side outputs by name: OutputTags are equal by id, so one per name is enough. */
public final class Tags {
    private Tags() {}

    public static OutputTag<Object> of(String id) {
        return new OutputTag<>(id, Records.TYPE);
    }
}
