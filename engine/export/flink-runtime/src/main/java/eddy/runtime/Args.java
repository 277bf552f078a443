package eddy.runtime;

/** Command-line options of the job, as `eddy run` takes them: `--input NODE=PATH`, `--output NODE=PATH`. */
public final class Args {
    private Args() {}

    /** The path given for `node` with `--option node=PATH`, else the job file's path. */
    public static String path(String[] args, String option, String node, String fallback) {
        for (int k = 0; k + 1 < args.length; k++) {
            if (args[k].equals("--" + option) && args[k + 1].startsWith(node + "=")) return args[k + 1].substring(node.length() + 1);
        }
        return fallback;
    }

    /** The value of `--option VALUE`, else `fallback`. */
    public static String option(String[] args, String option, String fallback) {
        for (int k = 0; k + 1 < args.length; k++) if (args[k].equals("--" + option)) return args[k + 1];
        return fallback;
    }
}
