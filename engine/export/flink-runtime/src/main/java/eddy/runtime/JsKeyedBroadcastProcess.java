package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `process.broadcast` on a keyed `in1`: `{ processElement, processBroadcastElement, onTimer?, open? }`
 * as a KeyedBroadcastProcessFunction; keyed state and timers in processElement and onTimer,
 * broadcast state read-only there and writable in processBroadcastElement.
 */
public final class JsKeyedBroadcastProcess extends KeyedBroadcastProcessFunction<String, Object, Object, Object> implements CheckpointedFunction {
    private final JsFunction code;
    private transient FunctionHost host;
    private transient boolean hasTimer;
    private transient boolean hasOpen;

    public JsKeyedBroadcastProcess(String node) {
        this.code = new JsFunction(node, "code");
    }

    private transient OperatorStateStore operatorState;

    @Override
    public void initializeState(FunctionInitializationContext context) {
        operatorState = context.getOperatorStateStore();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Operator state is written through on every change: nothing to copy at a checkpoint.
    }

    @Override
    public void open(OpenContext openContext) {
        code.open();
        host = new FunctionHost(getRuntimeContext(), code.where());
        host.enterOperatorState(operatorState);
        hasTimer = code.has("onTimer");
        hasOpen = code.has("open");
    }

    private void openOnce(String keyJson) {
        if (!hasOpen) return;
        hasOpen = false;
        code.handle("open", host, keyJson, null, null, null);
    }

    @Override
    public void processElement(Object value, ReadOnlyContext ctx, Collector<Object> out) throws Exception {
        host.enter(ctx.timerService(), out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterBroadcast(ctx.getBroadcastState(JsBroadcastProcess.STATE), null);
        openOnce(ctx.getCurrentKey());
        code.handle("processElement", host, ctx.getCurrentKey(), ctx.timestamp(), null, value);
    }

    @Override
    public void processBroadcastElement(Object value, Context ctx, Collector<Object> out) throws Exception {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterWindow(ctx::currentWatermark, ctx::currentProcessingTime);
        BroadcastState<String, String> state = ctx.getBroadcastState(JsBroadcastProcess.STATE);
        host.enterBroadcast(state, state);
        code.handle("processBroadcastElement", host, null, ctx.timestamp(), null, value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        if (!hasTimer) return;
        host.enter(ctx.timerService(), out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterBroadcast(ctx.getBroadcastState(JsBroadcastProcess.STATE), null);
        String domain = ctx.timeDomain() == TimeDomain.EVENT_TIME ? "event-time" : "processing-time";
        code.handle("onTimer", host, ctx.getCurrentKey(), timestamp, domain, null);
    }

    @Override
    public void close() {
        code.close();
    }
}
