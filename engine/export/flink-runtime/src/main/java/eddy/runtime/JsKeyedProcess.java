package eddy.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** `process`: `{ onElement(r, ctx, out), onTimer?(ts, ctx, out) }` as a KeyedProcessFunction. */
public final class JsKeyedProcess extends KeyedProcessFunction<String, Object, Object> implements CheckpointedFunction {
    private final JsFunction code;
    private transient FunctionHost host;
    private transient boolean hasTimer;

    public JsKeyedProcess(String node) {
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
    }

    @Override
    public void processElement(Object value, Context ctx, Collector<Object> out) {
        host.enter(ctx.timerService(), out, (tag, v) -> ctx.output(Tags.of(tag), v));
        code.handle("onElement", host, ctx.getCurrentKey(), ctx.timestamp(), null, value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) {
        if (!hasTimer) return;
        host.enter(ctx.timerService(), out, (tag, v) -> ctx.output(Tags.of(tag), v));
        String domain = ctx.timeDomain() == TimeDomain.EVENT_TIME ? "event-time" : "processing-time";
        code.handle("onTimer", host, ctx.getCurrentKey(), timestamp, domain, null);
    }

    @Override
    public void close() {
        code.close();
    }
}
