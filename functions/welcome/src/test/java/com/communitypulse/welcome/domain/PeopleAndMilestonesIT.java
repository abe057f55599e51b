package com.communitypulse.welcome.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.welcome.TokenSource;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeFixtures;
import com.communitypulse.welcome.WelcomeMetrics;
import com.communitypulse.welcome.domain.WelcomeService.Outcome;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import com.communitypulse.welcome.store.WelcomeStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
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
 * One welcome per person across platforms, returning contributors, milestone celebrations and erased
 * identities: DynamoDB Local with the template's table, the platforms stood in for by MockWebServer.
 */
class PeopleAndMilestonesIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final Instant START = Instant.parse("2026-11-20T10:00:10Z");
    private static final AtomicInteger IDS = new AtomicInteger(5000);
    private static final String COMMENT = "{\"id\": 1, \"html_url\": \"https://github.com/octo-org/hello-world/pull/7#issuecomment-1\"}";

    private MockWebServer platform;
    private WelcomeFixtures.TestClock clock;
    private DynamoDbWelcomeStore store;
    private final List<String> metrics = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path outbox;

    @BeforeEach
    void startPlatform() throws IOException {
        platform = new MockWebServer();
        // every post is preceded by a look for an earlier one (WelcomeOnceIT): answered with an empty thread
        platform.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse empty = WelcomeFixtures.emptyThread(request);
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

    private String base() {
        String url = platform.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private String discordWebhook() {
        return base() + "/api/webhooks/123/secret-token";
    }

    /** Every platform has credentials, so anything posted reaches the MockWebServer. */
    private WelcomeService service(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", TABLE.name());
        env.put("GITHUB_API_URL", base() + "/api/v3");
        env.put("DISCOURSE_BASE_URL", base() + "/forum");
        env.put("COMMUNITY_URL", "https://community.example.org");
        env.put("ERASURE_SALT", "pepper:");
        env.putAll(extraEnv);
        WelcomeConfig config = WelcomeConfig.from(new Env(env));
        RetryingHttp http = new RetryingHttp(config.http(), clock.sleeper(), clock, () -> 0.5);
        PlatformTokens tokens = new PlatformTokens("ghp_test", "dk_test", "welcome-bot", null, discordWebhook());
        WelcomeMetrics recorder = new WelcomeMetrics() {
            @Override
            public void count(String name, String p) {
                metrics.add(name + ":" + p);
            }

            @Override
            public void skipped(String name, String p, String reason) {
                metrics.add(name + ":" + p + ":" + reason);
            }
        };
        return new WelcomeService(config, new DynamoDbWelcomeStore(TABLE.client(), TABLE.name(), config.erasureSalt()),
                TokenSource.of(tokens), WelcomeService.posters(config, http), recorder, clock);
    }

    private WelcomeService service() {
        return service(Map.of());
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(55);
    }

    private static String nextId() {
        return Integer.toString(IDS.incrementAndGet());
    }

    // ------------------------------------------------------------------ the scorer's items, as it writes them

    private static void profile(String person, List<String> identities, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(person)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                "id", AttributeValue.fromS(person),
                "identities", AttributeValue.fromSs(identities)));
        item.putAll(more);
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(item));
    }

    private static void linked(String identity, String person) {
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(identity)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                "id", AttributeValue.fromS(identity),
                TableKeys.LINKED_TO, AttributeValue.fromS(person))));
    }

    private static Map<String, AttributeValue> profileOf(String person) {
        return TABLE.client().getItem(b -> b.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(person)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))).item();
    }

    /** A sample first_contribution for another identity, with the person the scorer names in the event. */
    private static FirstContribution firstContribution(String file, String identity, String person) {
        JsonNode detail = Json.mapper().valueToTree(Fixtures.eventJson(file).get("detail"));
        ObjectNode copy = detail.deepCopy();
        copy.put("identity", identity);
        copy.put("person", person);
        ((ObjectNode) copy.get("action")).put("actor", identity);
        return FirstContribution.fromDetail(copy);
    }

    /** The sample pr_merged action ({@code events/score-pr-merged.json}) for another author, PR number and association. */
    private static CommunityAction merged(String actor, int pr, String association, String kind) {
        ObjectNode detail = ((JsonNode) Json.mapper().valueToTree(Fixtures.eventJson("score-pr-merged.json").get("detail"))).deepCopy();
        detail.put("id", "github:delivery-" + actor + "-" + pr + ":pr_merged");
        detail.put("actor", actor);
        detail.put("actor_kind", kind);
        if ("bot".equals(kind)) {
            detail.put("actor_login", "dependabot[bot]");
        }
        ObjectNode context = (ObjectNode) detail.get("context");
        context.put("url", "https://github.com/octo-org/hello-world/pull/" + pr);
        context.put("thread", "github:octo-org/hello-world#" + pr);
        context.put("author_association", association);
        return Json.mapper().convertValue(detail, CommunityAction.class);
    }

    /** On the forum DISCOURSE_BASE_URL names (the stand-in's host): welcomes go only there. */
    private CommunityAction acceptedAnswer(String actor, long topic) {
        String forum = platform.getHostName();
        return Json.mapper().convertValue(Map.of(
                "event", "community.action",
                "id", "discourse:forum.example.org:answer_accepted:" + topic + ":77",
                "actor", actor,
                "actor_login", "helper",
                "actor_kind", "user",
                "context", Map.of("platform", "discourse", "type", "answer_accepted", "repo", "support",
                        "url", "https://" + forum + "/t/" + topic + "/3",
                        "thread", "discourse:" + forum + ":topic:" + topic),
                "timestamp", "2026-11-20T10:00:00Z"), CommunityAction.class);
    }

    /** Answers to the writes, in order (MockWebServer's own queue cannot sit behind a custom dispatcher). */
    private final java.util.concurrent.ConcurrentLinkedQueue<MockResponse> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void enqueue(MockResponse response) {
        answers.add(response);
    }

    /** Requests other than the looks for an earlier welcome. */
    private int writes() {
        try {
            return requests().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void answerEverything() {
        platform.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse empty = WelcomeFixtures.emptyThread(request);
                if (empty != null) {
                    return empty;
                }
                String path = request.getPath();
                if (path.startsWith("/api/webhooks/")) {
                    return new MockResponse().setBody("{\"id\": \"555\", \"channel_id\": \"1100000000000000000\"}");
                }
                if (path.startsWith("/forum/")) {
                    return new MockResponse().setBody("{\"id\": 99, \"topic_id\": 42, \"post_number\": 2, \"topic_slug\": \"t\"}");
                }
                return new MockResponse().setResponseCode(201).setBody(COMMENT);
            }
        });
    }

    /** The requests so far other than the looks for an earlier welcome (each call takes them once). */
    private List<RecordedRequest> requests() throws InterruptedException {
        for (int i = taken; i < platform.getRequestCount(); i++) {
            RecordedRequest request = platform.takeRequest(2, TimeUnit.SECONDS);
            assertNotNull(request);
            taken++;
            if (WelcomeFixtures.emptyThread(request) == null) {
                written.add(request);
            }
        }
        return List.copyOf(written);
    }

    private int taken;
    private final List<RecordedRequest> written = new ArrayList<>();

    // ------------------------------------------------------------------ one welcome per person

    @Test
    void aPersonWelcomedOnDiscordGetsNoSecondWelcomeForTheirLinkedGitHubIdentitysFirstPr() throws Exception {
        String discord = "discord:" + nextId();
        String github = "github:" + nextId();
        profile(discord, List.of(discord), Map.of());
        answerEverything();
        WelcomeService service = service();

        assertEquals(Outcome.SENT, service.welcome(firstContribution("welcome-discord-message.json", discord, discord), deadline()).outcome());
        assertEquals(START.toString(), profileOf(discord).get("welcomed_at").s());
        // later, /link joins the GitHub identity to the person; then the GitHub identity opens its first PR
        profile(discord, List.of(discord, github), Map.of("welcomed_at", AttributeValue.fromS(START.toString())));
        linked(github, discord);
        var second = service.welcome(firstContribution("welcome-github-pr.json", github, discord), deadline());

        assertEquals(Outcome.ALREADY_WELCOMED, second.outcome(), second.detail());
        assertEquals(List.of("/api/webhooks/123/secret-token?wait=true"), requests().stream().map(RecordedRequest::getPath).toList());
        assertEquals(List.of("WelcomeSent:discord", "WelcomeSkipped:github:already_welcomed"), metrics);
        assertEquals("sent", store.get(WelcomeStore.Key.person(discord)).orElseThrow().get("status").s());
    }

    @Test
    void anotherIdentitysWelcomeRecordCountsEvenWithoutWelcomedAtOnTheProfile() throws Exception {
        String discord = "discord:" + nextId();
        String github = "github:" + nextId();
        // welcomed before per-person claims existed: only the platform record, no welcomed_at stamp
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.welcome("discord", discord)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.WELCOME),
                "status", AttributeValue.fromS("sent"))));
        profile(discord, List.of(discord, github), Map.of());
        linked(github, discord);

        var result = service().welcome(firstContribution("welcome-github-pr.json", github, discord), deadline());

        assertEquals(Outcome.ALREADY_WELCOMED, result.outcome());
        assertEquals(0, writes());
        assertTrue(store.get("github", github).isEmpty(), "the transaction left nothing behind");
        assertTrue(store.get(WelcomeStore.Key.person(discord)).isEmpty());
    }

    @Test
    void twoPlatformsRacingForOnePersonPostOnce() throws Exception {
        String discord = "discord:" + nextId();
        String github = "github:" + nextId();
        profile(discord, List.of(discord, github), Map.of());
        linked(github, discord);
        answerEverything();
        WelcomeService service = service();
        List<FirstContribution> events = List.of(
                firstContribution("welcome-discord-message.json", discord, discord),
                firstContribution("welcome-github-pr.json", github, discord));
        int deliveries = 8;
        var pool = Executors.newFixedThreadPool(deliveries);
        var start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            FirstContribution event = events.get(i % 2);
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return service.welcome(event, deadline()).outcome().name();
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

        assertEquals(1, writes(), "one welcome for the person whatever the interleaving: " + outcomes);
        assertEquals(1, outcomes.stream().filter(o -> o.equals("SENT")).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.equals("SENT") || o.equals("RETRIED")
                || o.equals("ALREADY_WELCOMED")), outcomes.toString());
        assertEquals("sent", store.get(WelcomeStore.Key.person(discord)).orElseThrow().get("status").s());
    }

    @Test
    void aPermanentFailureOnOnePlatformLeavesThePersonToBeWelcomedOnAnother() throws Exception {
        String discord = "discord:" + nextId();
        String github = "github:" + nextId();
        profile(discord, List.of(discord, github), Map.of());
        linked(github, discord);
        enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\": \"Not Found\"}"));
        enqueue(new MockResponse().setBody("{\"id\": \"555\", \"channel_id\": \"1100000000000000000\"}"));
        WelcomeService service = service();

        assertEquals(Outcome.FAILED, service.welcome(firstContribution("welcome-github-pr.json", github, discord), deadline()).outcome());
        assertEquals(Outcome.SENT, service.welcome(firstContribution("welcome-discord-message.json", discord, discord), deadline()).outcome());

        assertEquals("failed", store.get("github", github).orElseThrow().get("status").s());
        assertEquals(discord, store.get(WelcomeStore.Key.person(discord)).orElseThrow().get("identity").s());
    }

    @Test
    void aReturningGitHubContributorIsNotGreetedAsNew() {
        for (String association : List.of("CONTRIBUTOR", "MEMBER", "OWNER", "COLLABORATOR")) {
            String github = "github:" + nextId();
            FirstContribution pr = firstContribution("welcome-github-pr.json", github, github);
            var context = pr.context();
            FirstContribution returning = new FirstContribution(github, github, pr.login(), "github", "user",
                    pr.action().withContext(new com.communitypulse.shared.model.ActionContext(context.platform(), context.type(),
                            context.repo(), null, context.url(), null, null, association, context.thread(), context.threadAuthor(),
                            null, null)));

            var result = service().welcome(returning, deadline());

            assertEquals(Outcome.RETURNING, result.outcome(), association);
            assertTrue(store.get("github", github).isEmpty(), "no claim for " + association);
        }
        assertEquals(0, writes());
        assertEquals(Collections.nCopies(4, "WelcomeSkipped:github:returning"), metrics);
    }

    // ------------------------------------------------------------------ milestones

    @Test
    void aFirstMergeIsCelebratedOnceOnThePullRequest() throws Exception {
        String author = "github:" + nextId();
        answerEverything();
        WelcomeService service = service();

        var first = service.celebrate(merged(author, 7, "CONTRIBUTOR", "user"), deadline());
        var redelivered = service.celebrate(merged(author, 7, "CONTRIBUTOR", "user"), deadline());
        var secondMerge = service.celebrate(merged(author, 8, "CONTRIBUTOR", "user"), deadline());

        assertEquals(Outcome.SENT, first.outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, redelivered.outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, secondMerge.outcome());
        List<RecordedRequest> sent = requests();
        assertEquals(1, sent.size());
        assertEquals("/api/v3/repos/octo-org/hello-world/issues/7/comments", sent.get(0).getPath());
        assertEquals("Bearer ghp_test", sent.get(0).getHeader("Authorization"));
        String body = Json.mapper().readTree(sent.get(0).getBody().readUtf8()).get("body").asText();
        assertTrue(body.startsWith("Congratulations @octocat, your first pull request in octo-org/hello-world is merged!"), body);
        var item = store.get(WelcomeStore.Key.celebration("first_merge", author)).orElseThrow();
        assertEquals("sent", item.get("status").s());
        assertEquals("first_merge", item.get("milestone").s());
        assertEquals("github:delivery-" + author + "-7:pr_merged", item.get("action_id").s());
        assertEquals(List.of("CelebrationSent:github", "CelebrationSkipped:github:already_welcomed",
                "CelebrationSkipped:github:already_welcomed"), metrics);
        assertFalse(profileOf(author) != null && profileOf(author).containsKey("welcomed_at"), "a celebration is no welcome");
    }

    @Test
    void aFirstMergeIsCelebratedOncePerPersonAcrossLinkedIdentitiesAndNeverForBotsOrMaintainers() throws Exception {
        String person = "github:" + nextId();
        String second = "github:" + nextId();
        profile(person, List.of(person, second), Map.of());
        linked(second, person);
        answerEverything();
        WelcomeService service = service();

        assertEquals(Outcome.SENT, service.celebrate(merged(person, 7, "NONE", "user"), deadline()).outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, service.celebrate(merged(second, 9, "NONE", "user"), deadline()).outcome());
        assertEquals(Outcome.BOT, service.celebrate(merged("github:" + nextId(), 10, "NONE", "bot"), deadline()).outcome());
        assertEquals(Outcome.RETURNING, service.celebrate(merged("github:" + nextId(), 11, "MEMBER", "user"), deadline()).outcome());

        assertEquals(1, writes());
    }

    @Test
    void someoneWhoseProfileAlreadyCountsMergesIsNotCelebrated() {
        String veteran = "github:" + nextId();
        profile(veteran, List.of(veteran), Map.of("c_pr_merged", AttributeValue.fromN("12")));

        var result = service().celebrate(merged(veteran, 7, "CONTRIBUTOR", "user"), deadline());

        assertEquals(Outcome.NOT_FIRST, result.outcome());
        assertEquals(0, writes());
        assertTrue(store.get(WelcomeStore.Key.celebration("first_merge", veteran)).isEmpty());
    }

    @Test
    void aFirstAcceptedAnswerIsCelebratedOnceInTheTopic() throws Exception {
        String helper = "discourse:forum.example.org:" + nextId();
        enqueue(new MockResponse().setBody("{\"id\": 99, \"topic_id\": 1234, \"post_number\": 4, \"topic_slug\": \"help\"}"));
        WelcomeService service = service(Map.of("WELCOME_TEMPLATES",
                "{\"first_answer\": {\"discourse\": \"Well done {mention}: first accepted answer in {repo}!\"}}"));

        assertEquals(Outcome.SENT, service.celebrate(acceptedAnswer(helper, 1234), deadline()).outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, service.celebrate(acceptedAnswer(helper, 1234), deadline()).outcome());
        assertEquals(Outcome.ALREADY_WELCOMED, service.celebrate(acceptedAnswer(helper, 5678), deadline()).outcome());

        List<RecordedRequest> sent = requests();
        assertEquals(1, sent.size());
        assertEquals("/forum/posts.json", sent.get(0).getPath());
        assertEquals("dk_test", sent.get(0).getHeader("Api-Key"));
        JsonNode body = Json.mapper().readTree(sent.get(0).getBody().readUtf8());
        assertEquals(1234, body.get("topic_id").asInt());
        assertEquals("Well done @helper: first accepted answer in support!\n\n<!-- community-pulse:first_answer:discourse:"
                + helper.substring(helper.lastIndexOf(':') + 1) + " -->", body.get("raw").asText(), "the marker names the milestone");
        assertEquals(base() + "/forum/t/help/1234/4",
                store.get(WelcomeStore.Key.celebration("first_answer", helper)).orElseThrow().get("response_url").s());
    }

    @Test
    void aCelebrationInADryRunIsRecordedToItsOwnFile() throws Exception {
        String author = "github:" + nextId();

        var result = service(Map.of("DRY_RUN", "true", "DRY_RUN_DIR", outbox.toString()))
                .celebrate(merged(author, 7, "CONTRIBUTOR", "user"), deadline());

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals(0, writes());
        JsonNode file = Json.mapper().readTree(Files.readString(
                outbox.resolve("celebrate-first_merge-github-" + author.replace(':', '_') + ".json")));
        assertTrue(file.at("/requests/0/body/body").asText().startsWith("Congratulations @octocat"), file.toString());
        assertEquals("dry_run", store.get(WelcomeStore.Key.celebration("first_merge", author)).orElseThrow().get("status").s());
    }

    // ------------------------------------------------------------------ erasure

    @Test
    void anErasedIdentityIsNeverGreeted() {
        String github = "github:" + nextId();
        // the erasure CLI's marker: printf '%s' 'pepper:github:583231' | sha256sum (same vector in the score and api tests)
        assertEquals("ERASED#60e31059f7d52e03979b2ef93a567198b226518d2e6e4fdc4d9df2bb3188e623",
                TableKeys.erased("pepper:", "github:583231"));
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.erased("pepper:", github)),
                TableKeys.SK, AttributeValue.fromS("ERASED"))));
        WelcomeService service = service();

        assertEquals(Outcome.ERASED, service.welcome(firstContribution("welcome-github-pr.json", github, github), deadline()).outcome());
        assertEquals(Outcome.ERASED, service.celebrate(merged(github, 7, "NONE", "user"), deadline()).outcome());

        assertEquals(0, writes());
        assertTrue(store.get("github", github).isEmpty());
        assertEquals(List.of("WelcomeSkipped:github:erased", "CelebrationSkipped:github:erased"), metrics);
    }

    @Test
    void aMarkerMadeWithAnotherSaltDoesNotStopAWelcome() {
        String github = "github:" + nextId();
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.erased("another salt", github)),
                TableKeys.SK, AttributeValue.fromS("ERASED"))));
        enqueue(new MockResponse().setResponseCode(201).setBody(COMMENT));

        assertEquals(Outcome.SENT, service().welcome(firstContribution("welcome-github-pr.json", github, github), deadline()).outcome());
    }
}
