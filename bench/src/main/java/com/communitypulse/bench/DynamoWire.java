package com.communitypulse.bench;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counting proxy between the hosted functions and DynamoDB Local: every call, by operation, with
 * the items it wrote and the capacity units DynamoDB charged for it. The functions run from their
 * own jars in their own class loaders, so an SDK interceptor in the bench cannot see their calls;
 * the wire can. It asks for {@code ReturnConsumedCapacity: TOTAL} on each data call (DynamoDB Local
 * ignores the signature, so the body may change) and passes the answer back byte for byte (the SDK
 * checks its CRC32).
 */
final class DynamoWire implements AutoCloseable {
    private static final Set<String> DATA_CALLS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
            "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade");

    /** What one operation cost over a window. */
    record Tally(long calls, long items, double capacityUnits) {
        Tally minus(Tally before) {
            return new Tally(calls - before.calls, items - before.items, capacityUnits - before.capacityUnits);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> items = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();
    private volatile URI target;

    DynamoWire() throws IOException {
        // without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** For {@code LocalSystem.Options.withDynamoRoute}: remembers DynamoDB Local's endpoint and answers the wire's. */
    URI route(URI dynamoLocal) {
        target = dynamoLocal;
        return endpoint();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static boolean isWrite(String operation) {
        return WRITES.contains(operation);
    }

    /** Per operation ("PutItem", ...), sorted by name. */
    Map<String, Tally> tallies() {
        Map<String, Tally> out = new TreeMap<>();
        calls.forEach((op, n) -> out.put(op, new Tally(n.sum(), items.get(op).sum(), units.get(op).sum())));
        return out;
    }

    static Map<String, Tally> minus(Map<String, Tally> after, Map<String, Tally> before) {
        Map<String, Tally> out = new TreeMap<>();
        after.forEach((op, t) -> {
            Tally d = t.minus(before.getOrDefault(op, new Tally(0, 0, 0)));
            if (d.calls() > 0) {
                out.put(op, d);
            }
        });
        return out;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            boolean data = DATA_CALLS.contains(operation);
            JsonNode request = data ? Json.mapper().readTree(body) : null;
            if (data && request instanceof ObjectNode object && !object.has("ReturnConsumedCapacity")) {
                object.put("ReturnConsumedCapacity", "TOTAL");
                body = Json.mapper().writeValueAsBytes(object);
            }
            HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> out.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (data && answer.statusCode() == 200) {
                tally(operation, request, Json.mapper().readTree(answer.body()));
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tally(String operation, JsonNode request, JsonNode answer) {
        long written = switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> request.path("TransactItems").size();
            case "BatchWriteItem", "BatchGetItem" -> {
                long n = 0;
                for (JsonNode table : request.path("RequestItems")) {
                    n += table.isArray() ? table.size() : table.path("Keys").size();
                }
                yield n;
            }
            default -> 1;
        };
        double charged = 0;
        JsonNode consumed = answer.path("ConsumedCapacity");
        for (JsonNode c : consumed.isArray() ? consumed : java.util.List.of(consumed)) {
            charged += c.path("CapacityUnits").asDouble(0);
        }
        // calls last: tallies() reads the other two for every operation it finds there
        items.computeIfAbsent(operation, k -> new LongAdder()).add(written);
        units.computeIfAbsent(operation, k -> new DoubleAdder()).add(charged);
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
