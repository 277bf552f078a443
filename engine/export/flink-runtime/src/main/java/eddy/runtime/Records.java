package eddy.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Reading and writing fields of JSON records (dot paths), keys, timestamps and bundled files. */
public final class Records {
    private Records() {}

    /** Every stream carries JSON values; Flink serialises them with Kryo. */
    public static final TypeInformation<Object> TYPE = TypeInformation.of(Object.class);

    /** A resource of the job jar as text (user code, collection records). */
    public static String resource(String name) {
        try (InputStream in = Records.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** The records of a JSON-lines resource, in order. */
    public static List<Object> load(String name) {
        List<Object> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Records.class.getClassLoader().getResourceAsStream(name), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) out.add(Json.parse(line));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
        return out;
    }

    /** The lines of a JSON-lines resource as text, in order (a collection with a null record: Flink's fromData refuses null elements). */
    public static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        for (String line : resource(name).split("\n")) if (!line.isBlank()) out.add(line);
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Object get(Object record, String path) {
        Object cur = Changed.row(record);
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map)) return null;
            cur = ((Map<String, Object>) cur).get(part);
        }
        return cur;
    }

    /** A copy of `record` with `path` set to `value` (parents created as needed). */
    @SuppressWarnings("unchecked")
    public static Object with(Object record, String path, Object value) {
        Map<String, Object> root = record instanceof Map ? new LinkedHashMap<>((Map<String, Object>) record) : new LinkedHashMap<>();
        String[] parts = path.split("\\.");
        Map<String, Object> cur = root;
        for (int k = 0; k < parts.length - 1; k++) {
            Object next = cur.get(parts[k]);
            Map<String, Object> copy = next instanceof Map ? new LinkedHashMap<>((Map<String, Object>) next) : new LinkedHashMap<>();
            cur.put(parts[k], copy);
            cur = copy;
        }
        cur.put(parts[parts.length - 1], value);
        return root;
    }

    /** Keys travel as their JSON text, so 1 and 1.0 are one key and hashing is stable. */
    public static String key(Object value) {
        return Json.stringify(value);
    }

    public static long timestamp(Object record, String path) {
        Object v = get(record, path);
        if (v instanceof Number) return ((Number) v).longValue();
        String found = v == null ? "nothing" : v instanceof String ? "\"" + v + "\"" : Json.stringify(v);
        throw new IllegalArgumentException("record has no numeric timestamp in field \"" + path + "\" (found " + found + ")");
    }

    public static boolean isWatermarkMarker(Object record) {
        return record instanceof Map && ((Map<?, ?>) record).size() == 1 && ((Map<?, ?>) record).containsKey("$watermark");
    }

    public static double number(Object v, String what) {
        if (v instanceof Number) return ((Number) v).doubleValue();
        throw new IllegalArgumentException(what + " needs a number, got " + Json.stringify(v));
    }

    /** Numbers with numbers, strings with strings, as Eddy's built-in aggregates compare. */
    public static int compare(Object a, Object b, String what) {
        if (a instanceof Number && b instanceof Number) return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        if (a instanceof String && b instanceof String) return ((String) a).compareTo((String) b);
        throw new IllegalArgumentException(what + " compares numbers or strings, got " + Json.stringify(a) + " and " + Json.stringify(b));
    }

    /** Whole doubles become longs, so sums print as JavaScript prints them. */
    public static Object num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    public static Map<String, Object> object(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }
}
