package eddy.runtime;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/** A collection source's `{"$watermark": n}` entries become watermarks at their place in the stream; nothing else emits any. */
public final class MarkerWatermarks implements WatermarkGenerator<Object> {
    @Override
    public void onEvent(Object record, long timestamp, WatermarkOutput output) {
        if (Records.isWatermarkMarker(record)) {
            output.emitWatermark(new Watermark((long) Records.number(Records.get(record, "$watermark"), "$watermark")));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
}
