/** README.md of an exported Flink project: what it is, how to build, run and submit it, and its limits. */
import type { JobDocument } from '../graph/schema.js';

export function projectReadme(job: JobDocument, o: { artifactId: string; sourceName: string; usesCode: boolean; flinkVersion: string }): string {
  const inputs = job.nodes.filter((n) => n.kind === 'source.file');
  const outputs = job.nodes.filter((n) => n.kind === 'sink.file');
  const asyncMaps = job.nodes.filter((n) => n.kind === 'asyncMap');
  const files = [
    ...(asyncMaps.length
      ? [`- \`--fetch-base DIR|URL\`: what relative \`ctx.fetch\` URLs of ${asyncMaps.map((n) => `\`${n.id}\``).join(', ')} resolve against (default: the working directory; Eddy resolves them against the job file's folder). On a cluster, give a URL or a folder every TaskManager has`]
      : []),
    ...inputs.map((n) => `- \`--input ${n.id}=PATH\`: the file node \`${n.id}\` reads (default: \`${(n.params as { path?: string }).path ?? `${n.id}.${(n.params as { format: string }).format}`}\`, relative to the working directory)`),
    ...outputs.map((n) => `- \`--output ${n.id}=DIR\`: the directory node \`${n.id}\` writes its part files to (default: \`${(n.params as { path?: string }).path ?? `${n.id}-out`}\`)`),
  ];
  return `# ${job.name ?? o.sourceName}

Apache Flink ${o.flinkVersion} DataStream job exported by Eddy from \`${o.sourceName}\`.
\`src/main/java/eddy/job/Job.java\` is the program; \`src/main/java/eddy/runtime/\` holds the classes it uses.
Every operator's uid is the Eddy node id, so savepoint state maps one to one.

## Build

    mvn package

builds \`target/${o.artifactId}-1.0.jar\` (Java 17, Maven 3.8+): your code and the connectors
${o.usesCode ? 'and GraalJS ' : ''}shaded into one jar; Flink itself is \`provided\` by the cluster.

## Run

On a Flink ${o.flinkVersion} cluster (or \`./bin/start-cluster.sh\` of a local Flink download):

    flink run target/${o.artifactId}-1.0.jar

Without a cluster, in a local MiniCluster (Flink's jars from the build's classpath):

    mvn -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=compile
    java -cp "target/classes:$(cat cp.txt)" eddy.job.Job

Collect sinks print \`{"sink": node, "value": record}\` lines to the TaskManager's stdout
(\`log/*.out\` on a cluster), the lines \`eddy run\` prints.
${files.length ? `\nOptions (after the jar):\n\n${files.join('\n')}\n` : ''}${
    o.usesCode
      ? `
## JavaScript functions

The job's functions are in \`src/main/resources/functions/<node>.<param>.js\`, unchanged. They run
in GraalJS (\`org.graalvm.polyglot\`): each task evaluates its node's code once, and
\`eddy/bridge.js\` gives it Eddy's \`ctx\` and \`out\` on top of Flink's keyed state, TimerService
and side outputs. Limits:

- Records cross between Java and JavaScript as JSON text: each call parses and prints its record.
  Expect a few times the cost of a Java function; numbers are JSON numbers (whole numbers stay
  whole), \`undefined\` fields disappear, \`Date\`s become strings.
- State values are stored as JSON text. An object read from state and changed must be written
  back with \`update\`/\`put\` (as with Flink's RocksDB backend; Eddy's heap state forgives it).
- On a JVM without the Graal compiler GraalJS runs interpreted (no JIT): correct, slower. Run on
  GraalVM or add the Truffle runtime for speed.
- Code runs in a context per task: no \`require\`; network and files only through an asyncMap's
  \`ctx.fetch\`.${
          asyncMaps.length
            ? `
- \`asyncMap\` runs under Flink's \`AsyncDataStream\` (capacity, timeout, order and retries are
  Flink's). A GraalJS context is single-threaded: each call runs up to its first \`await\` on the
  task thread, \`ctx.fetch\` and \`setTimeout\` wait in Java threads, and their answers re-enter
  the context one at a time. So up to \`capacity\` calls wait for I/O at once, but the JavaScript
  between awaits runs one call at a time per subtask: CPU-heavy code gains nothing from capacity
  (raise the parallelism instead), and a call that never awaits holds the task thread.`
            : ''
        }
`
      : ''
  }
See Eddy's docs/export.md for the mapping node by node and what has no Flink equivalent.
`;
}
