package eddy.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * `ratePerSec` as Eddy's source throttle counts it: the first permit at the first request, permit
 * n at start + n / rate seconds, never a burst. Flink's RateLimiterStrategy.perSecond (Guava's
 * SmoothBursty) stores up to a second of unused permits, so a reader opened a moment before its
 * first record would emit a burst. The rate is the whole source's, split over its subtasks.
 */
public final class SteadyRate implements RateLimiterStrategy<SourceSplit> {
    private static final long serialVersionUID = 1L;

    private final double perSecond;

    public SteadyRate(double perSecond) {
        this.perSecond = perSecond;
    }

    @Override
    public RateLimiter<SourceSplit> createRateLimiter(int parallelism) {
        double rate = perSecond / parallelism;
        return new RateLimiter<>() {
            private long start = -1;
            private long granted;

            @Override
            public CompletionStage<Void> acquire(int permits) {
                long now = System.nanoTime();
                if (start < 0) start = now;
                long wait = start + (long) (granted * 1e9 / rate) - now;
                granted += permits;
                if (wait <= 0) return CompletableFuture.completedFuture(null);
                return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS));
            }
        };
    }
}
