package eddy.runtime;

import java.io.Serializable;

/**
 * A join's optional `condition(l, r)` (JsRowCondition runs the node's code in GraalJS): the join
 * classes name only this interface, so a project whose joins have no condition needs no GraalJS.
 */
public interface RowCondition extends Serializable {
    void open();

    /** TRUE when the code returns `true` (anything else is no match). */
    boolean test(Object left, Object right);

    void close();
}
