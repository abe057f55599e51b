package com.communitypulse.local;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runner's HTTP face on 127.0.0.1: the template's API routes (as API Gateway REST proxy
 * events), the stand-ins for EventBridge {@code PutEvents} and SES v2 {@code SendEmail} that the
 * functions' real SDK clients call, and the runner's own {@code /_local/...} routes.
 */
final class HttpFront implements AutoCloseable {
    /** API Gateway REST APIs refuse payloads over 10 MB before any function runs. */
    static final int API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

    private record RouteMatch(LocalTemplate.Route route, Map<String, String> pathParameters) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "local-http");
        t.setDaemon(true);
        return t;
    });
    private volatile LocalSystem system;

    HttpFront(int port) throws IOException {
        // without TCP_NODELAY each small response waits ~40 ms for the client's delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (java.net.BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is in use (choose another with --port)", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Starts serving the system's routes; until then only health answers (503). */
    void attach(LocalSystem system) {
        this.system = system;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (Exception | LinkageError e) {
                // answered before the exchange closes, so the caller sees why (not an empty reply)
                System.out.println("local runner: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + " failed: " + Failures.withFrames(e));
                int status = badRequest(e) ? 400 : 500;
                try {
                    send(exchange, status, json("message",
                            (status == 400 ? "" : "local runner error: ") + Failures.describe(e)), "application/json");
                } catch (IOException ignored) {
                    // the client went away, or the answer had started already
                }
            }
        }
    }

    /** Bad input from the caller (a non-JSON body, an argument the function refused), not a runner fault. */
    private static boolean badRequest(Throwable e) {
        Throwable cause = Failures.unwrap(e);
        return cause instanceof com.fasterxml.jackson.core.JsonProcessingException
                || cause instanceof IllegalArgumentException;
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        LocalSystem current = system;
        if (path.equals("/_local/health")) {
            send(exchange, current == null ? 503 : 200, current == null
                    ? json("status", "starting") : json("status", "ok"), "application/json");
            return;
        }
        if (current == null) {
            send(exchange, 503, json("message", "the local runner is starting"), "application/json");
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, json("message", "Request Too Long"), "application/json");
            return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("AWSEvents.PutEvents".equals(target)) {
            ObjectNode response = current.bus().putEvents(Json.mapper().readTree(body));
            send(exchange, 200, response.toString(), "application/x-amz-json-1.1");
        } else if (method.equals("POST") && path.equals("/v2/email/outbound-emails")) {
            send(exchange, 200, current.ses().sendEmail(Json.mapper().readTree(body)).toString(), "application/json");
        } else if (path.startsWith("/_local/")) {
            handleLocal(exchange, current, method, path, body);
        } else {
            handleApi(exchange, current, method, path, body);
        }
    }

    private void handleLocal(HttpExchange exchange, LocalSystem current, String method, String path, byte[] body)
            throws Exception {
        if (method.equals("POST") && path.startsWith("/_local/run/")) {
            String functionId = path.substring("/_local/run/".length());
            JsonNode detail = body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
            if (detail == null || !detail.isObject()) {
                send(exchange, 400, json("message", "the body must be a JSON object (the event's detail)"),
                        "application/json");
                return;
            }
            Object output = current.runScheduled(functionId, detail);
            if (output == LocalSystem.UNKNOWN_FUNCTION) {
                send(exchange, 404, json("message", "no function " + functionId + " in template.yaml"), "application/json");
                return;
            }
            ObjectNode response = Json.mapper().createObjectNode();
            response.put("function", functionId);
            response.set("result", Json.mapper().valueToTree(output));
            send(exchange, 200, response.toString(), "application/json");
        } else if (method.equals("POST") && path.equals("/_local/demo")) {
            send(exchange, 200, com.communitypulse.local.demo.DemoFill.fill(current).toJson().toString(), "application/json");
        } else if (method.equals("GET") && path.equals("/_local/dead-letters")) {
            send(exchange, 200, Json.mapper().writeValueAsString(current.bus().deadLetters()), "application/json");
        } else if (method.equals("GET") && path.equals("/_local/events")) {
            send(exchange, 200, Json.mapper().writeValueAsString(current.bus().published()), "application/json");
        } else if (method.equals("POST") && path.equals("/_local/idle")) {
            boolean idle = current.bus().awaitIdle(30_000);
            send(exchange, idle ? 200 : 504, json("idle", String.valueOf(idle)), "application/json");
        } else {
            send(exchange, 404, json("message", "unknown local route " + path), "application/json");
        }
    }

    private void handleApi(HttpExchange exchange, LocalSystem current, String method, String path, byte[] body)
            throws IOException {
        RouteMatch match = match(current.routes(), method, path);
        if (match == null) {
            send(exchange, 404, json("message", "no route for " + method + " " + path), "application/json");
            return;
        }
        Map<String, Object> event = apiEvent(exchange, match, method, path, body);
        Object output;
        try {
            output = current.function(match.route().functionId()).invoke(event);
        } catch (Exception | LinkageError e) {
            // API Gateway answers 502 when the integration fails
            System.out.println("local API: " + match.route().functionId() + " failed: " + Failures.withFrames(e));
            send(exchange, 502, json("message", "Internal server error"), "application/json");
            return;
        }
        respond(exchange, output);
    }

    @SuppressWarnings("unchecked")
    private static void respond(HttpExchange exchange, Object output) throws IOException {
        if (!(output instanceof Map<?, ?> map) || map.get("statusCode") == null) {
            send(exchange, 502, json("message", "Internal server error"), "application/json");
            return;
        }
        Map<String, Object> response = (Map<String, Object>) map;
        Map<String, Object> headers = (Map<String, Object>) response.getOrDefault("headers", Map.of());
        if (headers != null) {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, String.valueOf(value)));
        }
        Object rawBody = response.get("body");
        byte[] bytes = rawBody == null ? new byte[0]
                : Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode((String) rawBody)
                : ((String) rawBody).getBytes(StandardCharsets.UTF_8);
        int status = ((Number) response.get("statusCode")).intValue();
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, Object> apiEvent(HttpExchange exchange, RouteMatch match, String method, String path,
                                                byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiHeaders.put(name, values);
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(name, value);
                multiQuery.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        String text = utf8(body);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        identity.put("userAgent", headers.getOrDefault("User-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("requestId", UUID.randomUUID().toString());
        context.put("stage", "local");
        context.put("httpMethod", method);
        context.put("resourcePath", match.route().path());
        context.put("path", path);
        context.put("accountId", LocalTemplate.ACCOUNT);
        context.put("requestTimeEpoch", System.currentTimeMillis());
        context.put("requestTime", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)));
        context.put("identity", identity);

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", match.route().path());
        event.put("path", path);
        event.put("httpMethod", method);
        event.put("headers", headers);
        event.put("multiValueHeaders", multiHeaders);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("multiValueQueryStringParameters", multiQuery.isEmpty() ? null : multiQuery);
        event.put("pathParameters", match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.put("requestContext", context);
        // API Gateway passes text bodies as they are and binary ones base64-encoded
        event.put("body", body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", body.length > 0 && text == null);
        return event;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static RouteMatch match(List<LocalTemplate.Route> routes, String method, String rawPath) {
        String[] actual = rawPath.split("/", -1);
        for (LocalTemplate.Route route : routes) {
            if (!route.method().equals(method) && !route.method().equals("ANY")) {
                continue;
            }
            String[] expected = route.path().split("/", -1);
            if (expected.length != actual.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < expected.length && ok; i++) {
                if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                    String value = URLDecoder.decode(actual[i], StandardCharsets.UTF_8);
                    ok = !value.isEmpty();
                    params.put(expected[i].substring(1, expected[i].length() - 1), value);
                } else {
                    ok = expected[i].equals(actual[i]);
                }
            }
            if (ok) {
                return new RouteMatch(route, params);
            }
        }
        return null;
    }

    /** Reads the body, or null when it is over API Gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(API_GATEWAY_MAX_BODY + 1);
        if (bytes.length > API_GATEWAY_MAX_BODY) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return bytes;
    }

    private static String json(String key, String value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put(key, value);
        return node.toString();
    }

    private static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
