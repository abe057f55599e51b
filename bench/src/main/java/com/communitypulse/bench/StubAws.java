package com.communitypulse.bench;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny stand-in for EventBridge {@code PutEvents}, SES v2 {@code SendEmail} and Secrets Manager
 * {@code GetSecretValue} on loopback, so a
 * cold-started function's calls to them succeed without routing anything further (the cold-start
 * clock then times the function, not the rest of the system). Every entry and email is accepted.
 */
final class StubAws implements AutoCloseable {
    private final HttpServer server;
    final AtomicLong putEvents = new AtomicLong();
    final AtomicLong emails = new AtomicLong();
    final AtomicLong secretReads = new AtomicLong();
    private final Map<String, String> secrets;

    /** @param secrets Secrets Manager secret name -> value ({@code {}} for any other name) */
    StubAws(Map<String, String> secrets) throws IOException {
        this.secrets = Map.copyOf(secrets);
        // without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stub-aws");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            ObjectNode answer = Json.mapper().createObjectNode();
            String type = "application/json";
            if ("AWSEvents.PutEvents".equals(target)) {
                putEvents.incrementAndGet();
                JsonNode entries = Json.mapper().readTree(request).path("Entries");
                answer.put("FailedEntryCount", 0);
                ArrayNode results = answer.putArray("Entries");
                for (int i = 0; i < entries.size(); i++) {
                    results.addObject().put("EventId", UUID.randomUUID().toString());
                }
                type = "application/x-amz-json-1.1";
            } else if ("secretsmanager.GetSecretValue".equals(target)) {
                secretReads.incrementAndGet();
                String id = Json.mapper().readTree(request).path("SecretId").asText();
                answer.put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id + "-AbCdEf");
                answer.put("Name", id);
                answer.put("SecretString", secrets.getOrDefault(id, "{}"));
                answer.put("VersionId", "00000000-0000-0000-0000-000000000001");
                answer.putArray("VersionStages").add("AWSCURRENT");
                answer.put("CreatedDate", 1.7e9);
                type = "application/x-amz-json-1.1";
            } else if (exchange.getRequestURI().getPath().endsWith("/v2/email/outbound-emails")) {
                emails.incrementAndGet();
                answer.put("MessageId", UUID.randomUUID().toString());
            }
            byte[] body = Json.mapper().writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (RuntimeException e) {
            byte[] body = ("{\"message\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
