package eddy.runtime;

/** A join's `condition(l, r)` run by GraalJS: the node's `params.condition`. */
public final class JsRowCondition implements RowCondition {
    private static final long serialVersionUID = 1L;

    private final JsFunction code;

    public JsRowCondition(String node) {
        this.code = new JsFunction(node, "condition");
    }

    @Override
    public void open() {
        code.open();
    }

    @Override
    public boolean test(Object left, Object right) {
        return Boolean.TRUE.equals(code.call(left, right));
    }

    @Override
    public void close() {
        code.close();
    }
}
