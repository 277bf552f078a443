package eddy.runtime;

import java.io.Serializable;

/** The accumulator of a built-in aggregate: the kept value (min/max/minBy/maxBy), or a sum and a count. */
public final class Accumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    public boolean empty = true;
    public Object kept;
    public double sum;
    public long count;
}
