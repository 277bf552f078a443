package eddy.runtime;

import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * A join's `condition(l, r)` as a SQL function of the two records' JSON texts, for the nodes
 * Flink's SQL planner runs: TRUE when the code returns `true` (anything else is no match).
 */
public final class JsJoinCondition extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private final JsFunction code;

    public JsJoinCondition(String node) {
        this.code = new JsFunction(node, "condition");
    }

    @Override
    public void open(FunctionContext context) {
        code.open();
    }

    public boolean eval(String left, String right) {
        return Boolean.TRUE.equals(code.call(Json.parse(left), Json.parse(right)));
    }

    @Override
    public void close() {
        code.close();
    }
}
