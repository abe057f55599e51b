package com.communitypulse.devkit.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One loopback endpoint answering the AWS calls the functions make besides DynamoDB, in the wire
 * protocols the SDK speaks: EventBridge {@code PutEvents} and Secrets Manager {@code GetSecretValue}
 * (AWS JSON 1.1, named by {@code X-Amz-Target}) and SES v2 {@code SendEmail} (REST JSON,
 * {@code POST /v2/email/outbound-emails}). Any other path gets a canned answer set with
 * {@link #answer} (e.g. a platform API) or 404. Every call is recorded.
 */
public final class AwsStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call: the {@code X-Amz-Target} (or {@code METHOD path}) and the request body. */
    public record Call(String operation, String body) {
    }

    private record Canned(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public AwsStandIn() {
        try {
            // without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aws-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code AWS_ENDPOINT_URL_<SERVICE>} variables pointing the functions' clients here. */
    public Map<String, String> endpointVariables() {
        return Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoint(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint(),
                "AWS_ENDPOINT_URL_SESV2", endpoint());
    }

    /** A secret {@code GetSecretValue} serves as its {@code SecretString}. */
    public AwsStandIn secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    /** A fixed answer for {@code METHOD /path} (a prefix, e.g. {@code POST /repos/}). */
    public AwsStandIn answer(String methodAndPathPrefix, int status, String body) {
        canned.put(methodAndPathPrefix, new Canned(status, body));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public void clear() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String operation = target != null ? target : route;
            calls.add(new Call(operation, body));
            if ("AWSEvents.PutEvents".equals(target)) {
                send(exchange, 200, "application/x-amz-json-1.1", putEvents(JSON.readTree(body)).toString());
            } else if ("secretsmanager.GetSecretValue".equals(target)) {
                getSecretValue(exchange, JSON.readTree(body).path("SecretId").asText());
            } else if (route.equals("POST /v2/email/outbound-emails")) {
                send(exchange, 200, "application/json", "{\"MessageId\":\"" + UUID.randomUUID() + "\"}");
            } else {
                Canned answer = canned.entrySet().stream().filter(e -> route.startsWith(e.getKey()))
                        .map(Map.Entry::getValue).findFirst()
                        .orElse(new Canned(404, "{\"message\":\"stand-in has no " + route + "\"}"));
                send(exchange, answer.status(), "application/json", answer.body());
            }
        }
    }

    private static ObjectNode putEvents(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        response.put("FailedEntryCount", 0);
        ArrayNode entries = response.putArray("Entries");
        request.path("Entries").forEach(e -> entries.addObject().put("EventId", UUID.randomUUID().toString()));
        return response;
    }

    private void getSecretValue(HttpExchange exchange, String id) throws IOException {
        String value = secrets.get(id);
        if (value == null) {
            send(exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"ResourceNotFoundException\","
                    + "\"Message\":\"Secrets Manager can't find the specified secret.\"}");
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id + "-AbCdEf");
        response.put("Name", id);
        response.put("SecretString", value);
        response.put("VersionId", UUID.randomUUID().toString());
        response.putArray("VersionStages").add("AWSCURRENT");
        response.put("CreatedDate", System.currentTimeMillis() / 1000.0);
        send(exchange, 200, "application/x-amz-json-1.1", response.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
