package eddy.job;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Test support (test/flink/savepoint.flink.ts), copied into an exported project beside Job: runs
 * Job's main in a MiniCluster and either stops it with a savepoint once N sink lines were printed
 * ("stop N DIR OUT": the savepoint's path is written to OUT), or starts it from a savepoint
 * ("restore PATH"). The program itself is Job's, unchanged: only its environment is this one.
 */
public final class SavepointRun extends StreamExecutionEnvironment {
    private SavepointRun() {}

    /** A MiniCluster in this JVM, as LocalStreamEnvironment runs (which refuses to run under a context environment). */
    private static Configuration local(Configuration conf) {
        Configuration c = new Configuration(conf);
        c.set(DeploymentOptions.TARGET, "local");
        c.set(DeploymentOptions.ATTACHED, true);
        return c;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        AtomicInteger lines = new AtomicInteger();
        PrintStream real = System.out;
        // PrintSink writes to System.out: count its lines as they pass.
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                real.write(b);
                if (b == '\n') lines.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                real.write(b, off, len);
                for (int i = off; i < off + len; i++) if (b[i] == '\n') lines.incrementAndGet();
            }

            @Override
            public void flush() {
                real.flush();
            }
        }, true, StandardCharsets.UTF_8));
        String[] jobArgs;
        if (mode.equals("stop")) {
            int stopAfter = Integer.parseInt(args[1]);
            String dir = args[2];
            Path out = Path.of(args[3]);
            jobArgs = Arrays.copyOfRange(args, 4, args.length);
            initializeContextEnvironment(conf -> new StreamExecutionEnvironment(local(conf)) {
                @Override
                public JobExecutionResult execute(String jobName) throws Exception {
                    JobClient client = executeAsync(jobName);
                    while (lines.get() < stopAfter) {
                        if (client.getJobStatus().get().isGloballyTerminalState()) throw new IllegalStateException("the job ended before " + stopAfter + " lines");
                        Thread.sleep(5);
                    }
                    String savepoint = client.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL).get();
                    Files.writeString(out, savepoint);
                    return null;
                }
            });
        } else {
            String savepoint = args[1];
            jobArgs = Arrays.copyOfRange(args, 2, args.length);
            initializeContextEnvironment(conf -> {
                Configuration restored = local(conf);
                restored.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
                return new StreamExecutionEnvironment(restored);
            });
        }
        Job.main(jobArgs);
        System.out.flush();
    }
}
