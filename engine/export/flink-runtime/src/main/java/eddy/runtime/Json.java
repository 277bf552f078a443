package eddy.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records as Eddy sees them: JSON values. Objects are LinkedHashMaps (field order kept), arrays
 * ArrayLists, numbers Long when whole and Double otherwise, then String, Boolean and null.
 */
public final class Json {
    private Json() {}

    public static Object parse(String text) {
        if (text == null) return null;
        Parser p = new Parser(text);
        p.skip();
        Object v = p.value();
        p.skip();
        if (p.i != text.length()) throw new IllegalArgumentException("unexpected text after JSON value at " + p.i);
        return v;
    }

    public static String stringify(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String) quote(sb, (String) v);
        // A changelog row reaches JavaScript (a process function, a window) as its row, the kind beside it dropped.
        else if (v instanceof Changed) write(sb, ((Changed) v).row);
        else if (v instanceof Boolean) sb.append(v);
        else if (v instanceof Double || v instanceof Float) number(sb, ((Number) v).doubleValue());
        else if (v instanceof Number) sb.append(((Number) v).longValue());
        else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<Object>) v) {
                if (!first) sb.append(',');
                first = false;
                write(sb, x);
            }
            sb.append(']');
        } else quote(sb, v.toString());
    }

    /** Numbers as JavaScript prints them where it matters: whole values without ".0". */
    private static void number(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) sb.append("null");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d);
        else sb.append(d);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + (i + 1));
        }

        Object value() {
            if (i >= s.length()) throw error("unexpected end of JSON input");
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            if (c == '-' || (c >= '0' && c <= '9')) return number();
            throw error("unexpected character '" + c + "'");
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            if (i < s.length() && s.charAt(i) == '}') { i++; return m; }
            while (true) {
                skip();
                if (i >= s.length() || s.charAt(i) != '"') throw error("expected a field name");
                String k = string();
                skip();
                if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':'");
                i++;
                skip();
                m.put(k, value());
                skip();
                if (i >= s.length()) throw error("unexpected end of JSON input");
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw error("expected ',' or '}'");
            }
        }

        List<Object> array() {
            List<Object> a = new ArrayList<>();
            i++;
            skip();
            if (i < s.length() && s.charAt(i) == ']') { i++; return a; }
            while (true) {
                skip();
                a.add(value());
                skip();
                if (i >= s.length()) throw error("unexpected end of JSON input");
                char c = s.charAt(i++);
                if (c == ']') return a;
                if (c != ',') throw error("expected ',' or ']'");
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') { sb.append(c); continue; }
                if (i >= s.length()) throw error("unterminated string");
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw error("bad unicode escape");
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: sb.append(e);
                }
            }
        }

        Object number() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            boolean whole = true;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') i++;
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { whole = false; i++; }
                else break;
            }
            String t = s.substring(start, i);
            if (whole && t.length() < 19) return Long.parseLong(t);
            double d = Double.parseDouble(t);
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
            return d;
        }
    }
}
