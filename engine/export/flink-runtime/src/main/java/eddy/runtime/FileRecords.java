package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * `source.file`: lines of a JSON-lines or CSV file (with a header row, or `columns`) become records;
 * a malformed line goes to side output "errors" as `{line, reason, text}` when that output is wired,
 * otherwise it fails the job (or is skipped with ignoreParseErrors). Line numbers count the lines
 * this subtask read: exact for one file read at parallelism 1, as Eddy's file source runs. With a
 * timestampField, a record without a numeric timestamp there is a malformed line too.
 * CSV rows with line breaks inside quotes are not supported here.
 */
public final class FileRecords extends ProcessFunction<String, Object> {
    private static final Pattern NUMERIC = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    private final String node;
    private final String format;
    private final List<String> columns;
    private final boolean errorsWired;
    private final boolean ignoreParseErrors;
    private final String timestampField;
    private long line;
    private List<String> header;

    public FileRecords(String node, String format, List<String> columns, boolean errorsWired, boolean ignoreParseErrors, String timestampField) {
        this.timestampField = timestampField;
        this.node = node;
        this.format = format;
        this.columns = columns;
        this.errorsWired = errorsWired;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    @Override
    public void processElement(String text, Context ctx, Collector<Object> out) {
        line++;
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        if (text.isEmpty()) return;
        try {
            Object record = format.equals("jsonl") ? Json.parse(text) : csv(text);
            if (record == HEADER) return;
            // A record without a timestamp is a malformed line, as in Eddy's file source.
            if (timestampField != null) Records.timestamp(record, timestampField);
            out.collect(record);
        } catch (IllegalArgumentException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("line", line);
            error.put("reason", e.getMessage());
            error.put("text", text);
            if (errorsWired) ctx.output(Tags.of("errors"), error);
            else if (!ignoreParseErrors) throw new IllegalStateException("node " + node + ": line " + line + ": " + e.getMessage() + " (text: " + text + ")");
        }
    }

    private static final Object HEADER = new Object();

    private Object csv(String text) {
        List<String> fields = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        split(text, fields, quoted);
        if (header == null) {
            if (columns != null) header = columns;
            else {
                header = fields;
                return HEADER;
            }
        }
        if (fields.size() != header.size()) throw new IllegalArgumentException("expected " + header.size() + " fields as in the header, found " + fields.size());
        Map<String, Object> record = new LinkedHashMap<>();
        for (int k = 0; k < header.size(); k++) {
            String f = fields.get(k);
            record.put(header.get(k), !quoted.get(k) && NUMERIC.matcher(f).matches() ? Json.parse(f) : f);
        }
        return record;
    }

    /** RFC 4180 fields of one line; quotes removed, "" unescaped. */
    private static void split(String text, List<String> fields, List<Boolean> quoted) {
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                int opening = i;
                StringBuilder v = new StringBuilder();
                i++;
                while (true) {
                    int q = text.indexOf('"', i);
                    if (q < 0) throw new IllegalArgumentException("quoted field opened at column " + (opening + 1) + " is never closed");
                    v.append(text, i, q);
                    if (q + 1 < n && text.charAt(q + 1) == '"') {
                        v.append('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                if (i < n && text.charAt(i) != ',') throw new IllegalArgumentException("unexpected text after the closing quote at column " + (i + 1));
                fields.add(v.toString());
                quoted.add(true);
            } else {
                int comma = text.indexOf(',', i);
                String f = comma < 0 ? text.substring(i) : text.substring(i, comma);
                if (f.indexOf('"') >= 0) throw new IllegalArgumentException("a quote inside an unquoted field at column " + (i + f.indexOf('"') + 1));
                fields.add(f);
                quoted.add(false);
                i = comma < 0 ? n : comma;
            }
            if (i >= n) return;
            i++;
        }
    }
}
