package com.communitypulse.reconcile.platform;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stand-in for GitHub's webhook delivery REST API at the HTTP level, as documented for version
 * 2022-11-28: {@code GET /repos/{owner}/{repo}/hooks/{id}/deliveries} and {@code /orgs/{org}/hooks/{id}/deliveries}
 * (newest first, {@code per_page} up to 100, an opaque {@code cursor} in the {@code Link} header's
 * {@code rel="next"}), and {@code POST .../deliveries/{delivery_id}/attempts} answered 202. GitHub never
 * redelivers by itself: a delivery is sent again only when {@link #redeliveries()} shows it was asked for.
 * Wrong headers are answered as GitHub would not: 400 with the reason, so the tests see them.
 */
public final class StandInGitHub implements AutoCloseable {
    public static final String TOKEN = "ghp_test_token";
    private final MockWebServer server = new MockWebServer();
    private final Map<String, List<ObjectNode>> hooks = new HashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    /** Redelivery requests answered 202 before the rate limit is hit; -1 = no limit. */
    public volatile int redeliveriesBeforeRateLimit = -1;
    public volatile int listStatus = 200;
    public volatile boolean rateLimitList;

    public StandInGitHub() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start();
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** A hook that exists (GitHub answers 404 for any other), with no deliveries yet. */
    public synchronized void hook(String hookPath) {
        hooks.computeIfAbsent(hookPath, p -> new ArrayList<>());
    }

    /** Adds an attempt to a hook ({@code path} e.g. {@code /repos/o/r/hooks/7}); returns its delivery id. */
    public synchronized long add(String hookPath, String guid, Instant at, int statusCode, boolean redelivery, String event) {
        long id = ids.incrementAndGet();
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("id", id);
        item.put("guid", guid);
        item.put("delivered_at", at.toString());
        item.put("redelivery", redelivery);
        item.put("duration", 0.27);
        item.put("status", statusCode == 0 ? "timed out" : statusCode < 300 ? "OK" : "Invalid HTTP Response: " + statusCode);
        item.put("status_code", statusCode);
        item.put("event", event);
        item.put("action", "opened");
        item.putNull("installation_id");
        item.put("repository_id", 1296269);
        item.putNull("throttled_at");
        hooks.computeIfAbsent(hookPath, p -> new ArrayList<>()).add(item);
        return id;
    }

    public long failed(String hookPath, String guid, Instant at, int statusCode) {
        return add(hookPath, guid, at, statusCode, false, "issues");
    }

    /** The POSTs asking for a redelivery, in order. */
    public List<RecordedRequest> redeliveries() {
        return requests.stream().filter(r -> "POST".equals(r.getMethod())).toList();
    }

    public List<RecordedRequest> lists() {
        return requests.stream().filter(r -> "GET".equals(r.getMethod())).toList();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private synchronized MockResponse answer(RecordedRequest request) {
        String problem = headerProblem(request);
        if (problem != null) {
            return json(400, "{\"message\":\"" + problem + "\"}");
        }
        String path = request.getRequestUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && path.endsWith("/deliveries")) {
            if (rateLimitList) {
                return json(403, "{\"message\":\"API rate limit exceeded\"}")
                        .addHeader("x-ratelimit-remaining", "0")
                        .addHeader("x-ratelimit-reset", Long.toString(Instant.now().plusSeconds(600).getEpochSecond()));
            }
            if (listStatus != 200) {
                return json(listStatus, "{\"message\":\"Server Error\"}");
            }
            String hook = path.substring(0, path.length() - "/deliveries".length());
            if (!hooks.containsKey(hook)) {
                return json(404, "{\"message\":\"Not Found\"}");
            }
            return page(hook, request);
        }
        if ("POST".equals(request.getMethod()) && path.matches(".*/deliveries/\\d+/attempts")) {
            String hook = path.substring(0, path.indexOf("/deliveries/"));
            long id = Long.parseLong(path.replaceAll(".*/deliveries/(\\d+)/attempts", "$1"));
            if (hooks.getOrDefault(hook, List.of()).stream().noneMatch(i -> i.get("id").asLong() == id)) {
                return json(404, "{\"message\":\"Not Found\"}");
            }
            if (redeliveriesBeforeRateLimit == 0) {
                return json(403, "{\"message\":\"You have exceeded a secondary rate limit\"}").addHeader("retry-after", "60");
            }
            if (redeliveriesBeforeRateLimit > 0) {
                redeliveriesBeforeRateLimit--;
            }
            return json(202, "{}");
        }
        return json(404, "{\"message\":\"Not Found\"}");
    }

    private MockResponse page(String hook, RecordedRequest request) {
        List<ObjectNode> items = new ArrayList<>(hooks.getOrDefault(hook, List.of()));
        items.sort(Comparator.comparing((ObjectNode i) -> i.get("delivered_at").asText()).reversed()
                .thenComparing(i -> -i.get("id").asLong()));
        int perPage = Math.min(100, Integer.parseInt(orElse(request.getRequestUrl().queryParameter("per_page"), "30")));
        String cursor = request.getRequestUrl().queryParameter("cursor");
        int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("v1_".length()));
        ArrayNode body = Json.mapper().createArrayNode();
        items.subList(Math.min(from, items.size()), Math.min(from + perPage, items.size())).forEach(body::add);
        MockResponse response = json(200, body.toString());
        if (from + perPage < items.size()) {
            response.addHeader("Link", "<" + url() + hook + "/deliveries?per_page=" + perPage + "&cursor=v1_" + (from + perPage)
                    + ">; rel=\"next\"");
        }
        return response;
    }

    private static String headerProblem(RecordedRequest request) {
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            return "Authorization should be Bearer <token>, was " + request.getHeader("Authorization");
        }
        if (!"application/vnd.github+json".equals(request.getHeader("Accept"))) {
            return "Accept should be application/vnd.github+json";
        }
        if (!"2022-11-28".equals(request.getHeader("X-GitHub-Api-Version"))) {
            return "X-GitHub-Api-Version should be 2022-11-28";
        }
        if (request.getHeader("User-Agent") == null) {
            return "GitHub refuses requests without a User-Agent";
        }
        return null;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).addHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
