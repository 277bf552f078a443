package eddy.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * `sink.file`: one JSON line per record, or a CSV row (the first record's fields are the columns;
 * the header comes with the first row). The export runs it as one subtask, as Eddy does.
 */
public final class FileLine extends RichMapFunction<Object, String> {
    private final String format;
    private transient List<String> columns;

    public FileLine(String format) {
        this.format = format;
    }

    @Override
    public String map(Object record) {
        Object value = Changed.row(record);
        if (format.equals("jsonl")) return Json.stringify(value);
        String header = null;
        if (columns == null) {
            columns = new ArrayList<>();
            if (value instanceof Map) for (Object k : ((Map<?, ?>) value).keySet()) columns.add(String.valueOf(k));
            else columns.add("value");
            header = String.join(",", columns.stream().map(FileLine::field).toList());
        }
        List<String> row = new ArrayList<>();
        for (String c : columns) row.add(field(value instanceof Map ? ((Map<?, ?>) value).get(c) : value));
        String line = String.join(",", row);
        return header == null ? line : header + "\n" + line;
    }

    private static String field(Object v) {
        if (v == null) return "";
        String s = v instanceof String ? (String) v : Json.stringify(v);
        return s.matches(".*[\",\\r\\n].*") || s.startsWith(" ") || s.endsWith(" ") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
