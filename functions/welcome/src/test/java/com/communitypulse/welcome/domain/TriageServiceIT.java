package com.communitypulse.welcome.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.github.AppKeys;
import com.communitypulse.welcome.TokenSource;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeFixtures;
import com.communitypulse.welcome.domain.TriageService.Outcome;
import com.communitypulse.welcome.platform.GitHubLabels;
import com.communitypulse.welcome.platform.GitHubPoster;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import com.communitypulse.welcome.triage.TriageConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Triage by scope below the handler: DynamoDB Local for the welcome's store, and
 * GitHub stood in for by MockWebServer serving an issue, a pull request's files over two pages and the
 * add-labels endpoint, with every request's method, path, headers and body asserted. The handler's wiring of
 * {@code TRIAGE_CONFIG} is in WelcomeHandlerIT.
 */
class TriageServiceIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static final Instant START = Instant.parse("2026-11-20T10:00:10Z");
    private static final AtomicInteger IDS = new AtomicInteger(5000);
    static final String CONFIG = """
            labels:
              documentation:
                changed-files: ["docs/**", "**/*.md"]
              core:
                changed-files: ["src/**"]
              ci:
                changed-files: [".github/**"]
              bug:
                keywords: [crash, exception, stack trace]
            first_time_contributor_label: first-time-contributor
            """;

    private MockWebServer github;
    private WelcomeFixtures.TestClock clock;
    private final List<String> metrics = new ArrayList<>();
    /** Answers served before the normal ones, e.g. a 502 (checked by path prefix). */
    private final ConcurrentLinkedQueue<MockResponse> failFirst = new ConcurrentLinkedQueue<>();
    private volatile String issueTitle = "Add a section on tiers";
    private volatile String issueBody = "The tier table is hard to find.";

    @TempDir
    Path outbox;

    @BeforeEach
    void startGitHub() throws IOException {
        github = new MockWebServer();
        github.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse failure = failFirst.poll();
                return failure != null ? failure : answer(request);
            }
        });
        github.start();
        clock = new WelcomeFixtures.TestClock(START);
    }

    @AfterEach
    void stopGitHub() throws IOException {
        github.shutdown();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getPath();
        String method = request.getMethod();
        if ("GET".equals(method) && path.matches("/api/v3/repos/octo/widgets/issues/\\d+")) {
            return json(200, Json.mapper().createObjectNode().put("title", issueTitle).put("body", issueBody).toString());
        }
        if ("GET".equals(method) && path.equals("/api/v3/repos/octo/widgets/pulls/7/files?per_page=100")) {
            return json(200, files("src/main/java/App.java", "pom.xml"))
                    .setHeader("Link", "<" + base() + "/api/v3/repos/octo/widgets/pulls/7/files?per_page=100&page=2>; rel=\"next\", <"
                            + base() + "/api/v3/repos/octo/widgets/pulls/7/files?per_page=100&page=2>; rel=\"last\"");
        }
        if ("GET".equals(method) && path.equals("/api/v3/repos/octo/widgets/pulls/7/files?per_page=100&page=2")) {
            return json(200, files("docs/guide/tiers.md", "CHANGELOG"));
        }
        if ("GET".equals(method) && path.startsWith("/api/v3/repos/octo/widgets/pulls/") && path.contains("/files")) {
            return json(200, files("build.gradle"));
        }
        if ("GET".equals(method) && path.equals("/api/v3/repos/octo/widgets/installation")) {
            return json(200, "{\"id\": 42}");
        }
        if ("POST".equals(method) && path.equals("/api/v3/app/installations/42/access_tokens")) {
            return json(201, "{\"token\": \"ghs_installation\", \"expires_at\": \"" + START.plusSeconds(3600) + "\"}");
        }
        if ("POST".equals(method) && path.matches("/api/v3/repos/octo/widgets/issues/\\d+/labels")) {
            return json(200, "[]");
        }
        return new MockResponse().setResponseCode(404).setBody("{\"message\": \"Not Found\"}");
    }

    private static String files(String... names) {
        var array = Json.mapper().createArrayNode();
        for (String name : names) {
            array.addObject().put("filename", name).put("status", "modified");
        }
        return array.toString();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private String base() {
        String url = github.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private TriageService triage(String config, Map<String, String> extraEnv, PlatformTokens tokens) {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", TABLE.name());
        env.put("GITHUB_API_URL", base() + "/api/v3");
        env.putAll(extraEnv);
        WelcomeConfig welcome = WelcomeConfig.from(new Env(env));
        RetryingHttp http = new RetryingHttp(welcome.http(), clock.sleeper(), clock, () -> 0.5);
        return new TriageService(TriageConfig.parse(config), welcome,
                new DynamoDbWelcomeStore(TABLE.client(), TABLE.name(), welcome.erasureSalt()), TokenSource.of(tokens),
                new GitHubLabels(new GitHubPoster(welcome.githubApiUrl(), welcome.userAgent(), http)),
                (name, platform) -> metrics.add(name + ":" + platform), clock);
    }

    private TriageService triage() {
        return triage(CONFIG, Map.of(), new PlatformTokens("ghp_test", null, null, null, null));
    }

    /** A live action as the normaliser publishes it (origin null: live). */
    private static CommunityAction action(String type, int number, String actor, String kind, String association,
                                          Boolean firstContribution, String origin) {
        String noun = type.startsWith("pr_") ? "pull" : "issues";
        ActionContext context = new ActionContext("github", type, "octo/widgets", null,
                "https://github.com/octo/widgets/" + noun + "/" + number, null, firstContribution, association,
                "github:octo/widgets#" + number, actor, null, "d-" + number, origin);
        return new CommunityAction(CommunityAction.EVENT, "a-" + IDS.incrementAndGet(), actor,
                "bot".equals(kind) ? "renovate[bot]" : "kenji", kind, context, "2026-11-20T10:00:00Z");
    }

    private static CommunityAction livePr(String actor, String association) {
        return action("pr_opened", 7, actor, "user", association, "FIRST_TIME_CONTRIBUTOR".equals(association), null);
    }

    private static String newActor() {
        return "github:" + IDS.incrementAndGet();
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(55);
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = github.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            all.add(next);
        }
        return all;
    }

    private static void assertGitHubHeaders(RecordedRequest request) {
        assertEquals("Bearer ghp_test", request.getHeader("Authorization"), request.getPath());
        assertEquals("application/vnd.github+json", request.getHeader("Accept"), request.getPath());
        assertEquals("2022-11-28", request.getHeader("X-GitHub-Api-Version"), request.getPath());
        assertEquals(WelcomeConfig.DEFAULT_USER_AGENT, request.getHeader("User-Agent"), request.getPath());
    }

    private static List<String> labelsPosted(RecordedRequest post) throws IOException {
        JsonNode body = Json.mapper().readTree(post.getBody().readUtf8());
        assertEquals(1, body.size(), "only labels in the body: " + body);
        List<String> labels = new ArrayList<>();
        body.get("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    @Test
    void aPullRequestTouchingDocsAndSrcGetsExactlyTheConfiguredLabelsInOnePost() throws Exception {
        TriageService.Result result = triage().label(livePr(newActor(), "CONTRIBUTOR"), deadline());

        assertEquals(Outcome.LABELLED, result.outcome(), result.detail());
        List<RecordedRequest> requests = requests();
        assertEquals(List.of("GET /api/v3/repos/octo/widgets/issues/7",
                        "GET /api/v3/repos/octo/widgets/pulls/7/files?per_page=100",
                        "GET /api/v3/repos/octo/widgets/pulls/7/files?per_page=100&page=2",
                        "POST /api/v3/repos/octo/widgets/issues/7/labels"),
                requests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList());
        requests.forEach(TriageServiceIT::assertGitHubHeaders);
        RecordedRequest post = requests.get(3);
        assertEquals("application/json", post.getHeader("Content-Type"));
        // core from page 1 (src/), documentation from page 2 (docs/, *.md); not ci, not bug, not first-time (CONTRIBUTOR)
        assertEquals(List.of("documentation", "core"), labelsPosted(post));
        assertEquals(List.of("documentation", "core"), result.labels());
        assertEquals(List.of("TriageLabelled:github"), metrics);
    }

    @Test
    void aRedeliveredEventPostsTheSameSetAndNothingElse() throws Exception {
        CommunityAction pr = livePr(newActor(), "CONTRIBUTOR");
        triage().label(pr, deadline());
        List<RecordedRequest> first = requests();
        triage().label(pr, deadline());
        List<RecordedRequest> again = requests();

        assertEquals(first.stream().map(RecordedRequest::getPath).toList(), again.stream().map(RecordedRequest::getPath).toList());
        assertEquals(1, again.stream().filter(r -> r.getMethod().equals("POST")).count(), "one add-labels call, no other write");
        assertEquals(labelsPosted(first.get(3)), labelsPosted(again.get(3)));
    }

    @Test
    void anIssueIsMatchedByAWholeKeywordInItsTitleOrBody() throws Exception {
        issueTitle = "App CRASH on start";
        issueBody = "Here is the Stack\n trace: ...";
        TriageService.Result result = triage().label(action("issue_opened", 12, newActor(), "user", "NONE", false, null), deadline());

        assertEquals(Outcome.LABELLED, result.outcome(), result.detail());
        List<RecordedRequest> requests = requests();
        assertEquals(List.of("GET /api/v3/repos/octo/widgets/issues/12", "POST /api/v3/repos/octo/widgets/issues/12/labels"),
                requests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList(), "an issue has no files to read");
        requests.forEach(TriageServiceIT::assertGitHubHeaders);
        // issues never get the first-time label (it is for pull requests)
        assertEquals(List.of("bug"), labelsPosted(requests.get(1)));
    }

    @Test
    void aKeywordInsideAnotherWordIsNoMatchAndNoLabelsMeansNoPost() throws Exception {
        issueTitle = "Crashed builds are flaky";
        issueBody = "Exceptional cases; a stacktrace without a space.";
        TriageService.Result result = triage().label(action("issue_opened", 13, newActor(), "user", "NONE", false, null), deadline());

        assertEquals(Outcome.NOTHING_TO_ADD, result.outcome(), result.detail());
        assertEquals(List.of("GET /api/v3/repos/octo/widgets/issues/13"),
                requests().stream().map(r -> r.getMethod() + " " + r.getPath()).toList());
        assertEquals(List.of("TriageSkipped:github"), metrics);
    }

    @Test
    void aFirstTimersPullRequestGetsTheExtraLabel() throws Exception {
        TriageService.Result result = triage().label(livePr(newActor(), "FIRST_TIME_CONTRIBUTOR"), deadline());

        List<RecordedRequest> requests = requests();
        assertEquals(List.of("documentation", "core", "first-time-contributor"), labelsPosted(requests.get(requests.size() - 1)));
        assertEquals(List.of("documentation", "core", "first-time-contributor"), result.labels());
    }

    @Test
    void withoutGitHubsVerdictTheStoreDecidesWhetherItIsTheirFirst() throws Exception {
        // a profile that counts this PR only (the scorer got there first): a first-timer
        String newcomer = newActor();
        profile(newcomer, 1, 0);
        triage().label(action("pr_opened", 8, newcomer, "user", "NONE", null, null), deadline());
        List<RecordedRequest> requests = requests();
        assertEquals(List.of("first-time-contributor"), labelsPosted(requests.get(requests.size() - 1)),
                "build.gradle matches no glob; only the first-time label");

        // a profile with earlier pull requests: not a first-timer, and nothing else matches: no POST
        String regular = newActor();
        profile(regular, 4, 2);
        TriageService.Result result = triage().label(action("pr_opened", 8, regular, "user", null, null, null), deadline());
        assertEquals(Outcome.NOTHING_TO_ADD, result.outcome(), result.detail());
        assertTrue(requests().stream().noneMatch(r -> r.getMethod().equals("POST")));
    }

    private static void profile(String identity, long prsOpened, long prsMerged) {
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(identity)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                "c_pr_opened", AttributeValue.fromN(Long.toString(prsOpened)),
                "c_pr_merged", AttributeValue.fromN(Long.toString(prsMerged)))));
    }

    @Test
    void aBotsPullRequestAndHistoryAreLeftAlone() throws Exception {
        TriageService.Result bot = triage().label(action("pr_opened", 7, newActor(), "bot", "NONE", true, null), deadline());
        TriageService.Result history = triage().label(action("pr_opened", 7, newActor(), "user", "FIRST_TIME_CONTRIBUTOR", true,
                "backfill"), deadline());

        assertEquals(Outcome.BOT, bot.outcome());
        assertEquals(Outcome.HISTORY, history.outcome());
        assertEquals(List.of(), requests(), "not a single call to GitHub");
    }

    @Test
    void aDryRunReadsButRecordsTheLabelsInsteadOfPosting() throws Exception {
        TriageService dry = triage(CONFIG, Map.of("DRY_RUN", "true", "DRY_RUN_DIR", outbox.toString()),
                new PlatformTokens("ghp_test", null, null, null, null));
        TriageService.Result result = dry.label(livePr(newActor(), "FIRST_TIME_CONTRIBUTOR"), deadline());

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals(List.of("documentation", "core", "first-time-contributor"), result.labels());
        assertTrue(requests().stream().allMatch(r -> r.getMethod().equals("GET")), "reads only");
        JsonNode file = Json.mapper().readTree(Files.readString(outbox.resolve("triage-github-octo_widgets-7.json")));
        JsonNode post = file.get("requests").get(0);
        assertEquals("POST", post.get("method").asText());
        assertEquals(base() + "/api/v3/repos/octo/widgets/issues/7/labels", post.get("url").asText());
        assertEquals("<redacted>", post.get("headers").get("Authorization").asText());
        assertEquals("[\"documentation\",\"core\",\"first-time-contributor\"]", post.get("body").get("labels").toString());
        assertEquals(List.of("TriageDryRun:github"), metrics);
    }

    @Test
    void withoutCredentialsNothingIsReadOrPosted() throws Exception {
        TriageService.Result result = triage(CONFIG, Map.of(), PlatformTokens.NONE)
                .label(livePr(newActor(), "FIRST_TIME_CONTRIBUTOR"), deadline());

        assertEquals(Outcome.DRY_RUN, result.outcome());
        assertEquals(List.of(), requests());
    }

    @Test
    void a502IsRetriedByTheWelcomesClientThenTheLabelsArePosted() throws Exception {
        failFirst.add(json(502, "{\"message\": \"Bad Gateway\"}"));
        TriageService.Result result = triage().label(livePr(newActor(), "CONTRIBUTOR"), deadline());

        assertEquals(Outcome.LABELLED, result.outcome(), result.detail());
        List<String> calls = requests().stream().map(r -> r.getMethod() + " " + r.getPath()).toList();
        assertEquals("GET /api/v3/repos/octo/widgets/issues/7", calls.get(0));
        assertEquals("GET /api/v3/repos/octo/widgets/issues/7", calls.get(1), "the 502 was retried");
        assertEquals(5, calls.size(), calls.toString());
        assertEquals(1, clock.sleeps.size(), "one backoff, recorded not slept");
    }

    @Test
    void aRefusalIsCountedAndTheEventSucceedsWhileAnOutageIsRetriedLater() throws Exception {
        for (int i = 0; i < 4; i++) {
            failFirst.add(json(503, "{\"message\": \"Unavailable\"}"));
        }
        assertThrows(WelcomeRetryException.class, () -> triage().label(livePr(newActor(), "CONTRIBUTOR"), deadline()));
        requests();

        failFirst.add(json(404, "{\"message\": \"Not Found\"}"));
        TriageService.Result gone = triage().label(livePr(newActor(), "CONTRIBUTOR"), deadline());
        assertEquals(Outcome.FAILED, gone.outcome());
        assertTrue(gone.detail().contains("404"), gone.detail());
        assertEquals(List.of("TriageRetried:github", "TriageFailed:github"), metrics);
    }

    @Test
    void asAGitHubAppEveryCallUsesTheInstallationTokenTheWelcomeMints() throws Exception {
        PlatformTokens app = new PlatformTokens(null, null, null, null, null, "123456", AppKeys.pkcs1Pem(), null);
        TriageService.Result result = triage(CONFIG, Map.of(), app).label(livePr(newActor(), "CONTRIBUTOR"), deadline());

        assertEquals(Outcome.LABELLED, result.outcome(), result.detail());
        List<RecordedRequest> requests = requests();
        assertEquals(List.of("GET /api/v3/repos/octo/widgets/installation", "POST /api/v3/app/installations/42/access_tokens",
                        "GET /api/v3/repos/octo/widgets/issues/7", "GET /api/v3/repos/octo/widgets/pulls/7/files?per_page=100",
                        "GET /api/v3/repos/octo/widgets/pulls/7/files?per_page=100&page=2",
                        "POST /api/v3/repos/octo/widgets/issues/7/labels"),
                requests.stream().map(r -> r.getMethod() + " " + r.getPath()).toList());
        assertTrue(AppKeys.verifies(requests.get(0).getHeader("Authorization").substring("Bearer ".length()),
                AppKeys.keys.getPublic()), "the app's JWT finds the installation");
        requests.subList(2, 6).forEach(r -> assertEquals("Bearer ghs_installation", r.getHeader("Authorization"), r.getPath()));
    }
}
