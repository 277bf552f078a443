package eddy.runtime;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Eddy's `intervalMs: 0`: bounded out-of-orderness (max seen − delay − 1, as Flink's
 * BoundedOutOfOrdernessWatermarks) emitted after every record instead of periodically.
 */
public final class PerRecordWatermarks implements WatermarkGenerator<Object> {
    private final long delay;
    private long max;

    public PerRecordWatermarks(long delay) {
        this.delay = delay;
        this.max = Long.MIN_VALUE + delay + 1;
    }

    @Override
    public void onEvent(Object record, long timestamp, WatermarkOutput output) {
        max = Math.max(max, timestamp);
        output.emitWatermark(new Watermark(max - delay - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
}
