package eddy.runtime;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.graalvm.polyglot.Value;

/**
 * `asyncMap`: the node's `async (r, ctx) => result` under Flink's Async I/O
 * (`AsyncDataStream.orderedWait` / `unorderedWait`, which keep the capacity, the timeout, the
 * order and the retries). A GraalJS context is single-threaded, so every entry into it holds one
 * lock: `asyncInvoke` runs the function up to its first `await` on the task thread; `ctx.fetch`
 * and `setTimeout` do their waiting in Java threads, and their completions re-enter the context
 * under the lock to settle the Promise, after which GraalJS runs the continuations. So up to
 * `capacity` calls wait for I/O at once, while their JavaScript runs one slice at a time.
 */
public final class JsAsyncMap extends RichAsyncFunction<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final String fetchBase;
    private final long timeoutMs;
    private final JsFunction code;
    private final JsFunction onTimeout;
    private transient URI base;
    private transient ExecutorService files;
    private transient ScheduledExecutorService timers;
    private transient HttpClient http;
    private transient volatile boolean closed;
    /**
     * Calls so far per record, keyed by the ResultFuture Flink hands over: with a retry strategy it
     * is the record's RetryableResultHandlerDelegator, the same object for every attempt and for
     * `timeout` (whose TimeoutException Flink may retry), otherwise the record's ResultHandler.
     * Weak keys: an entry goes when Flink drops the record's handler, however the record ended
     * (an answer, a timeout, a final attempt at the end of input, a failure).
     */
    private transient Map<ResultFuture<Object>, int[]> attempts;

    /**
     * @param fetchBase what relative `ctx.fetch` URLs resolve against: a folder or a URL. The
     *     node's `retry` is Flink's retry strategy, built in Job.java: it decides every retry.
     */
    public JsAsyncMap(String node, String fetchBase, long timeoutMs, boolean hasTimeoutFunction) {
        this.node = node;
        this.fetchBase = fetchBase;
        this.timeoutMs = timeoutMs;
        this.code = new JsFunction(node, "code");
        this.onTimeout = hasTimeoutFunction ? new JsFunction(node, "timeout") : null;
    }

    @Override
    public void open(OpenContext openContext) {
        base = baseUri(fetchBase);
        files = Executors.newCachedThreadPool(daemon("eddy-fetch-" + node));
        timers = Executors.newSingleThreadScheduledExecutor(daemon("eddy-timers-" + node));
        attempts = new WeakHashMap<>();
        closed = false;
        synchronized (code) {
            code.open();
        }
        if (onTimeout != null) onTimeout.open();
    }

    @Override
    public void close() {
        closed = true;
        files.shutdownNow();
        timers.shutdownNow();
        synchronized (code) {
            code.close();
        }
        if (onTimeout != null) onTimeout.close();
    }

    @Override
    public void asyncInvoke(Object input, ResultFuture<Object> resultFuture) {
        synchronized (code) {
            int attempt = ++attempts.computeIfAbsent(resultFuture, f -> new int[1])[0];
            code.startAsync(input, context(attempt), new Host(), new Call(attempt, resultFuture));
        }
    }

    @Override
    public void timeout(Object input, ResultFuture<Object> resultFuture) {
        // Not the last word: Flink hands the outcome to its retry strategy (a TimeoutException
        // matches HAS_EXCEPTION_PREDICATE), so the count stays for a retry.
        int n;
        synchronized (code) {
            int[] calls = attempts.get(resultFuture);
            n = calls == null ? 1 : calls[0];
        }
        if (onTimeout == null) {
            resultFuture.completeExceptionally(new TimeoutException("node " + node + ": the async call timed out after " + timeoutMs + " ms"
                    + (n > 1 ? " and " + n + " attempts" : "") + " (params.timeoutMs; give params.timeout a function to handle timeouts instead of failing)"));
            return;
        }
        try {
            resultFuture.complete(results(onTimeout.call(input, context(n))));
        } catch (RuntimeException e) {
            resultFuture.completeExceptionally(new RuntimeException("node " + node + ": params.timeout failed: " + e.getMessage(), e));
        }
    }

    /** `ctx` without `fetch` (the bridge adds it): attempt, subtaskIndex, parallelism. */
    private Map<String, Object> context(int attempt) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("attempt", (long) attempt);
        ctx.put("subtaskIndex", (long) getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        ctx.put("parallelism", (long) getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        return ctx;
    }

    /** A record, an array of records, or undefined/null for none. */
    private static Collection<Object> results(Object value) {
        if (value instanceof List) return new ArrayList<>((List<?>) value);
        List<Object> one = new ArrayList<>(1);
        if (value != null) one.add(value);
        return one;
    }

    /** The outcome of one call; the bridge calls it inside the context (the lock is held). */
    public final class Call {
        private final int attempt;
        private final ResultFuture<Object> future;

        Call(int attempt, ResultFuture<Object> future) {
            this.attempt = attempt;
            this.future = future;
        }

        public void resolved(String json) {
            future.complete(results(json == null ? null : Json.parse(json)));
        }

        public void rejected(String message) {
            future.completeExceptionally(new RuntimeException("node " + node + ": the async call failed" + (attempt > 1 ? " (after " + attempt + " attempts)" : "") + ": " + message));
        }
    }

    /** `ctx.fetch` and `setTimeout` for the bridge: the waiting happens here, outside the context. */
    public final class Host {
        /** Resolves `url` against the base; calls `onResponse(status, statusText, body)` or `onError(message)` later. */
        public void fetch(String url, String initJson, Value onResponse, Value onError) {
            CompletableFuture<String[]> answer;
            try {
                URI uri = base.resolve(url);
                answer = "file".equals(uri.getScheme()) ? readFile(uri, url) : request(uri, initJson);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((r, e) -> settle(() -> {
                if (e == null) onResponse.executeVoid(Integer.parseInt(r[0]), r[1], r[2]);
                else onError.executeVoid(String.valueOf(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e));
            }));
        }

        public void setTimeout(Value fn, double ms) {
            timers.schedule(() -> settle(fn::executeVoid), Math.max(0L, (long) ms), TimeUnit.MILLISECONDS);
        }
    }

    /** Enters the context from an I/O or timer thread; GraalJS runs the Promise jobs as the call returns. */
    private void settle(Runnable r) {
        synchronized (code) {
            if (closed) return;
            r.run();
        }
    }

    private CompletableFuture<String[]> readFile(URI uri, String url) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String[] {"200", "OK", Files.readString(Path.of(uri), StandardCharsets.UTF_8)};
            } catch (NoSuchFileException e) {
                return new String[] {"404", "Not Found", "not found: " + url};
            } catch (java.io.IOException e) {
                if (Files.isDirectory(Path.of(uri))) return new String[] {"404", "Not Found", "not found: " + url};
                throw new java.io.UncheckedIOException(e);
            }
        }, files);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<String[]> request(URI uri, String initJson) {
        if (http == null) http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        Map<String, Object> init = initJson == null ? Map.of() : (Map<String, Object>) Json.parse(initJson);
        String method = init.get("method") == null ? "GET" : String.valueOf(init.get("method")).toUpperCase();
        Object body = init.get("body");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(String.valueOf(body)));
        if (init.get("headers") instanceof Map) {
            for (Map.Entry<String, Object> h : ((Map<String, Object>) init.get("headers")).entrySet()) b.header(h.getKey(), String.valueOf(h.getValue()));
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new String[] {String.valueOf(r.statusCode()), "", r.body()});
    }

    /** A folder (made absolute) or a URL with a scheme, ending in `/` so relative URLs go inside it. */
    static URI baseUri(String base) {
        if (base.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) return URI.create(base.endsWith("/") ? base : base + "/");
        URI uri = new File(base).getAbsoluteFile().toURI();
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
