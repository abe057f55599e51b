package com.communitypulse.welcome.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.github.AppKeys;
import com.communitypulse.welcome.TokenSource;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeFixtures;
import com.communitypulse.welcome.domain.WelcomeService.Outcome;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The welcome end to end below the handler: DynamoDB Local with the template's table, and the
 * platforms stood in for by MockWebServer, asserting the requests they receive.
 */
class WelcomeServiceIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final Instant START = Instant.parse("2026-11-20T10:00:10Z");
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private MockWebServer platform;
    private WelcomeFixtures.TestClock clock;
    private DynamoDbWelcomeStore store;
    private final List<String> metrics = new ArrayList<>();

    @TempDir
    Path outbox;

    @BeforeEach
    void startPlatform() throws IOException {
        platform = new MockWebServer();
        // every welcome first reads the thread for an earlier one (WelcomeOnceIT): answered here with an
        // empty thread, so the queue holds the answers to the writes
        platform.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse empty = emptyThread(request);
                MockResponse next = empty != null ? empty : answers.poll();
                // an unexpected request gets a 404 at once instead of waiting for a response that never comes
                return next != null ? next : new MockResponse().setResponseCode(404);
            }
        });
        platform.start();
        clock = new WelcomeFixtures.TestClock(START);
        store = new DynamoDbWelcomeStore(TABLE.client(), TABLE.name());
    }

    @AfterEach
    void stopPlatform() throws IOException {
        platform.shutdown();
    }

    private final AtomicInteger lookups = new AtomicInteger();
    /** The answers to the writes, in order (MockWebServer's own queue cannot sit behind a custom dispatcher). */
    private final java.util.concurrent.ConcurrentLinkedQueue<MockResponse> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void enqueue(MockResponse response) {
        answers.add(response);
    }

    /** An empty thread's answer to a look for an earlier welcome (counted), or null. */
    private MockResponse emptyThread(RecordedRequest request) {
        MockResponse answer = WelcomeFixtures.emptyThread(request);
        if (answer != null) {
            lookups.incrementAndGet();
        }
        return answer;
    }

    /** Requests to the platform other than those looks. */
    private int writes() {
        return platform.getRequestCount() - lookups.get();
    }

    private String base() {
        String url = platform.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private WelcomeService service(Map<String, String> extraEnv, PlatformTokens tokens) {
        return service(extraEnv, TokenSource.of(tokens), poster -> poster);
    }

    private WelcomeService service(Map<String, String> extraEnv, PlatformTokens tokens,
                                   java.util.function.UnaryOperator<com.communitypulse.welcome.platform.Poster> wrap) {
        return service(extraEnv, TokenSource.of(tokens), wrap);
    }

    private WelcomeService service(Map<String, String> extraEnv, TokenSource tokens,
                                   java.util.function.UnaryOperator<com.communitypulse.welcome.platform.Poster> wrap) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", TABLE.name());
        env.put("GITHUB_API_URL", base() + "/api/v3");
        env.put("DISCOURSE_BASE_URL", base() + "/forum");
        env.put("SLACK_API_URL", base() + "/slack/api");
        env.put("COMMUNITY_URL", "https://community.example.org");
        env.putAll(extraEnv);
        WelcomeConfig config = WelcomeConfig.from(new Env(env));
        RetryingHttp http = new RetryingHttp(config.http(), clock.sleeper(), clock, () -> 0.5);
        return new WelcomeService(config, new DynamoDbWelcomeStore(TABLE.client(), TABLE.name(), config.erasureSalt()),
                tokens, WelcomeService.posters(config, http).stream().map(wrap).toList(),
                (name, p) -> metrics.add(name + ":" + p), clock);
    }

    private WelcomeService github() {
        return service(Map.of(), new PlatformTokens("ghp_test", null, null, null, null));
    }

    private static String newId(String platform) {
        return platform + ":" + IDS.incrementAndGet();
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(55);
    }

    /** The next request other than a look for an earlier welcome. */
    private RecordedRequest take() throws InterruptedException {
        while (true) {
            RecordedRequest request = platform.takeRequest(2, TimeUnit.SECONDS);
            assertNotNull(request, "expected a request to the platform");
            if (WelcomeFixtures.emptyThread(request) == null) {
                return request;
            }
        }
    }

    private Map<String, AttributeValue> item(FirstContribution c) {
        return store.get(c.platform(), c.identity()).orElseThrow();
    }

    private static MockResponse created(String json) {
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(json);
    }

    private static final String COMMENT = "{\"id\": 1, \"html_url\": \"https://github.com/octo-org/hello-world/pull/7#issuecomment-1\"}";

    @Test
    void firstContributionOnGitHubGetsOneCommentWithTheRealRequestShape() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(created(COMMENT));

        var result = github().welcome(c, deadline());

        assertEquals(Outcome.SENT, result.outcome());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/api/v3/repos/octo-org/hello-world/issues/7/comments", request.getPath());
        assertEquals("Bearer ghp_test", request.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", request.getHeader("Accept"));
        assertEquals("2022-11-28", request.getHeader("X-GitHub-Api-Version"));
        assertEquals(WelcomeConfig.DEFAULT_USER_AGENT, request.getHeader("User-Agent"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        String body = Json.mapper().readTree(request.getBody().readUtf8()).get("body").asText();
        assertTrue(body.startsWith("Welcome @octocat, and thank you for your first contribution to octo-org/hello-world!"), body);
        assertTrue(body.contains("https://github.com/octo-org/hello-world/contribute"), body);
        assertTrue(body.contains("https://community.example.org"), body);
        assertEquals(1, writes());

        Map<String, AttributeValue> item = item(c);
        assertEquals("sent", item.get("status").s());
        assertEquals("1", item.get("response_id").s());
        assertEquals("https://github.com/octo-org/hello-world/pull/7#issuecomment-1", item.get("response_url").s());
        assertEquals(List.of("WelcomeSent:github"), metrics);
    }

    @Test
    void aSecondActionOfTheSameContributorGetsNoWelcome() throws Exception {
        String id = newId("github");
        enqueue(created(COMMENT));
        WelcomeService service = github();
        assertEquals(Outcome.SENT, service.welcome(WelcomeFixtures.contribution("welcome-github-pr.json", id), deadline()).outcome());

        FirstContribution later = WelcomeFixtures.contribution("welcome-github-discussion.json", id);
        var second = service.welcome(later, deadline());

        assertEquals(Outcome.ALREADY_WELCOMED, second.outcome());
        assertEquals(1, writes());
    }

    @Test
    void theSameEventDeliveredTwiceGetsOneWelcome() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(created(COMMENT));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, github().welcome(c, deadline()).outcome());

        assertEquals(1, writes());
    }

    /*
     * Lambda's async invocations (EventBridge -> welcome): a failed or timed-out attempt is retried twice,
     * about 1 and then 3 minutes later, then the event goes to the on-failure destination / DLQ.
     * The template gives the welcome function a 60 s timeout; the handler's deadline is 5 s before it.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    @Test
    void aRetryThatFindsALiveClaimFailsSoLambdaRetriesAndFinallyDeadLetters() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        // a concurrent attempt, still inside its invocation
        assertTrue(store.claim(c, "other-invocation", clock.instant(), clock.instant().plus(TIMEOUT)).ours());

        var thrown = assertThrows(WelcomeRetryException.class, () -> github().welcome(c, deadline()));

        assertTrue(thrown.getMessage().contains("claimed by another attempt"), thrown.getMessage());
        assertEquals(0, writes());
        assertEquals("other-invocation", item(c).get("claim_id").s());
    }

    @Test
    void anAttemptKilledBetweenClaimAndPostIsWelcomedByLambdasFirstRetry() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        // the first attempt claims, then dies before posting (timeout, OOM): no code of it runs again
        WelcomeService killed = service(Map.of(), new PlatformTokens("ghp_test", null, null, null, null), KilledPoster::new);
        assertThrows(KilledPoster.Killed.class, () -> killed.welcome(c, clock.instant().plus(TIMEOUT).minusSeconds(5)));
        assertEquals("claimed", item(c).get("status").s(), "a kill releases nothing");
        assertEquals(0, writes());

        clock.advance(TIMEOUT.plus(FIRST_RETRY));
        enqueue(created(COMMENT));
        var retried = github().welcome(c, deadline());

        assertEquals(Outcome.SENT, retried.outcome(), "the dead attempt's claim ended with its invocation");
        assertEquals(1, writes());
        assertEquals("sent", item(c).get("status").s());
    }

    @Test
    void aMissingPlatformTokensSecretTakesNoClaimSoLambdasRetryWelcomes() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        // Secrets Manager's answer for a secret that does not exist (yet)
        enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/x-amz-json-1.1")
                .setHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .setBody("{\"__type\": \"ResourceNotFoundException\", \"Message\": \"Secrets Manager can't find the specified secret.\"}"));
        WelcomeService service = service(Map.of(), secretsManagerTokens(), poster -> poster);

        assertThrows(RuntimeException.class, () -> service.welcome(c, deadline()));
        assertEquals("secretsmanager.GetSecretValue", take().getHeader("X-Amz-Target"));
        assertTrue(store.get(c.platform(), c.identity()).isEmpty(), "no claim is left behind");

        // the operator creates the secret; Lambda's retry a minute later welcomes
        clock.advance(FIRST_RETRY);
        enqueue(new MockResponse().setHeader("Content-Type", "application/x-amz-json-1.1").setBody(Json.mapper()
                .writeValueAsString(Map.of("Name", "community-pulse/platform-tokens", "VersionId", "v1",
                        "SecretString", "{\"github_token\": \"ghp_from_secret\"}"))));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());
        take();
        assertEquals("Bearer ghp_from_secret", take().getHeader("Authorization"));
    }

    /** The deployed way: tokens from the secret named by PLATFORM_TOKENS_SECRET_NAME, Secrets Manager stood in for. */
    private TokenSource secretsManagerTokens() {
        return TokenSource.fromEnv(new Env(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_SECRETS_MANAGER", base() + "/",
                "PLATFORM_TOKENS_SECRET_NAME", "community-pulse/platform-tokens")));
    }

    /** Stands for the process dying mid-invocation: an Error that no catch of the service handles. */
    static final class KilledPoster implements com.communitypulse.welcome.platform.Poster {
        static final class Killed extends Error {
        }

        private final com.communitypulse.welcome.platform.Poster real;

        KilledPoster(com.communitypulse.welcome.platform.Poster real) {
            this.real = real;
        }

        @Override
        public String platform() {
            return real.platform();
        }

        @Override
        public java.util.Optional<String> noTarget(FirstContribution contribution) {
            return real.noTarget(contribution);
        }

        @Override
        public String mention(FirstContribution contribution) {
            return real.mention(contribution);
        }

        @Override
        public boolean hasCredentials(PlatformTokens tokens) {
            return real.hasCredentials(tokens);
        }

        @Override
        public List<com.communitypulse.welcome.platform.http.OutboundRequest> plan(Welcome welcome, PlatformTokens tokens) {
            return real.plan(welcome, tokens);
        }

        @Override
        public com.communitypulse.welcome.platform.Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline) {
            throw new Killed();
        }
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOver() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        Instant earlier = clock.instant().minus(Duration.ofMinutes(3));
        assertTrue(store.claim(c, "dead-invocation", earlier, earlier.plus(TIMEOUT)).ours());
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());
        assertEquals("sent", item(c).get("status").s());
    }

    @Test
    void concurrentDeliveriesOfTheSameEventPostOnce() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        platform.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse empty = emptyThread(request);
                return empty != null ? empty : created(COMMENT);
            }
        });
        WelcomeService service = github();
        int deliveries = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(deliveries);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return service.welcome(c, deadline()).outcome().name();
                } catch (WelcomeRetryException heldByAnother) {
                    return "RETRIED"; // Lambda retries it later; it then finds the welcome sent
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (var result : results) {
            outcomes.add(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(1, writes(), "one comment whatever the interleaving");
        assertEquals(1, outcomes.stream().filter(o -> o.equals("SENT")).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.equals("SENT") || o.equals("RETRIED")
                || o.equals("ALREADY_WELCOMED")), outcomes.toString());
        assertEquals("sent", item(c).get("status").s());
    }

    @Test
    void a502ThenA201GivesOneWelcome() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(new MockResponse().setResponseCode(502).setBody("Bad Gateway"));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(2, writes());
        assertEquals(1, clock.sleeps.size());
        // full jitter with random 0.5 on the first retry: half of the 500 ms base
        assertEquals(Duration.ofMillis(250), clock.sleeps.get(0));
        assertEquals("sent", item(c).get("status").s());
    }

    @Test
    void gitHubRateLimitWaitsUntilTheResetAndSucceeds() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        long reset = START.getEpochSecond() + 7;
        enqueue(new MockResponse().setResponseCode(403)
                .setHeader("x-ratelimit-remaining", "0")
                .setHeader("x-ratelimit-reset", Long.toString(reset))
                .setBody("{\"message\": \"API rate limit exceeded\"}"));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(List.of(Duration.ofSeconds(8)), clock.sleeps, "until the reset, plus one second");
        assertEquals(2, writes());
    }

    @Test
    void aRateLimitResetBeyondTheInvocationReleasesTheClaimAndThrows() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(new MockResponse().setResponseCode(403)
                .setHeader("x-ratelimit-remaining", "0")
                .setHeader("x-ratelimit-reset", Long.toString(START.getEpochSecond() + 1800))
                .setBody("{\"message\": \"API rate limit exceeded\"}"));

        var thrown = assertThrows(WelcomeRetryException.class, () -> github().welcome(c, deadline()));

        assertTrue(thrown.getMessage().contains("rate limited"), thrown.getMessage());
        assertTrue(clock.sleeps.isEmpty());
        assertTrue(store.get(c.platform(), c.identity()).isEmpty(), "claim released so the retry can post");
        assertEquals(List.of("WelcomeRetried:github"), metrics);
    }

    @Test
    void a429WithRetryAfterIsHonoured() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(List.of(Duration.ofSeconds(3)), clock.sleeps);
    }

    @Test
    void a404IsNotRetriedAndIsRecordedAsFailed() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\": \"Not Found\"}"));
        enqueue(created(COMMENT));

        var result = github().welcome(c, deadline());

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(1, writes());
        assertTrue(clock.sleeps.isEmpty());
        Map<String, AttributeValue> item = item(c);
        assertEquals("failed", item.get("status").s());
        assertEquals("HTTP 404: Not Found", item.get("reason").s());
        assertEquals("404", item.get("http_status").n());
        assertEquals(List.of("WelcomeFailed:github"), metrics);
        // a redelivery does not try again
        assertEquals(Outcome.ALREADY_WELCOMED, github().welcome(c, deadline()).outcome());
        assertEquals(1, writes());
    }

    @Test
    void transientFailuresThatOutlastTheRetriesReleaseTheClaimAndThrow() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        for (int i = 0; i < 4; i++) {
            enqueue(new MockResponse().setResponseCode(503));
        }

        assertThrows(WelcomeRetryException.class, () -> github().welcome(c, deadline()));

        assertEquals(4, writes());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000)), clock.sleeps);
        assertTrue(store.get(c.platform(), c.identity()).isEmpty());
    }

    @Test
    void botsGetNoWelcome() {
        FirstContribution human = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        FirstContribution bot = new FirstContribution(human.person(), human.identity(), "dependabot[bot]", "github", "user",
                human.action());
        FirstContribution kindBot = new FirstContribution(human.person(), human.identity(), "robo", "github", "bot",
                human.action());

        assertEquals(Outcome.BOT, github().welcome(bot, deadline()).outcome());
        assertEquals(Outcome.BOT, github().welcome(kindBot, deadline()).outcome());
        assertEquals(0, writes());
        assertTrue(store.get(human.platform(), human.identity()).isEmpty());
    }

    @Test
    void anOptedOutRepositoryGetsNoWelcome() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        WelcomeService service = service(Map.of("WELCOME_OPT_OUT", "other/repo, octo-org/hello-world"),
                new PlatformTokens("ghp_test", null, null, null, null));

        assertEquals(Outcome.OPTED_OUT, service.welcome(c, deadline()).outcome());
        assertEquals(0, writes());
        assertTrue(store.get(c.platform(), c.identity()).isEmpty());
    }

    @Test
    void dryRunRecordsTheExactRequestAndMakesNoHttpCall() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        WelcomeService service = service(Map.of("DRY_RUN", "true", "DRY_RUN_DIR", outbox.toString(),
                "WELCOME_LABELS", "first-time-contributor"), new PlatformTokens("ghp_secret", null, null, null, null));

        var result = service.welcome(c, deadline());

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals(0, writes());
        Map<String, AttributeValue> item = item(c);
        assertEquals("dry_run", item.get("status").s());
        List<AttributeValue> requests = item.get("requests").l();
        assertEquals(2, requests.size());
        assertEquals(base() + "/api/v3/repos/octo-org/hello-world/issues/7/labels", requests.get(0).m().get("url").s());
        assertEquals("{\"labels\":[\"first-time-contributor\"]}", requests.get(0).m().get("body").s());
        assertEquals("POST", requests.get(1).m().get("method").s());
        assertEquals(base() + "/api/v3/repos/octo-org/hello-world/issues/7/comments", requests.get(1).m().get("url").s());
        assertTrue(requests.get(1).m().get("body").s().contains("Welcome @octocat"));

        Path file = outbox.resolve("welcome-github-" + c.identity().replace(':', '_') + ".json");
        String text = Files.readString(file);
        assertFalse(text.contains("ghp_secret"), "the token is never written");
        JsonNode recorded = Json.mapper().readTree(text);
        assertEquals("<redacted>", recorded.at("/requests/1/headers/Authorization").asText());
        assertEquals("2022-11-28", recorded.at("/requests/1/headers/X-GitHub-Api-Version").asText());
        assertTrue(recorded.at("/requests/1/body/body").asText().startsWith("Welcome @octocat"));
        assertEquals(List.of("WelcomeDryRun:github"), metrics);
    }

    @Test
    void noTokenForThePlatformMeansDryRun() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-slack-message.json", newId("slack"));
        WelcomeService service = service(Map.of(), new PlatformTokens("ghp_only_github", null, null, null, null));

        var result = service.welcome(c, deadline());

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals("no slack credentials configured", item(c).get("dry_run_reason").s());
        assertEquals(0, writes());
    }

    @Test
    void labelsAreAddedBeforeTheCommentWhenConfigured() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        WelcomeService service = service(Map.of("WELCOME_LABELS", "first-time-contributor,welcome"),
                new PlatformTokens("ghp_test", null, null, null, null));
        enqueue(new MockResponse().setResponseCode(200).setBody("[{\"name\": \"first-time-contributor\"}]"));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());

        RecordedRequest labels = take();
        assertEquals("/api/v3/repos/octo-org/hello-world/issues/7/labels", labels.getPath());
        assertEquals("Bearer ghp_test", labels.getHeader("Authorization"));
        assertEquals("{\"labels\":[\"first-time-contributor\",\"welcome\"]}", labels.getBody().readUtf8());
        assertEquals("/api/v3/repos/octo-org/hello-world/issues/7/comments", take().getPath());
    }

    @Test
    void refusedLabelsDoNotStopTheWelcome() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        WelcomeService service = service(Map.of("WELCOME_LABELS", "first-time-contributor"),
                new PlatformTokens("ghp_test", null, null, null, null));
        enqueue(new MockResponse().setResponseCode(403).setBody("{\"message\": \"Resource not accessible by integration\"}"));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());
        assertEquals("labels not added: HTTP 403: Resource not accessible by integration", item(c).get("note").s());
    }

    @Test
    void aDiscussionGetsAGraphQlCommentAfterLookingUpItsNodeId() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-discussion.json", newId("github"));
        enqueue(new MockResponse().setBody("{\"data\": {\"repository\": {\"discussion\": {\"id\": \"D_kwDOA\"}}}}"));
        enqueue(new MockResponse().setBody("{\"data\": {\"addDiscussionComment\": {\"comment\": "
                + "{\"id\": \"DC_kwDOB\", \"url\": \"https://github.com/octo-org/hello-world/discussions/90#discussioncomment-1\"}}}}"));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        RecordedRequest lookup = take();
        assertEquals("/api/graphql", lookup.getPath(), "Enterprise Server's GraphQL endpoint is /api/graphql");
        assertEquals("Bearer ghp_test", lookup.getHeader("Authorization"));
        JsonNode query = Json.mapper().readTree(lookup.getBody().readUtf8());
        assertEquals(90, query.at("/variables/number").asInt());
        assertEquals("octo-org", query.at("/variables/owner").asText());
        assertEquals("hello-world", query.at("/variables/name").asText());
        JsonNode mutation = Json.mapper().readTree(take().getBody().readUtf8());
        assertTrue(mutation.get("query").asText().startsWith("mutation"));
        assertTrue(mutation.get("query").asText().contains("addDiscussionComment"));
        assertEquals("D_kwDOA", mutation.at("/variables/discussionId").asText());
        assertTrue(mutation.at("/variables/body").asText().startsWith("Welcome @Codertocat"));
        assertEquals("DC_kwDOB", item(c).get("response_id").s());
    }

    @Test
    void graphQlErrorsInA200AreAPermanentFailure() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-discussion.json", newId("github"));
        enqueue(new MockResponse().setBody("{\"data\": null, \"errors\": [{\"type\": \"FORBIDDEN\", "
                + "\"message\": \"Resource not accessible by integration\"}]}"));

        var result = github().welcome(c, deadline());

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("GraphQL FORBIDDEN: Resource not accessible by integration", item(c).get("reason").s());
        assertEquals(1, writes());
    }

    @Test
    void discourseGetsAReplyInTheTopic() throws Exception {
        FirstContribution c = onForum(WelcomeFixtures.contribution("welcome-discourse-topic.json", newId("discourse")),
                platform.getHostName());
        WelcomeService service = service(Map.of(), new PlatformTokens(null, "dk_test", "welcome-bot", null, null));
        enqueue(new MockResponse().setBody("{\"id\": 99, \"topic_id\": 42, \"post_number\": 2, \"topic_slug\": \"how-do-i-start\"}"));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());

        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/forum/posts.json", request.getPath());
        assertEquals("dk_test", request.getHeader("Api-Key"));
        assertEquals("welcome-bot", request.getHeader("Api-Username"));
        assertEquals(WelcomeConfig.DEFAULT_USER_AGENT, request.getHeader("User-Agent"));
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertEquals(42, body.get("topic_id").asInt());
        assertTrue(body.get("raw").asText().startsWith("Welcome to the community, @newcomer!"));
        assertEquals(base() + "/forum/t/how-do-i-start/42/2", item(c).get("response_url").s());
    }

    /** The action as the normaliser makes it from a delivery whose X-Discourse-Instance names {@code host}. */
    private static FirstContribution onForum(FirstContribution c, String host) {
        var ctx = c.context();
        var moved = new com.communitypulse.shared.model.ActionContext(ctx.platform(), ctx.type(), ctx.repo(),
                ctx.impactScore(), ctx.url().replace("https://forum.example.org", "http://" + host), ctx.length(),
                ctx.isFirstContribution(), ctx.authorAssociation(), "discourse:" + host + ":topic:42", ctx.threadAuthor(),
                ctx.target(), ctx.deliveryId());
        return new FirstContribution(c.person(), c.identity(), c.login(), c.platform(), c.kind(), c.action().withContext(moved));
    }

    @Test
    void aSignedDiscourseBodyReplayedWithAForgedInstanceGetsNoWelcomeAndTheApiKeySentNowhere() throws Exception {
        // Discourse signs the body only: a replay with X-Discourse-Instance: attacker.example passes the
        // signature check, and the normaliser names that host in the action's thread and URL.
        try (MockWebServer attacker = new MockWebServer()) {
            attacker.start();
            ((okhttp3.mockwebserver.QueueDispatcher) attacker.getDispatcher()).setFailFast(true);
            String attackerHost = attacker.getHostName() + ":" + attacker.getPort();
            FirstContribution forged = onForum(WelcomeFixtures.contribution("welcome-discourse-topic.json", newId("discourse")),
                    attackerHost);
            PlatformTokens key = new PlatformTokens(null, "dk_admin_key", "welcome-bot", null, null);

            // the template's default: DiscourseBaseUrl empty
            var unset = service(Map.of("DISCOURSE_BASE_URL", ""), key).welcome(forged, deadline());
            // a forum configured, and an action naming another instance
            var other = service(Map.of("DISCOURSE_BASE_URL", "https://forum.example.org"), key).welcome(forged, deadline());

            assertEquals(Outcome.NO_TARGET, unset.outcome(), unset.detail());
            assertEquals(Outcome.NO_TARGET, other.outcome(), other.detail());
            assertEquals(0, attacker.getRequestCount(), "the Api-Key never reaches the host named by the unsigned header");
            assertEquals(0, writes());
            assertTrue(store.get(forged.platform(), forged.identity()).isEmpty(), "nothing claimed");
        }
    }

    @Test
    void discordGetsAWebhookMessageThatCanOnlyPingTheNewcomer() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-discord-message.json", "discord:80351110224678912");
        String webhook = base() + "/api/webhooks/123/secret-token";
        WelcomeService service = service(Map.of("WELCOME_TEMPLATES", "{\"discord\": {\"default\": \"Hi {mention} aka {login}!\"}}"),
                new PlatformTokens(null, null, null, null, webhook));
        enqueue(new MockResponse().setBody("{\"id\": \"555\", \"channel_id\": \"1100000000000000000\"}"));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());

        RecordedRequest request = take();
        assertEquals("/api/webhooks/123/secret-token?wait=true", request.getPath());
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertEquals("Hi <@80351110224678912> aka nelly!", body.get("content").asText());
        assertEquals(0, body.at("/allowed_mentions/parse").size());
        assertEquals("80351110224678912", body.at("/allowed_mentions/users/0").asText());
        assertEquals("555", item(c).get("response_id").s());
    }

    @Test
    void slackGetsAChatPostMessageInTheChannel() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-slack-message.json", "slack:U" + IDS.incrementAndGet());
        WelcomeService service = service(Map.of(), new PlatformTokens(null, null, null, "xoxb-test", null));
        enqueue(new MockResponse().setBody("{\"ok\": true, \"channel\": \"C0LAN2Q65\", \"ts\": \"1700000000.000100\"}"));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());

        RecordedRequest request = take();
        assertEquals("/slack/api/chat.postMessage", request.getPath());
        assertEquals("Bearer xoxb-test", request.getHeader("Authorization"));
        assertEquals("application/json; charset=utf-8", request.getHeader("Content-Type"));
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertEquals("C0LAN2Q65", body.get("channel").asText());
        assertTrue(body.get("text").asText().startsWith("Welcome <@" + c.identity().substring(6) + ">!"), body.toString());
        assertEquals("C0LAN2Q65/1700000000.000100", item(c).get("response_id").s());
    }

    @Test
    void slackRatelimitedInA200IsRetriedAfterItsRetryAfter() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-slack-message.json", "slack:U" + IDS.incrementAndGet());
        WelcomeService service = service(Map.of(), new PlatformTokens(null, null, null, "xoxb-test", null));
        enqueue(new MockResponse().setHeader("Retry-After", "2").setBody("{\"ok\": false, \"error\": \"ratelimited\"}"));
        enqueue(new MockResponse().setBody("{\"ok\": true, \"channel\": \"C0LAN2Q65\", \"ts\": \"1.2\"}"));

        assertEquals(Outcome.SENT, service.welcome(c, deadline()).outcome());
        assertEquals(List.of(Duration.ofSeconds(2)), clock.sleeps);
        assertEquals(2, writes());
    }

    @Test
    void slackOkFalseWithAnotherErrorIsAPermanentFailure() {
        FirstContribution c = WelcomeFixtures.contribution("welcome-slack-message.json", "slack:U" + IDS.incrementAndGet());
        WelcomeService service = service(Map.of(), new PlatformTokens(null, null, null, "xoxb-test", null));
        enqueue(new MockResponse().setBody("{\"ok\": false, \"error\": \"not_in_channel\"}"));

        var result = service.welcome(c, deadline());

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("Slack not_in_channel", item(c).get("reason").s());
        assertEquals(1, writes());
    }

    @Test
    void welcomedAtIsSetOnAnExistingProfileOnly() throws Exception {
        String id = newId("github");
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(id)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                "login", AttributeValue.fromS("octocat"))));
        enqueue(created(COMMENT));
        enqueue(created(COMMENT));

        github().welcome(WelcomeFixtures.contribution("welcome-github-pr.json", id), deadline());
        String noProfile = newId("github");
        github().welcome(WelcomeFixtures.contribution("welcome-github-pr.json", noProfile), deadline());

        var profile = TABLE.client().getItem(b -> b.tableName(TABLE.name()).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(id)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))).item();
        assertEquals(START.toString(), profile.get("welcomed_at").s());
        assertEquals("octocat", profile.get("login").s());
        var missing = TABLE.client().getItem(b -> b.tableName(TABLE.name()).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(noProfile)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))).item();
        assertTrue(missing == null || missing.isEmpty(), "no profile is created");
    }

    @Test
    void anActionWithNothingToAnswerIsSkippedWithoutAClaim() {
        FirstContribution pr = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        var starred = pr.action().withContext(new com.communitypulse.shared.model.ActionContext("github", "starred",
                "octo-org/hello-world", null, null, null, null, null, null, null, null, null));
        FirstContribution c = new FirstContribution(pr.person(), pr.identity(), pr.login(), "github", "user", starred);

        assertEquals(Outcome.NO_TARGET, github().welcome(c, deadline()).outcome());
        assertEquals(0, writes());
        assertNull(store.get(c.platform(), c.identity()).orElse(null));
    }

    @Test
    void aGitHubAppMintsAnInstallationTokenOnceAndCommentsWithIt() throws Exception {
        PlatformTokens app = new PlatformTokens(null, null, null, null, null, "123456",
                AppKeys.pkcs1Pem(), null);
        WelcomeService service = service(Map.of(), app);
        enqueue(new MockResponse().setBody("{\"id\": 42}"));
        enqueue(created("{\"token\": \"ghs_installation\", \"expires_at\": \"" + START.plusSeconds(3600) + "\"}"));
        enqueue(created(COMMENT));
        enqueue(created(COMMENT));

        assertEquals(Outcome.SENT, service.welcome(WelcomeFixtures.contribution("welcome-github-pr.json", newId("github")), deadline()).outcome());
        assertEquals(Outcome.SENT, service.welcome(WelcomeFixtures.contribution("welcome-github-pr.json", newId("github")), deadline()).outcome());

        RecordedRequest installation = take();
        assertEquals("GET", installation.getMethod());
        assertEquals("/api/v3/repos/octo-org/hello-world/installation", installation.getPath());
        String jwt = installation.getHeader("Authorization").substring("Bearer ".length());
        assertTrue(AppKeys.verifies(jwt,
                AppKeys.keys.getPublic()));
        RecordedRequest mint = take();
        assertEquals("POST", mint.getMethod());
        assertEquals("/api/v3/app/installations/42/access_tokens", mint.getPath());
        assertEquals("Bearer ghs_installation", take().getHeader("Authorization"));
        RecordedRequest second = take();
        assertEquals("/api/v3/repos/octo-org/hello-world/issues/7/comments", second.getPath());
        assertEquals("Bearer ghs_installation", second.getHeader("Authorization"), "the token is reused until it nears expiry");
        assertEquals(4, writes());
    }

    @Test
    void aGitHubAppNotInstalledOnTheRepositoryIsAPermanentFailure() {
        PlatformTokens app = new PlatformTokens(null, null, null, null, null, "123456",
                AppKeys.pkcs8Pem(), null);
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-pr.json", newId("github"));
        enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\": \"Not Found\"}"));

        var result = service(Map.of(), app).welcome(c, deadline());

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("GitHub App 123456 is not installed on octo-org/hello-world (HTTP 404: Not Found)", item(c).get("reason").s());
    }

    @Test
    void customPlatformHasNoWelcome() {
        FirstContribution pr = WelcomeFixtures.contribution("welcome-github-pr.json", newId("custom"));
        FirstContribution c = new FirstContribution(pr.person(), pr.identity(), pr.login(), "custom", "user", pr.action());

        assertEquals(Outcome.UNSUPPORTED_PLATFORM, github().welcome(c, deadline()).outcome());
        assertEquals(0, writes());
    }
}
