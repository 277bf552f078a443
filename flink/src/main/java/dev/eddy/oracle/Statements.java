package dev.eddy.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Flink SQL script into statements at the semicolons outside string literals, quoted
 * identifiers and comments — what Flink's SQL client does before it hands each statement to
 * Flink's own parser. Nothing else about the SQL is interpreted here.
 */
final class Statements {
  private Statements() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
        cur.append('\n');
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
        cur.append(' ');
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == c) {
            if (j + 1 < n && script.charAt(j + 1) == c) j += 2; // doubled quote
            else break;
          } else {
            j++;
          }
        }
        cur.append(script, i, Math.min(j + 1, n));
        i = j;
        continue;
      }
      if (c == ';') {
        add(out, cur);
        continue;
      }
      cur.append(c);
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) out.add(s);
    cur.setLength(0);
  }

  /** The statement's first keyword, upper case. */
  static String keyword(String statement) {
    int i = 0;
    while (i < statement.length() && (statement.charAt(i) == '(' || Character.isWhitespace(statement.charAt(i)))) i++;
    int j = i;
    while (j < statement.length() && Character.isLetter(statement.charAt(j))) j++;
    return statement.substring(i, j).toUpperCase();
  }
}
