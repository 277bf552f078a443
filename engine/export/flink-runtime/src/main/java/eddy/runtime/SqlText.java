package eddy.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of the script's statements at run time: a filesystem table's `'path'` from `--input TABLE=PATH`. */
public final class SqlText {
    private SqlText() {}

    private static final Pattern PATH = Pattern.compile("'path'\\s*=\\s*'(?:[^']|'')*'");

    /** `statement` with its `'path'` option set to `path` (a SQL string literal, quotes doubled). */
    public static String withPath(String statement, String path) {
        return PATH.matcher(statement).replaceFirst(Matcher.quoteReplacement("'path' = '" + path.replace("'", "''") + "'"));
    }
}
