package com.communitypulse.welcome;

import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.platform.http.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The welcome's own test helpers: contributions made from the sample events, an empty thread's answers,
 * a test clock (public: the handler's and the domain's tests use them). Events and the table come from
 * the test kit.
 */
public final class WelcomeFixtures {
    private WelcomeFixtures() {
    }

    /** The detail of a sample event, with its identity (and person) replaced so each test has its own contributor. */
    public static FirstContribution contribution(String file, String identity) {
        JsonNode detail = Json.mapper().valueToTree(Fixtures.eventJson(file).get("detail"));
        ObjectNode copy = detail.deepCopy();
        copy.put("identity", identity);
        copy.put("person", identity);
        ((ObjectNode) copy.get("action")).put("actor", identity);
        return FirstContribution.fromDetail(copy);
    }

    /**
     * The answer of an empty thread to a welcome's look for an earlier one (GitHub issue comments, a
     * Discourse topic, Slack's conversations.history), or null for any other request.
     */
    public static okhttp3.mockwebserver.MockResponse emptyThread(okhttp3.mockwebserver.RecordedRequest request) {
        String path = request.getPath();
        if (!"GET".equals(request.getMethod()) || path == null) {
            return null;
        }
        String body = path.matches("(/api/v3)?/repos/[^/]+/[^/]+/issues/\\d+/comments\\?.*") ? "[]"
                : path.matches("/forum/t/\\d+(/posts)?\\.json\\?.*") ? "{\"post_stream\": {\"posts\": [], \"stream\": []}}"
                : path.startsWith("/slack/api/conversations.history?") ? "{\"ok\": true, \"messages\": [], \"has_more\": false}"
                : null;
        return body == null ? null : new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A clock that only moves when the test's sleeper "sleeps", so waits are recorded, not taken. */
    public static final class TestClock extends MutableClock {
        public final List<Duration> sleeps = new ArrayList<>();

        public TestClock(Instant start) {
            super(start);
        }

        public Sleeper sleeper() {
            return duration -> {
                sleeps.add(duration);
                advance(duration);
            };
        }
    }
}
