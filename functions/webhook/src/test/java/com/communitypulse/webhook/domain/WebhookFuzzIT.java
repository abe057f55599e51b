package com.communitypulse.webhook.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.testkit.StandaloneContributorTable;
import com.communitypulse.webhook.PlatformSigner;
import com.communitypulse.webhook.RecordingMetrics;
import com.communitypulse.webhook.SampleEvents;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.store.DynamoDbDeliveryClaimStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing every route through the whole service (verifier, parser, shape checks, claim, publish):
 * correctly signed bodies made of arbitrary bytes, deep nesting, huge strings, any unicode and
 * out-of-range numbers, and arbitrary unsigned requests. The answer is always a status below 500
 * with a JSON reason, never an exception, and only an accepted delivery reaches the bus.
 */
class WebhookFuzzIT {
    static final long TS = SampleEvents.SIGNED_AT;
    static final Set<String> ROUTES = Set.of("github", "discourse", "discord", "slack", "community");
    static final AtomicLong DELIVERY = new AtomicLong();

    /** jqwik runs no Jupiter extensions: the kit's table for it, on an engine of its own. */
    static StandaloneContributorTable table;
    static WebhookService service;
    static RecordingPublisher publisher;

    @BeforeContainer
    static void start() {
        table = StandaloneContributorTable.start();
        publisher = new RecordingPublisher();
        service = new WebhookService(new EnvSecretSource(new Env(PlatformSigner.devSecrets())),
                new DynamoDbDeliveryClaimStore(table.client(), table.name()), publisher, new RecordingMetrics(),
                new DetailProjection(), Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC));
    }

    @AfterContainer
    static void stop() {
        table.close();
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of("github", "discourse", "discord", "slack", "community");
    }

    /** Hostile and odd bodies, as text. */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(2_000);
        Arbitrary<String> deepArrays = Arbitraries.integers().between(1, 20_000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> deepObjects = Arbitraries.integers().between(1, 5_000)
                .map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n));
        Arbitrary<String> hugeStrings = Arbitraries.integers().between(1_000, 1_200_000)
                .map(n -> "{\"zen\":\"" + "z".repeat(n) + "\"}");
        Arbitrary<String> hugeNumbers = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 5_000).map(n -> "{\"id\":" + "9".repeat(n) + "}"),
                Arbitraries.of("{\"id\":1e999999}", "{\"id\":-1e-999999}", "{\"id\":NaN}", "{\"type\":1e400}",
                        "{\"event_time\":99999999999999999999999}", "{\"type\":\"url_verification\",\"challenge\":1e308}"));
        Arbitrary<String> wrongShapes = Arbitraries.of("null", "[]", "\"text\"", "42", "{}", "{\"type\":1}", "{\"type\":0}",
                "{\"type\":2,\"data\":{\"name\":\"kudos\",\"options\":[{\"name\":\"to\",\"type\":6,\"value\":[]}]}}",
                "{\"type\":\"event_callback\",\"event\":null}", "{\"post\":[]}", "{\"actor\":{},\"context\":[]}",
                "{\"hook_id\":\"x\",\"zen\":{}}", "{\"payload\":\"%%%\"}");
        Arbitrary<String> randomJson = Combinators.combine(
                Arbitraries.strings().ofMaxLength(20), Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.integers()).as((k, v, n) -> "{\"" + k.replace("\"", "") + "\":\""
                + v.replace("\\", "").replace("\"", "") + "\",\"n\":" + n + "}");
        return Arbitraries.frequencyOf(
                Tuple(3, anyUnicode), Tuple(2, deepArrays), Tuple(2, deepObjects), Tuple(1, hugeStrings),
                Tuple(2, hugeNumbers), Tuple(3, wrongShapes), Tuple(3, randomJson));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends String>> Tuple(int weight, Arbitrary<String> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    @Property(tries = 300)
    void correctlySignedOddBodiesNeverFailTheServer(@ForAll("routes") String route, @ForAll("bodies") String body) {
        Map<String, String> headers = signedHeaders(route, body);
        int before = publisher.events().size();
        WebhookResponse response = service.handle(new WebhookRequest(route, headers, body, false, "fuzz"));
        assertTrue(response.status() < 500, () -> route + " answered " + response.status() + " " + response.body());
        assertTrue(response.body() == null || response.body().isEmpty() || response.body().startsWith("{"),
                "answers are JSON: " + response.body());
        if (response.status() != 202) {
            assertEquals(before, publisher.events().size(), "only accepted deliveries reach the bus: " + response.body());
        }
    }

    @Property(tries = 300)
    void arbitraryBytesAndHeadersAreRefusedWithoutSideEffects(
            @ForAll("routes") String route,
            @ForAll byte[] bytes,
            @ForAll("headerNames") String headerName,
            @ForAll String headerValue) {
        int before = publisher.events().size();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(headerName, headerValue);
        WebhookResponse response = service.handle(new WebhookRequest(route, headers,
                Base64.getEncoder().encodeToString(bytes), true, "fuzz"));
        assertTrue(response.status() >= 400 && response.status() < 500,
                () -> route + " answered " + response.status() + " " + response.body());
        assertEquals(before, publisher.events().size());
    }

    @Property(tries = 100)
    void githubBodiesOfArbitraryBytesSignedOverTheRawBytesNeverFailTheServer(@ForAll byte[] bytes) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PlatformSigner.DEV_GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Map<String, String> headers = PlatformSigner.github(PlatformSigner.DEV_GITHUB_SECRET, "issues",
                "fuzz-bytes-" + DELIVERY.incrementAndGet(), "");
        headers.put("X-Hub-Signature-256", "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(bytes)));
        WebhookResponse response = service.handle(new WebhookRequest("github", headers,
                Base64.getEncoder().encodeToString(bytes), true, "fuzz"));
        assertTrue(response.status() < 500, () -> "answered " + response.status() + " " + response.body());
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("X-Hub-Signature-256", "X-Slack-Signature", "X-Signature-Ed25519", "X-Signature",
                "X-Discourse-Event-Signature", "X-Slack-Request-Timestamp", "X-Signature-Timestamp", "X-GitHub-Event",
                "Content-Type", "content-length");
    }

    static Map<String, String> signedHeaders(String route, String body) {
        String delivery = "fuzz-" + DELIVERY.incrementAndGet();
        return new LinkedHashMap<>(switch (route) {
            case "github" -> PlatformSigner.github(PlatformSigner.DEV_GITHUB_SECRET,
                    DELIVERY.get() % 2 == 0 ? "ping" : "issues", delivery, body);
            case "discourse" -> PlatformSigner.discourse(PlatformSigner.DEV_DISCOURSE_SECRET, "post_created", "post",
                    delivery, body);
            case "discord" -> PlatformSigner.discord(PlatformSigner.DEV_DISCORD_SEED, TS, body);
            case "slack" -> PlatformSigner.slack(PlatformSigner.DEV_SLACK_SECRET, TS, body);
            default -> PlatformSigner.community(PlatformSigner.DEV_COMMUNITY_SECRET, TS, body);
        });
    }
}
