package com.communitypulse.welcome.domain;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * One thread on each platform, as far as a welcome goes, that really keeps what is posted to it: the
 * GitHub issue octo-org/hello-world#7 (REST), the Discourse topic 42 (under {@code /forum}) and the Slack
 * channel C0LAN2Q65 (under {@code /slack/api}). A POST is stored before its answer is chosen, so a faulty
 * answer does not undo it, as on the real platforms; the listings read what is stored.
 */
final class ThreadStandIn extends Dispatcher {
    static final String ISSUE = "/api/v3/repos/octo-org/hello-world/issues/7/comments";

    /** How the next POSTs are answered once stored. */
    enum Fault {
        /** 201/200 with the created object. */
        NONE,
        /** 502 Bad Gateway: GitHub may create a comment and still answer 502. */
        BAD_GATEWAY,
        /** no answer until well past the client's request timeout. */
        STALL
    }

    final List<ObjectNode> stored = Collections.synchronizedList(new ArrayList<>());
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Fault fault = Fault.NONE;
    private volatile int faultyPosts;
    private volatile int failingListings;
    private volatile int listingStatus = 503;
    private volatile int outageAfterPost;
    /** GitHub's page size, when smaller than the {@code per_page} asked for. */
    volatile int pageSize = 100;

    /** The next {@code posts} POSTs are stored, then answered with {@code fault}. */
    ThreadStandIn postsAnswer(Fault fault, int posts) {
        this.fault = fault;
        this.faultyPosts = posts;
        return this;
    }

    /** The next {@code listings} GETs of the thread fail with {@code status}. */
    ThreadStandIn listingsFail(int status, int listings) {
        this.listingStatus = status;
        this.failingListings = listings;
        return this;
    }

    /** The next POST is stored and answered 502, then the next {@code listings} listings fail with 503 too. */
    ThreadStandIn outageAfterPost(int listings) {
        postsAnswer(Fault.BAD_GATEWAY, 1);
        this.outageAfterPost = listings;
        return this;
    }

    /** A comment someone else wrote, already in the thread. */
    void someoneComments(String text) {
        ObjectNode comment = Json.mapper().createObjectNode();
        int id = 9000 + stored.size();
        comment.put("id", id);
        comment.put("html_url", "https://github.com/octo-org/hello-world/pull/7#issuecomment-" + id);
        comment.put("body", text);
        stored.add(comment);
    }

    List<RecordedRequest> requests(String method) {
        synchronized (requests) {
            return requests.stream().filter(r -> method.equals(r.getMethod())).toList();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getPath();
        String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean get = "GET".equals(request.getMethod());
        if (get && (route.equals(ISSUE) || route.equals("/forum/t/42.json") || route.equals("/forum/t/42/posts.json")
                || route.equals("/slack/api/conversations.history"))) {
            if (failingListings > 0) {
                failingListings--;
                return new MockResponse().setResponseCode(listingStatus).setBody(listingStatus == 200
                        ? "{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"channels:history\"}" : "upstream error");
            }
        }
        if (get && route.equals(ISSUE)) {
            // GitHub lists oldest first, in pages, with a Link header to the next one
            int page = path.matches(".*[?&]page=\\d+.*") ? Integer.parseInt(path.replaceAll(".*[?&]page=(\\d+).*", "$1")) : 1;
            List<ObjectNode> all = snapshot();
            ArrayNode comments = Json.mapper().createArrayNode();
            all.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(comments::add);
            MockResponse response = json(200, comments);
            if (page * pageSize < all.size()) {
                String next = path.replaceAll("&page=\\d+", "") + "&page=" + (page + 1);
                response.setHeader("Link", "<http://" + request.getRequestUrl().host() + ":" + request.getRequestUrl().port()
                        + next + ">; rel=\"next\"");
            }
            return response;
        }
        if (!get && route.equals("/api/graphql")) {
            JsonNode body = body(request);
            if (body.path("query").asText().startsWith("query")) {
                ObjectNode answer = Json.mapper().createObjectNode();
                ObjectNode discussion = answer.putObject("data").putObject("repository").putObject("discussion");
                discussion.put("id", "D_kwDOA");
                ArrayNode nodes = discussion.putObject("comments").putArray("nodes");
                snapshot().forEach(nodes::add);
                return json(200, answer);
            }
            ObjectNode comment = Json.mapper().createObjectNode();
            comment.put("id", "DC_kwDO" + stored.size());
            comment.put("url", "https://github.com/octo-org/hello-world/discussions/90#discussioncomment-" + stored.size());
            comment.put("body", body.at("/variables/body").asText());
            stored.add(comment);
            ObjectNode answer = Json.mapper().createObjectNode();
            answer.putObject("data").putObject("addDiscussionComment").set("comment", comment);
            return answer(answer, 200);
        }
        if (!get && route.equals(ISSUE)) {
            ObjectNode comment = Json.mapper().createObjectNode();
            int id = 9000 + stored.size();
            comment.put("id", id);
            comment.put("html_url", "https://github.com/octo-org/hello-world/pull/7#issuecomment-" + id);
            comment.put("body", body(request).path("body").asText());
            return created(comment, 201);
        }
        if (get && (route.equals("/forum/t/42.json") || route.equals("/forum/t/42/posts.json"))) {
            boolean raw = path.contains("include_raw=true");
            ObjectNode topic = Json.mapper().createObjectNode();
            ObjectNode stream = topic.putObject("post_stream");
            ArrayNode posts = stream.putArray("posts");
            for (ObjectNode post : snapshot()) {
                ObjectNode shown = post.deepCopy();
                // the cooked HTML may drop an HTML comment; raw only when asked for
                shown.put("cooked", "<p>" + post.path("raw").asText().replaceAll("<!--.*?-->", "").trim() + "</p>");
                if (!raw) {
                    shown.remove("raw");
                }
                posts.add(shown);
            }
            return json(200, topic);
        }
        if (!get && route.equals("/forum/posts.json")) {
            ObjectNode post = Json.mapper().createObjectNode();
            post.put("id", 700 + stored.size());
            post.put("topic_id", 42);
            post.put("post_number", 2 + stored.size());
            post.put("topic_slug", "how-do-i-start");
            post.put("raw", body(request).path("raw").asText());
            return created(post, 200);
        }
        if (get && route.equals("/slack/api/conversations.history")) {
            ObjectNode answer = Json.mapper().createObjectNode().put("ok", true).put("has_more", false);
            ArrayNode messages = answer.putArray("messages");
            List<ObjectNode> all = new ArrayList<>(snapshot());
            Collections.reverse(all); // Slack lists newest first
            for (ObjectNode message : all) {
                ObjectNode shown = message.deepCopy();
                if (!path.contains("include_all_metadata=true")) {
                    shown.remove("metadata");
                }
                messages.add(shown);
            }
            return json(200, answer);
        }
        if (!get && route.equals("/slack/api/chat.postMessage")) {
            JsonNode body = body(request);
            ObjectNode message = Json.mapper().createObjectNode();
            message.put("type", "message");
            message.put("ts", "1763643600.0001" + stored.size());
            message.put("text", body.path("text").asText());
            if (body.has("metadata")) {
                message.set("metadata", body.get("metadata"));
            }
            ObjectNode answer = Json.mapper().createObjectNode().put("ok", true).put("channel", body.path("channel").asText())
                    .put("ts", message.path("ts").asText());
            stored.add(message);
            return answer(answer, 200);
        }
        return new MockResponse().setResponseCode(404).setBody("{\"message\": \"Not Found\"}");
    }

    private MockResponse created(ObjectNode thing, int status) {
        stored.add(thing);
        return answer(thing, status);
    }

    /** The created object's answer, unless a fault is due. */
    private MockResponse answer(ObjectNode thing, int status) {
        if (faultyPosts > 0) {
            faultyPosts--;
            if (outageAfterPost > 0) {
                failingListings = outageAfterPost;
                listingStatus = 503;
                outageAfterPost = 0;
            }
            switch (fault) {
                case BAD_GATEWAY:
                    return new MockResponse().setResponseCode(502).setBody("<html><h1>502 Bad Gateway</h1></html>");
                case STALL:
                    return json(status, thing).setHeadersDelay(3, TimeUnit.SECONDS);
                default:
                    break;
            }
        }
        return json(status, thing);
    }

    private List<ObjectNode> snapshot() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return Json.mapper().readTree(request.getBody().clone().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
