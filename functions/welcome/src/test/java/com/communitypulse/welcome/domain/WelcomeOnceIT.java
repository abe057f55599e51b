package com.communitypulse.welcome.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.welcome.TokenSource;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeFixtures;
import com.communitypulse.welcome.domain.WelcomeService.Outcome;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly one welcome in the thread when the platform answers badly after posting. GitHub may create a
 * comment and still answer 502 (or stall until the client gives up); {@link RetryingHttp} then retries the
 * POST, and Lambda retries a failed async event twice more, about 1 and 3 minutes later. Each check is
 * on what the {@link ThreadStandIn} stored, not on the answers.
 */
class WelcomeOnceIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final Instant START = Instant.parse("2026-11-20T13:00:10Z");
    private static final AtomicInteger IDS = new AtomicInteger(5000);
    /** A 1 s request timeout, so a stalled answer (3 s) times out quickly; otherwise the defaults. */
    private static final RetryingHttp.Policy POLICY = new RetryingHttp.Policy(4, Duration.ofMillis(500), Duration.ofSeconds(8),
            Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(1));

    private MockWebServer server;
    private ThreadStandIn platform;
    private WelcomeFixtures.TestClock clock;
    private DynamoDbWelcomeStore store;

    @BeforeEach
    void start() throws IOException {
        platform = new ThreadStandIn();
        server = new MockWebServer();
        server.setDispatcher(platform);
        server.start();
        clock = new WelcomeFixtures.TestClock(START);
        store = new DynamoDbWelcomeStore(TABLE.client(), TABLE.name());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private WelcomeService service(PlatformTokens tokens) {
        String base = server.url("/").toString().replaceAll("/$", "");
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", TABLE.name());
        env.put("GITHUB_API_URL", base + "/api/v3");
        env.put("DISCOURSE_BASE_URL", base + "/forum");
        env.put("SLACK_API_URL", base + "/slack/api");
        WelcomeConfig config = WelcomeConfig.from(new Env(env));
        RetryingHttp http = new RetryingHttp(POLICY, clock.sleeper(), clock, () -> 0.5);
        return new WelcomeService(config, new DynamoDbWelcomeStore(TABLE.client(), TABLE.name(), config.erasureSalt()),
                TokenSource.of(tokens), WelcomeService.posters(config, http), (n, p) -> { }, clock);
    }

    private WelcomeService github() {
        return service(new PlatformTokens("ghp_test", null, null, null, null));
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(55);
    }

    private FirstContribution pr() {
        return WelcomeFixtures.contribution("welcome-github-pr.json", "github:" + IDS.incrementAndGet());
    }

    private static String marker(FirstContribution c) {
        return "<!-- community-pulse:welcome:github:" + c.identity().substring("github:".length()) + " -->";
    }

    /** GitHub's listing of the issue's comments, with the headers of every GitHub REST call. */
    private static void assertIsTheListing(RecordedRequest get) {
        assertEquals("GET", get.getMethod());
        assertEquals(ThreadStandIn.ISSUE + "?per_page=100&since=2026-11-20T09:59:00Z", get.getPath(),
                "comments since a minute before the PR was opened (10:00:00Z)");
        assertEquals("Bearer ghp_test", get.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", get.getHeader("Accept"));
        assertEquals("2022-11-28", get.getHeader("X-GitHub-Api-Version"));
        assertEquals(WelcomeConfig.DEFAULT_USER_AGENT, get.getHeader("User-Agent"));
        assertEquals(0, get.getBodySize());
    }

    @Test
    void gitHubCreatesTheCommentAndAnswers502TheRetryFindsItAndPostsNoSecond() throws Exception {
        FirstContribution c = pr();
        platform.postsAnswer(ThreadStandIn.Fault.BAD_GATEWAY, 1);

        var result = github().welcome(c, deadline());

        assertEquals(1, platform.stored.size(), "exactly one comment exists");
        assertEquals(Outcome.SENT, result.outcome());
        String body = platform.stored.get(0).path("body").asText();
        assertTrue(body.startsWith("Welcome @octocat"), body);
        assertTrue(body.endsWith("\n\n" + marker(c)), "the hidden marker names the kind and the GitHub user id only: " + body);
        // look, post (created, 502), look again before the retry: found
        List<String> calls = platform.requests.stream().map(RecordedRequest::getMethod).toList();
        assertEquals(List.of("GET", "POST", "GET"), calls);
        assertIsTheListing(platform.requests.get(0));
        assertIsTheListing(platform.requests.get(2));
        RecordedRequest post = platform.requests.get(1);
        assertEquals(ThreadStandIn.ISSUE, post.getPath());
        assertEquals("Bearer ghp_test", post.getHeader("Authorization"));
        var item = store.get(c.platform(), c.identity()).orElseThrow();
        assertEquals("sent", item.get("status").s());
        assertEquals(platform.stored.get(0).path("id").asText(), item.get("response_id").s(), "the found comment is recorded");
    }

    @Test
    void gitHubCreatesTheCommentAndStallsPastTheClientTimeoutTheRetryFindsIt() {
        FirstContribution c = pr();
        platform.postsAnswer(ThreadStandIn.Fault.STALL, 1);

        var result = github().welcome(c, deadline());

        assertEquals(1, platform.stored.size(), "exactly one comment exists");
        assertEquals(Outcome.SENT, result.outcome());
        assertEquals(List.of("GET", "POST", "GET"), platform.requests.stream().map(RecordedRequest::getMethod).toList());
    }

    /*
     * Lambda retries a failed async event twice, about 1 and then 3 minutes later; the template gives the
     * function a 60 s timeout.
     */
    private static final Duration LAMBDAS_FIRST_RETRY = Duration.ofSeconds(60 + 60);

    @Test
    void gitHubCreatesTheCommentThenFailsEverythingLambdasRetryFindsTheCommentAndPostsNothing() {
        FirstContribution c = pr();
        // the POST creates the comment and answers 502; the looks before RetryingHttp's retry all fail (4 x 503)
        platform.outageAfterPost(4);

        assertThrows(WelcomeRetryException.class, () -> github().welcome(c, deadline()));
        assertEquals(1, platform.stored.size());
        assertEquals(1, platform.requests("POST").size(), "no POST without a look first");
        assertTrue(store.get(c.platform(), c.identity()).isEmpty(), "claim released for Lambda's retry");

        clock.advance(LAMBDAS_FIRST_RETRY);
        var retried = github().welcome(c, deadline());

        assertEquals(Outcome.SENT, retried.outcome());
        assertEquals(1, platform.stored.size(), "exactly one comment exists");
        assertEquals(1, platform.requests("POST").size(), "the retry found the comment and posted nothing");
        var item = store.get(c.platform(), c.identity()).orElseThrow();
        assertEquals(platform.stored.get(0).path("id").asText(), item.get("response_id").s());
        assertTrue(item.get("note").s().startsWith("found already posted"), item.toString());
    }

    @Test
    void aFailingListingPostsNothingAndFailsTheInvocationSoLambdaRetries() {
        FirstContribution c = pr();
        platform.listingsFail(503, 4); // every attempt of this invocation's look

        var thrown = assertThrows(WelcomeRetryException.class, () -> github().welcome(c, deadline()));

        assertTrue(thrown.getMessage().contains("GET"), thrown.getMessage());
        assertEquals(0, platform.requests("POST").size(), "never posted blind");
        assertEquals(0, platform.stored.size());
        assertTrue(store.get(c.platform(), c.identity()).isEmpty(), "claim released for Lambda's retry");

        clock.advance(LAMBDAS_FIRST_RETRY);
        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());
        assertEquals(1, platform.stored.size(), "exactly one comment exists");
    }

    @Test
    void anEarlierWelcomeOnALaterPageOfComments() {
        FirstContribution c = pr();
        platform.pageSize = 2;
        platform.someoneComments("LGTM");
        platform.someoneComments("thanks!");
        platform.someoneComments("Welcome!\n\n" + marker(c));
        platform.someoneComments("+1");

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(0, platform.requests("POST").size());
        List<RecordedRequest> gets = platform.requests("GET");
        assertEquals(2, gets.size());
        assertEquals(ThreadStandIn.ISSUE + "?per_page=100&since=2026-11-20T09:59:00Z&page=2", gets.get(1).getPath(),
                "the Link header's next page");
        assertEquals("9002", store.get(c.platform(), c.identity()).orElseThrow().get("response_id").s());
    }

    @Test
    void anotherPersonsWelcomeInTheThreadIsNotTheirs() {
        FirstContribution c = pr();
        FirstContribution other = pr();
        platform.someoneComments("Welcome @someone\n\n" + marker(other));

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(2, platform.stored.size());
        assertTrue(platform.stored.get(1).path("body").asText().endsWith(marker(c)));
    }

    @Test
    void aDiscussionCommentCreatedThenAnswered502IsFoundByTheNextLookup() throws Exception {
        FirstContribution c = WelcomeFixtures.contribution("welcome-github-discussion.json", "github:" + IDS.incrementAndGet());
        platform.postsAnswer(ThreadStandIn.Fault.BAD_GATEWAY, 1);

        assertEquals(Outcome.SENT, github().welcome(c, deadline()).outcome());

        assertEquals(1, platform.stored.size(), "exactly one discussion comment exists");
        List<RecordedRequest> calls = platform.requests("POST");
        assertEquals(3, calls.size(), "lookup, mutation (created, 502), lookup again: found");
        for (int i : new int[] {0, 2}) {
            RecordedRequest lookup = calls.get(i);
            assertEquals("/api/graphql", lookup.getPath());
            JsonNode query = Json.mapper().readTree(lookup.getBody().clone().readUtf8());
            assertTrue(query.get("query").asText().contains("comments(last:100){nodes{id url body}}"), query.toString());
            assertEquals(90, query.at("/variables/number").asInt());
        }
        JsonNode mutation = Json.mapper().readTree(calls.get(1).getBody().clone().readUtf8());
        assertTrue(mutation.at("/variables/body").asText().endsWith(marker(c)));
        assertEquals("DC_kwDO0", store.get(c.platform(), c.identity()).orElseThrow().get("response_id").s());
    }

    @Test
    void discourseCreatesTheReplyAndAnswers502TheRetryFindsItInTheTopic() throws Exception {
        FirstContribution c = onForum(WelcomeFixtures.contribution("welcome-discourse-topic.json", "discourse:" + server.getHostName()
                + ":" + IDS.incrementAndGet()));
        platform.postsAnswer(ThreadStandIn.Fault.BAD_GATEWAY, 1);

        var result = service(new PlatformTokens(null, "dk_test", "welcome-bot", null, null)).welcome(c, deadline());

        assertEquals(Outcome.SENT, result.outcome());
        assertEquals(1, platform.stored.size(), "exactly one post exists");
        String raw = platform.stored.get(0).path("raw").asText();
        assertTrue(raw.endsWith("<!-- community-pulse:welcome:discourse:" + c.identity().substring(c.identity().lastIndexOf(':') + 1)
                + " -->"), raw);
        assertEquals(List.of("GET", "POST", "GET"), platform.requests.stream().map(RecordedRequest::getMethod).toList());
        RecordedRequest get = platform.requests.get(0);
        assertEquals("/forum/t/42.json?include_raw=true", get.getPath());
        assertEquals("dk_test", get.getHeader("Api-Key"));
        assertEquals("welcome-bot", get.getHeader("Api-Username"));
        assertEquals("application/json", get.getHeader("Accept"));
        assertEquals("/forum/posts.json", platform.requests.get(1).getPath());
        assertEquals("700", store.get(c.platform(), c.identity()).orElseThrow().get("response_id").s());
    }

    /** The action as the normaliser makes it from a delivery of the stand-in's forum. */
    private FirstContribution onForum(FirstContribution c) {
        var ctx = c.context();
        String host = server.getHostName();
        var moved = new com.communitypulse.shared.model.ActionContext(ctx.platform(), ctx.type(), ctx.repo(),
                ctx.impactScore(), ctx.url().replace("https://forum.example.org", "http://" + host), ctx.length(),
                ctx.isFirstContribution(), ctx.authorAssociation(), "discourse:" + host + ":topic:42", ctx.threadAuthor(),
                ctx.target(), ctx.deliveryId());
        return new FirstContribution(c.person(), c.identity(), c.login(), c.platform(), c.kind(), c.action().withContext(moved));
    }

    private FirstContribution slack() {
        return WelcomeFixtures.contribution("welcome-slack-message.json", "slack:U" + IDS.incrementAndGet());
    }

    @Test
    void slackPostsTheMessageAndAnswers502TheRetryFindsItByItsMetadata() throws Exception {
        FirstContribution c = slack();
        platform.postsAnswer(ThreadStandIn.Fault.BAD_GATEWAY, 1);

        var result = service(new PlatformTokens(null, null, null, "xoxb-test", null)).welcome(c, deadline());

        assertEquals(Outcome.SENT, result.outcome());
        assertEquals(1, platform.stored.size(), "exactly one message exists");
        assertEquals(List.of("GET", "POST", "GET"), platform.requests.stream().map(RecordedRequest::getMethod).toList());
        RecordedRequest history = platform.requests.get(0);
        // 13:00:00Z, the first message, less a minute
        assertEquals("/slack/api/conversations.history?channel=C0LAN2Q65&limit=100&include_all_metadata=true&oldest=1795179540",
                history.getPath());
        assertEquals("Bearer xoxb-test", history.getHeader("Authorization"));
        JsonNode post = Json.mapper().readTree(platform.requests.get(1).getBody().clone().readUtf8());
        assertEquals("community_pulse_message", post.at("/metadata/event_type").asText());
        assertEquals("community-pulse:welcome:slack:" + c.identity().substring("slack:".length()),
                post.at("/metadata/event_payload/marker").asText());
        assertTrue(!post.get("text").asText().contains("community-pulse"), "Slack's text stays clean: " + post);
        assertEquals("C0LAN2Q65/" + platform.stored.get(0).path("ts").asText(),
                store.get(c.platform(), c.identity()).orElseThrow().get("response_id").s());
    }

    @Test
    void slackWithoutTheHistoryScopeRecordsAFailureAndPostsNothing() {
        FirstContribution c = slack();
        // Slack answers 200 {"ok": false, "error": "missing_scope", "needed": "channels:history"}
        platform.listingsFail(200, 1);

        var result = service(new PlatformTokens(null, null, null, "xoxb-test", null)).welcome(c, deadline());

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("Slack missing_scope", store.get(c.platform(), c.identity()).orElseThrow().get("reason").s());
        assertEquals(0, platform.requests("POST").size(), "never posted blind");
        assertEquals(0, platform.stored.size());
    }
}
