package eddy.runtime;

import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.Window;

/** Fires every window once, when the input ends (watermark Long.MAX_VALUE) — for any assigner. */
public final class EndOfStreamTrigger<W extends Window> extends Trigger<Object, W> {
    @Override
    public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx) {
        ctx.registerEventTimeTimer(Long.MAX_VALUE);
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, W window, TriggerContext ctx) {
        return time == Long.MAX_VALUE ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(W window, OnMergeContext ctx) {
        ctx.registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void clear(W window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(Long.MAX_VALUE);
    }
}
