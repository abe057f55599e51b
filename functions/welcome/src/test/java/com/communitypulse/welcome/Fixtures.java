package com.communitypulse.welcome;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.platform.http.Sleeper;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Shared test helpers: the sample events in {@code events/}, the table from template.yaml, a test clock
 * (public: the handler's and the domain's tests use them).
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path eventsDir() {
        Path template = CfnTemplate.locate(Path.of("").toAbsolutePath());
        return template.getParent().resolve("events");
    }

    /** A sample envelope from {@code events/}, as Lambda hands it to the handler. */
    public static Map<String, Object> envelope(String file) {
        try {
            return Json.mapper().readValue(Files.readString(eventsDir().resolve(file)), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detail of a sample event, with its identity (and person) replaced so each test has its own contributor. */
    public static FirstContribution contribution(String file, String identity) {
        JsonNode detail = Json.mapper().valueToTree(envelope(file).get("detail"));
        ObjectNode copy = detail.deepCopy();
        copy.put("identity", identity);
        copy.put("person", identity);
        ((ObjectNode) copy.get("action")).put("actor", identity);
        return FirstContribution.fromDetail(copy);
    }

    public static DynamoDbClient dynamo(URI endpoint) {
        return AwsClients.configure(DynamoDbClient.builder(), localEnv(endpoint), "DYNAMODB").build();
    }

    public static Env localEnv(URI dynamoEndpoint) {
        return new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString()));
    }

    public static void createTable(DynamoDbClient dynamo, String name) {
        TableCreator.createContributorTable(dynamo, name);
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
