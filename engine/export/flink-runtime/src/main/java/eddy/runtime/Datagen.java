package eddy.runtime;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * `source.datagen`: record i of Eddy's deterministic `{key, value, ts}` stream — the same hash of
 * (seed, i) as Eddy, so the same seed gives the same records; DataGeneratorSource splits i over subtasks.
 */
public final class Datagen implements GeneratorFunction<Long, Object> {
    private static final int KEY_SALT = 0x6b6579;
    private static final int VALUE_SALT = 0x76616c;
    private static final int JITTER_SALT = 0x747321;

    private final long seed;
    private final long keys;
    private final long startTs;
    private final long stepMs;
    private final long maxOutOfOrdernessMs;

    public Datagen(long seed, long keys, long startTs, long stepMs, long maxOutOfOrdernessMs) {
        this.seed = seed;
        this.keys = keys;
        this.startTs = startTs;
        this.stepMs = stepMs;
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
    }

    private static int mix(int h, int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static long fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    /** Unsigned 32-bit murmur3 of (seed, i) for one purpose. */
    static long hash(long seed, long i, int salt) {
        int h = salt;
        h = mix(h, (int) seed);
        h = mix(h, (int) Math.floorDiv(seed, 4294967296L));
        h = mix(h, (int) i);
        h = mix(h, (int) Math.floorDiv(i, 4294967296L));
        h ^= 16;
        return fmix(h);
    }

    @Override
    public Object map(Long index) {
        long i = index;
        long jitter = maxOutOfOrdernessMs > 0 ? hash(seed, i, JITTER_SALT) % (maxOutOfOrdernessMs + 1) : 0;
        return Records.object(
                "key", "key-" + (hash(seed, i, KEY_SALT) % keys),
                "value", hash(seed, i, VALUE_SALT) % 100,
                "ts", startTs + i * stepMs - jitter);
    }
}
