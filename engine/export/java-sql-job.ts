/**
 * `Job.java` for a SQL script whose compiled job has operators with no DataStream form yet (a
 * regular join's changelog, Top-N, temporal joins): the script
 * itself, run by Flink's planner through the Table API (`StreamTableEnvironment.executeSql` /
 * `sqlQuery`). Each bare SELECT becomes a changelog stream printed as the lines `eddy run`
 * prints (`RowLine`); a filesystem table's path can be given with `--input TABLE=PATH`.
 * Statements are split at the semicolons outside literals, quoted identifiers and comments, as
 * Flink's SQL client splits them before its parser sees each one; nothing else is interpreted.
 */
import type { JobDocument, JobNode } from '../graph/schema.js';
import { str } from './java-windows.js';

/** Kinds only Flink's planner runs: a SQL job with one of them exports as a Table API program. */
export const TABLE_API_KINDS: ReadonlySet<string> = new Set(['join.regular', 'rank', 'join.temporal', 'join.semiAnti']);

export function needsTableApi(job: JobDocument): JobNode | undefined {
  return job.nodes.find((n) => TABLE_API_KINDS.has(n.kind));
}

/** The script's statements, comments dropped. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  const push = () => {
    const s = cur.trim();
    if (s !== '') out.push(s);
    cur = '';
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      cur += '\n';
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 1;
      cur += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === c) {
          if (script[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      cur += script.slice(i, j + 1);
      i = j;
    } else if (c === ';') push();
    else cur += c;
  }
  push();
  return out;
}

const keyword = (stmt: string) => /^[\s(]*([A-Za-z]+)/.exec(stmt)?.[1]?.toUpperCase() ?? '';

/** A multi-line statement as a Java expression, one string literal per line. */
function javaText(stmt: string): string {
  const lines = stmt.split('\n').map((l) => l.replace(/\s+$/, ''));
  if (lines.length === 1) return str(lines[0]!);
  return `String.join("\\n",\n${lines.map((l) => `                ${str(l)}`).join(',\n')})`;
}

export function writeJavaSqlJob(job: JobDocument, script: string, javaPackage: string, sourceName: string): { source: string } {
  const body: string[] = [];
  let selects = 0;
  let inserts = 0;
  for (const raw of splitStatements(script)) {
    // Eddy's own options ('eddy.*') mean nothing to Flink.
    const stmt = raw.replace(/,?\s*'eddy\.[\w.-]+'\s*=\s*'(?:[^']|'')*'/g, '').replace(/WITH\s*\(\s*,/i, 'WITH (');
    const kw = keyword(stmt);
    if (kw === 'SELECT' || kw === 'WITH' || kw === 'VALUES') {
      selects++;
      const sink = selects === 1 ? 'result' : `result_${selects}`;
      const v = selects === 1 ? 'result' : `result${selects}`;
      body.push(
        `        // Eddy prints a bare SELECT as the sink "${sink}": its changelog, one line per row.\n` +
          `        Table ${v} = RowLine.timesAsValues(tEnv.sqlQuery(${javaText(stmt)}));\n` +
          `        tEnv.toChangelogStream(${v})\n            .map(RowLine.of(${str(sink)}, ${v}), Types.STRING)\n            .uid(${str(`${sink}-line`)})\n            .name(${str(`${sink}: line`)})\n            .sinkTo(new PrintSink<>())\n            .uid(${str(sink)})\n            .name(${str(sink)});`,
      );
    } else if (kw === 'INSERT') {
      inserts++;
      body.push(`        inserts.addInsertSql(${javaText(stmt)});`);
    } else if (kw === 'SET') {
      const m = /^SET\s+'([^']+)'\s*=\s*'((?:[^']|'')*)'\s*$/is.exec(stmt);
      if (m) body.push(`        tEnv.getConfig().set(${str(m[1]!)}, ${str(m[2]!.replace(/''/g, "'"))});`);
    } else if (kw !== 'EXPLAIN' && kw !== 'RESET') {
      const table = /^\s*CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([\w.]+)`?/i.exec(stmt)?.[1];
      const path = /'connector'\s*=\s*'filesystem'/i.test(stmt) ? /'path'\s*=\s*'((?:[^']|'')*)'/.exec(stmt)?.[1]?.replace(/''/g, "'") : undefined;
      if (table !== undefined && path !== undefined) {
        body.push(`        // --input ${table}=PATH reads another file; a relative path is relative to the working directory.\n        tEnv.executeSql(SqlText.withPath(${javaText(stmt)},\n                Args.path(args, "input", ${str(table)}, ${str(path)})));`);
      } else body.push(`        tEnv.executeSql(${javaText(stmt)});`);
    }
  }
  const title = job.name ?? sourceName;
  const usesInserts = inserts > 0;
  const imports = [
    'import eddy.runtime.*;',
    'import org.apache.flink.api.common.typeinfo.Types;',
    'import org.apache.flink.configuration.Configuration;',
    'import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;',
    'import org.apache.flink.streaming.api.functions.sink.PrintSink;',
    ...(usesInserts ? ['import org.apache.flink.table.api.bridge.java.StreamStatementSet;'] : []),
    'import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;',
    'import org.apache.flink.table.api.Table;',
  ].filter((line) => selects > 0 || !/\b(Types|PrintSink|Table);$/.test(line));
  const source = `package ${javaPackage};

${imports.join('\n')}

/**
 * ${title.replace(/\*\//g, '* /')}
 *
 * Exported by Eddy from ${sourceName.replace(/\*\//g, '* /')}: the script run by Flink's SQL planner
 * through the Table API (it has operators with no DataStream form in the export). The
 * planner chooses the operators and their uids. See README.md to build and run it.
 */
public final class Job {
    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(${job.parallelism});
        env.setMaxParallelism(${job.maxParallelism});
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        // eddy run prints TIMESTAMP_LTZ values in UTC.
        tEnv.getConfig().set("table.local-time-zone", "UTC");${usesInserts ? '\n        StreamStatementSet inserts = tEnv.createStatementSet();' : ''}

${body.join('\n\n')}
${usesInserts ? '\n        inserts.attachAsDataStream();' : ''}
        env.execute(${str(title)});
    }
}
`;
  return { source };
}
