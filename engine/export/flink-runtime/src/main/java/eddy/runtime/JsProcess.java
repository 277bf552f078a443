package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `process` on a non-keyed stream: `{ onElement(r, ctx, out), open?(ctx) }` as a ProcessFunction.
 * No keyed state, no timers (Flink has them on keyed streams only); `ctx.operatorState` is the
 * function's operator state (a CheckpointedFunction's list / union list state).
 */
public final class JsProcess extends ProcessFunction<Object, Object> implements CheckpointedFunction {
    private final JsFunction code;
    private transient FunctionHost host;
    private transient boolean hasOpen;
    private transient OperatorStateStore operatorState;

    public JsProcess(String node) {
        this.code = new JsFunction(node, "code");
    }

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

    @Override
    public void processElement(Object value, Context ctx, Collector<Object> out) {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        host.enterWindow(() -> ctx.timerService().currentWatermark(), () -> ctx.timerService().currentProcessingTime());
        if (hasOpen) {
            hasOpen = false;
            code.handle("open", host, null, null, null, null);
        }
        code.handle("onElement", host, null, ctx.timestamp(), null, value);
    }

    @Override
    public void close() {
        code.close();
    }
}
