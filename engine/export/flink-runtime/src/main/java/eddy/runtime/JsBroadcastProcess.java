package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `process.broadcast` on a non-keyed `in1`: `{ processElement, processBroadcastElement, open? }`
 * as a BroadcastProcessFunction. Every `ctx.broadcastState(name)` lives in the one descriptor
 * `STATE`, its keys prefixed by the state's name (see FunctionHost).
 */
public final class JsBroadcastProcess extends BroadcastProcessFunction<Object, Object, Object> implements CheckpointedFunction {
    /** The broadcast state of every exported `process.broadcast` node: "name\u0000keyJson" → value JSON. */
    public static final MapStateDescriptor<String, String> STATE = new MapStateDescriptor<>("eddy-broadcast", Types.STRING, Types.STRING);

    private final JsFunction code;
    private transient FunctionHost host;
    private transient boolean hasOpen;

    public JsBroadcastProcess(String node) {
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
        host = new FunctionHost(null, code.where());
        host.enterOperatorState(operatorState);
        hasOpen = code.has("open");
    }

    private void openOnce() {
        if (!hasOpen) return;
        hasOpen = false;
        code.handle("open", host, null, null, null, null);
    }

    @Override
    public void processElement(Object value, ReadOnlyContext ctx, Collector<Object> out) throws Exception {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterWindow(ctx::currentWatermark, ctx::currentProcessingTime);
        host.enterBroadcast(ctx.getBroadcastState(STATE), null);
        openOnce();
        code.handle("processElement", host, null, ctx.timestamp(), null, value);
    }

    @Override
    public void processBroadcastElement(Object value, Context ctx, Collector<Object> out) throws Exception {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterWindow(ctx::currentWatermark, ctx::currentProcessingTime);
        BroadcastState<String, String> state = ctx.getBroadcastState(STATE);
        host.enterBroadcast(state, state);
        openOnce();
        code.handle("processBroadcastElement", host, null, ctx.timestamp(), null, value);
    }

    @Override
    public void close() {
        code.close();
    }
}
