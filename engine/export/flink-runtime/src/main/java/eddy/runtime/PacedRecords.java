package eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.Collector;

/**
 * A `source.collection` with `ratePerSec`: element i of a DataGeneratorSource is the collection's
 * record i together with the `{"$watermark": n}` markers just before it (markers after the last
 * record join the last element), so the rate limiter paces the records only — Eddy's source emits
 * markers without waiting for a permit. {@link #UNGROUP} turns each element back into its entries.
 */
public final class PacedRecords implements GeneratorFunction<Long, Object> {
    private static final long serialVersionUID = 1L;

    private final String resource;
    private transient List<ArrayList<Object>> groups;

    public PacedRecords(String resource) {
        this.resource = resource;
    }

    /** One element per record (one in all when there are only markers). */
    static List<ArrayList<Object>> group(List<Object> entries) {
        List<ArrayList<Object>> out = new ArrayList<>();
        ArrayList<Object> cur = new ArrayList<>();
        for (Object e : entries) {
            cur.add(e);
            if (!Records.isWatermarkMarker(e)) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            if (out.isEmpty()) out.add(cur);
            else out.get(out.size() - 1).addAll(cur);
        }
        return out;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        groups = group(Records.lines(resource).stream().map(Json::parse).toList());
    }

    @Override
    public Object map(Long index) {
        return groups.get(index.intValue());
    }

    /** The entries of each element, in order. */
    public static final FlatMapFunction<Object, Object> UNGROUP = (Object group, Collector<Object> out) -> {
        for (Object e : (List<?>) group) out.collect(e);
    };
}
