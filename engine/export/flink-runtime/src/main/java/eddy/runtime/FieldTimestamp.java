package eddy.runtime;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/** The event timestamp (ms) from a field; watermark markers keep the timestamp they have. */
public final class FieldTimestamp implements SerializableTimestampAssigner<Object> {
    private final String path;

    public FieldTimestamp(String path) {
        this.path = path;
    }

    @Override
    public long extractTimestamp(Object record, long previous) {
        if (Records.isWatermarkMarker(record)) return previous;
        return Records.timestamp(record, path);
    }
}
