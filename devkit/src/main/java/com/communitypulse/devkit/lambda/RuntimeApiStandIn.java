package com.communitypulse.devkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as a runtime client sees it, for one execution environment:
 * {@code GET /runtime/invocation/next} hands out queued events with the headers Lambda sends, and
 * the runtime's {@code /response}, {@code /error} and {@code /init/error} posts are recorded.
 * Times are {@link System#nanoTime()}, so they compare with {@link LambdaProcess#startedNanos()}.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime";

    /** What the runtime answered to one event. */
    public enum Kind { RESPONSE, ERROR, INIT_ERROR }

    /**
     * @param body          the response payload, or the error JSON ({@code errorMessage}, {@code errorType}, ...)
     * @param errorType     {@code Lambda-Runtime-Function-Error-Type}, null for a response
     * @param handedOutNanos when the event was handed to the runtime (0 for an init error)
     * @param answeredNanos  when the runtime posted its answer
     */
    public record Outcome(Kind kind, String requestId, String body, String errorType, long handedOutNanos,
                          long answeredNanos) {
        public long millisToAnswer() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - handedOutNanos);
        }
    }

    private record Pending(String requestId, String event, String functionArn, long timeoutMillis,
                           CompletableFuture<Outcome> outcome) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> handedOut = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private volatile Runnable beforeHandOut = () -> { };

    public RuntimeApiStandIn() {
        try {
            // without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(BASE + "/", this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with the time of the runtime's first {@code /next}: its init is over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes when the runtime reports {@code /init/error}. */
    public CompletableFuture<Outcome> initError() {
        return initError;
    }

    /**
     * Runs just before each event is handed out, on the thread serving {@code /next} (the runtime
     * is then waiting): e.g. to note how much log output init wrote.
     */
    public void beforeHandOut(Runnable hook) {
        this.beforeHandOut = hook;
    }

    /** Queues one event; the outcome completes when the runtime posts its response or error. */
    public CompletableFuture<Outcome> invoke(String requestId, String event, String functionArn, long timeoutMillis) {
        Pending pending = new Pending(requestId, event, functionArn, timeoutMillis, new CompletableFuture<>());
        inFlight.put(requestId, pending);
        queue.add(pending);
        return pending.outcome();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                firstNext.complete(now);
                next(exchange);
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError.complete(new Outcome(Kind.INIT_ERROR, null, text(body), errorType(exchange), 0, now));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("/invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String[] parts = path.split("/");
                String requestId = parts[2];
                Pending pending = inFlight.remove(requestId);
                if (pending == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                boolean error = path.endsWith("/error");
                pending.outcome().complete(new Outcome(error ? Kind.ERROR : Kind.RESPONSE, requestId, text(body),
                        error ? errorType(exchange) : null, handedOut.getOrDefault(requestId, 0L), now));
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such runtime route: " + method + " " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = queue.take(); // the runtime long-polls here between events, as on Lambda
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        beforeHandOut.run();
        long deadline = System.currentTimeMillis() + pending.timeoutMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", pending.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId().replace("-", "").substring(0, 24) + ";Parent=0123456789abcdef;Sampled=1");
        handedOut.put(pending.requestId(), System.nanoTime());
        send(exchange, 200, pending.event());
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
