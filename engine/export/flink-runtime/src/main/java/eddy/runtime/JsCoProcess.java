package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.util.Collector;

/** `connect` of two non-keyed streams: no state, no timers (as Flink's CoProcessFunction). */
public final class JsCoProcess extends CoProcessFunction<Object, Object, Object> implements CheckpointedFunction {
    private final JsFunction code;
    private transient FunctionHost host;
    private transient boolean hasOpen;

    public JsCoProcess(String node) {
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

    private void element(String method, Object value, Context ctx, Collector<Object> out) {
        host.enter(null, out, (tag, v) -> ctx.output(Tags.of(tag), v));
        if (hasOpen) {
            hasOpen = false;
            code.handle("open", host, null, null, null, null);
        }
        code.handle(method, host, null, ctx.timestamp(), null, value);
    }

    @Override
    public void processElement1(Object value, Context ctx, Collector<Object> out) {
        element("onElement1", value, ctx, out);
    }

    @Override
    public void processElement2(Object value, Context ctx, Collector<Object> out) {
        element("onElement2", value, ctx, out);
    }

    @Override
    public void close() {
        code.close();
    }
}
