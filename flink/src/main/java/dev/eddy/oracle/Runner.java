package dev.eddy.oracle;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Eddy's oracle: runs Flink SQL scripts (the files `eddy run SCRIPT.sql` takes) in real Flink, in
 * one local MiniCluster in this JVM (REST on 127.0.0.1, a random port), streaming mode, and prints every sink's rows as `eddy run` does.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) dev.eddy.oracle.Runner A.sql B.sql ...
 * java ... dev.eddy.oracle.Runner --manifest cases.json   # [{"script": "...", "tables": {"T": "rows.jsonl"}}]
 * </pre>
 *
 * Each script's output is framed by `#oracle begin PATH` and `#oracle end ok` (or `#oracle end
 * error MESSAGE`); a failing script does not stop the others. Per script: `print` tables become
 * the `eddy-collect` sink, relative filesystem paths resolve against the script's folder, a
 * manifest's `tables` replace a table's connector by a JSON file with the same schema (for
 * datagen tables whose rows Eddy generated), and a bare SELECT is collected as sink `result`
 * (`result_2`, …). The oracle runs at parallelism 1 with a watermark after every record
 * (`pipeline.auto-watermark-interval` = 0, as Eddy's SQL front end does), so its results are
 * deterministic; `SET 'parallelism.default'` is ignored and EXPLAIN prints nothing.
 */
public final class Runner {
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'([^']*)'\\s*=\\s*'([^']*)'\\s*$");

  private Runner() {}

  public static void main(String[] args) throws Exception {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--manifest")) {
        JsonNode root = new ObjectMapper().readTree(new File(args[++i]));
        for (JsonNode c : root) {
          Map<String, String> tables = new HashMap<>();
          JsonNode t = c.get("tables");
          if (t != null) t.fields().forEachRemaining(e -> tables.put(e.getKey().toLowerCase(), e.getValue().asText()));
          cases.add(new Case(c.get("script").asText(), tables));
        }
      } else {
        cases.add(new Case(args[i], Map.of()));
      }
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    // One MiniCluster for every script: its start costs seconds, a job on it a fraction of that.
    Configuration clusterConf = new Configuration();
    clusterConf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    clusterConf.set(RestOptions.ADDRESS, "127.0.0.1");
    clusterConf.set(RestOptions.BIND_PORT, "0");
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(clusterConf).setNumTaskManagers(1).setNumSlotsPerTaskManager(8).build());
    cluster.start();
    int port = cluster.getRestAddress().get().getPort();
    for (Case c : cases) {
      long t0 = System.nanoTime();
      out.println("#oracle begin " + c.script);
      try {
        for (String line : run(c, port)) out.println(line);
        out.println("#oracle end ok");
      } catch (Throwable e) {
        out.println("#oracle end error " + message(e));
      }
      out.flush();
      System.err.printf("oracle: %s in %d ms%n", c.script, (System.nanoTime() - t0) / 1_000_000);
    }
    cluster.close();
    System.exit(0);
  }

  record Case(String script, Map<String, String> tables) {}

  static List<String> run(Case c, int port) throws Exception {
    Path script = Path.of(c.script).toAbsolutePath();
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ZERO);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, Integer.getInteger("oracle.parallelism", 1));
    conf.setString("table.local-time-zone", "UTC");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", port, conf);
    StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    CatalogManager catalogs = ((TableEnvironmentInternal) tEnv).getCatalogManager();

    StatementSet inserts = tEnv.createStatementSet();
    int insertCount = 0;
    List<String> selects = new ArrayList<>();
    for (String stmt : Statements.split(Files.readString(script))) {
      switch (Statements.keyword(stmt)) {
        case "SET" -> {
          Matcher m = SET.matcher(stmt);
          if (!m.matches()) throw new IllegalArgumentException("cannot read " + stmt);
          if (!m.group(1).equals("parallelism.default")) tEnv.getConfig().set(m.group(1), m.group(2));
        }
        case "EXPLAIN", "RESET" -> {}
        case "INSERT" -> {
          inserts.addInsertSql(stmt);
          insertCount++;
        }
        case "SELECT", "WITH", "VALUES" -> selects.add(stmt);
        default -> {
          Set<String> before = new HashSet<>(Arrays.asList(tEnv.listTables()));
          tEnv.executeSql(stmt);
          for (String name : tEnv.listTables()) {
            if (!before.contains(name)) rewire(catalogs, name, script.getParent(), c.tables);
          }
        }
      }
    }

    List<String> lines = new ArrayList<>();
    CollectSinkFactory.LINES.clear();
    if (insertCount > 0) inserts.execute().await();
    lines.addAll(CollectSinkFactory.LINES);
    CollectSinkFactory.LINES.clear();
    for (int i = 0; i < selects.size(); i++) {
      String sink = i == 0 ? "result" : "result_" + (i + 1);
      TableResult r = tEnv.executeSql(selects.get(i));
      ResolvedSchema schema = r.getResolvedSchema();
      List<String> names = schema.getColumnNames();
      List<LogicalType> types = schema.getColumnDataTypes().stream().map(DataType::getLogicalType).toList();
      try (CloseableIterator<Row> it = r.collect()) {
        while (it.hasNext()) lines.add(Values.line(sink, it.next(), names, types));
      }
    }
    return lines;
  }

  /** Points a new table where the oracle needs it: print → collecting sink, relative paths → the script's folder. */
  private static void rewire(CatalogManager catalogs, String name, Path dir, Map<String, String> tables) {
    ObjectIdentifier id = ObjectIdentifier.of(catalogs.getCurrentCatalog(), catalogs.getCurrentDatabase(), name);
    ContextResolvedTable resolved = catalogs.getTable(id).orElse(null);
    if (resolved == null) return;
    CatalogBaseTable base = resolved.getTable();
    if (!(base instanceof CatalogTable table)) return;
    Map<String, String> options = new LinkedHashMap<>(table.getOptions());
    String replacement = tables.get(name.toLowerCase());
    if (replacement != null) {
      options.clear();
      options.put("connector", "filesystem");
      options.put("format", "json");
      options.put("path", dir.resolve(replacement).toString());
    } else if ("print".equals(options.get("connector"))) {
      options.clear();
      options.put("connector", CollectSinkFactory.IDENTIFIER);
      options.put(CollectSinkFactory.SINK.key(), name);
    } else if ("filesystem".equals(options.get("connector")) && options.containsKey("path") && !options.get("path").contains("://")) {
      options.put("path", dir.resolve(options.get("path")).toString());
    } else {
      return;
    }
    CatalogTable copy = table.copy(options);
    if (catalogs.isTemporaryTable(id)) {
      catalogs.dropTemporaryTable(id, false);
      catalogs.createTemporaryTable(copy, id, false);
    } else {
      catalogs.alterTable(copy, id, false);
    }
  }

  private static String message(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (b.length() > 0) b.append(" <- ");
      b.append(t.getClass().getSimpleName()).append(": ").append(String.valueOf(t.getMessage()));
      if (t.getCause() == t) break;
    }
    return b.toString().replace('\n', ' ');
  }
}
