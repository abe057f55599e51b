package com.communitypulse.local.e2e;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * GitHub's issue comments as GitHub keeps them, for a MockWebServer: a POST to
 * {@code /repos/{o}/{r}/issues/{n}/comments} creates the comment whatever the answer, and every
 * {@code failEvery}-th one is still answered 502 Bad Gateway (GitHub may create a comment and
 * answer 502); a GET lists the thread's comments.
 */
final class GitHubThreads extends Dispatcher {
    private final int failEvery;
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger badAnswers = new AtomicInteger();
    private final Map<String, List<ObjectNode>> threads = new ConcurrentHashMap<>();

    GitHubThreads(int failEvery) {
        this.failEvery = failEvery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!path.matches("/repos/[^/]+/[^/]+/issues/\\d+/comments")) {
            return new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
        }
        List<ObjectNode> thread = threads.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
        if ("GET".equals(request.getMethod())) {
            ArrayNode list = Json.mapper().createArrayNode();
            thread.forEach(list::add);
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(list.toString()).build();
        }
        int n = posts.incrementAndGet();
        ObjectNode comment = Json.mapper().createObjectNode();
        comment.put("id", n);
        comment.put("html_url", "https://github.com" + path.replace("/repos", "").replace("/comments", "") + "#issuecomment-" + n);
        try {
            comment.put("body", Json.mapper().readTree(request.getBody().utf8()).path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread.add(comment);
        if (n % failEvery == 0) {
            badAnswers.incrementAndGet();
            return new MockResponse.Builder().code(502).body("<h1>502 Bad Gateway</h1>").build();
        }
        return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json").body(comment.toString()).build();
    }

    /** Every comment's body, across all threads. */
    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        threads.values().forEach(t -> t.forEach(c -> bodies.add(c.path("body").asText())));
        return bodies;
    }

    int badAnswers() {
        return badAnswers.get();
    }
}
