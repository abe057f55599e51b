package com.communitypulse.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.backfill.domain.BackfillState;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.platform.GitHubToken;
import com.communitypulse.backfill.store.DynamoDbBackfillStore;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.testkit.github.AppKeys;
import com.communitypulse.testkit.github.StandInGitHub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backfill reading as a GitHub App (the stand-in's App mode, DynamoDB Local): a whole repository with
 * installation tokens only, a token revoked between runs, and an app that is not installed or signs with a key
 * that is not its own stop the backfill with the reason in {@code last_error}, never the key.
 */
class BackfillAppIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();
    static final String REPO = "octo-org/hello-world";
    static final String APP_ID = "123456";

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final RecordingPublisher bus = new RecordingPublisher();
    StandInGitHub github;
    StandInGitHub.App app;

    @BeforeEach
    void start() throws Exception {
        github = new StandInGitHub(REPO).generate(120, 1, 30, 20, 0).withReviews(1, 1);
        app = github.asApp(APP_ID, AppKeys.keys.getPublic(), 42, clock);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    BackfillHandler handler(GitHubToken token) {
        GitHubRest rest = new GitHubRest(github.url(), token, Duration.ofSeconds(5), Duration.ofSeconds(5), clock,
                d -> Thread.sleep(d.toMillis()));
        BackfillService service = new BackfillService(new BackfillService.Settings(0.5, Duration.ZERO, Duration.ofSeconds(5),
                true), rest, new DynamoDbBackfillStore(TABLE.client(), TABLE.name()), bus, BackfillMetrics.NONE, clock);
        return new BackfillHandler(service, Duration.ofSeconds(60), clock);
    }

    static Map<String, Object> requested(String repository) {
        return Map.of("detail-type", Sources.BACKFILL_REQUESTED, "source", Sources.BACKFILL,
                "detail", Map.of("platform", "github", "repository", repository));
    }

    BackfillState state(String repository) {
        return new DynamoDbBackfillStore(TABLE.client(), TABLE.name()).state("github", repository).orElseThrow();
    }

    @Test
    void aRepositoryIsBackfilledWithInstallationTokensOnlyAndARevokedOneIsReplaced() {
        BackfillHandler handler = handler(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), null));

        handler.handleRequest(requested(REPO), null);

        BackfillState state = state(REPO);
        assertEquals(BackfillState.Status.DONE, state.status, () -> "done: " + state.lastError);
        assertEquals(github.expectedDeliveries(), bus.events().stream().filter(e -> e.source().equals(Sources.WEBHOOK)).count(),
                "the whole history");
        assertEquals(1, app.minted());
        assertTrue(github.authorizations.size() > 10);
        assertTrue(github.authorizations.stream().allMatch("Bearer ghs_standIn1"::equals),
                "every read with the installation token");
        assertTrue(state.rateRemaining > 4000,
                "the installation's limit (the app's own calls say 1 left): " + state.rateRemaining);
        assertEquals(github.counted.get(), state.requests, "the app's calls are not in the backfill's requests");

        app.revokeAll();
        clock.advance(Duration.ofMinutes(10));
        handler.handleRequest(requested(REPO), null);

        BackfillState again = state(REPO);
        assertEquals(BackfillState.Status.DONE, again.status, () -> "done: " + again.lastError);
        assertEquals(2, again.runs);
        assertNull(again.lastError);
        assertEquals(2, app.minted(), "one fresh token after the 401");
        assertEquals(1, app.requests.stream().filter(r -> r.method().equals("GET")).count(), "the installation looked up once");
    }

    @Test
    void anAppNotInstalledOnTheRepositoryFailsWithThatInLastError() {
        Map<String, Object> answer = handler(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), null))
                .handleRequest(requested("octo-org/elsewhere"), null);

        assertEquals("failed", answer.get("status"));
        BackfillState state = state("octo-org/elsewhere");
        assertEquals(BackfillState.Status.FAILED, state.status);
        assertEquals("GitHub App 123456 is not installed on octo-org/elsewhere (HTTP 404: Not Found)", state.lastError);
        assertEquals(0, bus.events().size(), "nothing published, no next step");
    }

    @Test
    void aKeyThatIsNotTheAppsOrNotAKeyFailsWithTheReasonAndNeverTheKey() {
        String otherKey = AppKeys.pkcs1Pem(AppKeys.generate());
        handler(GitHubToken.ofApp(APP_ID, otherKey, null)).handleRequest(requested(REPO), null);

        BackfillState wrongKey = state(REPO);
        assertEquals(BackfillState.Status.FAILED, wrongKey.status);
        assertTrue(wrongKey.lastError.startsWith("GitHub refused the JWT of GitHub App 123456 (HTTP 401"), wrongKey.lastError);
        assertTrue(wrongKey.lastError.contains("github_app_private_key is not that app's key"), wrongKey.lastError);
        assertNoKeyIn(wrongKey.lastError, otherKey);

        String notAKey = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END RSA PRIVATE KEY-----\n";
        handler(GitHubToken.ofApp(APP_ID, notAKey, null)).handleRequest(requested(REPO), null);

        BackfillState broken = state(REPO);
        assertEquals(BackfillState.Status.FAILED, broken.status);
        assertEquals("GitHub App 123456: github_app_private_key is not an RSA private key in PEM form", broken.lastError);
        assertEquals(0, github.authorizations.size(), "nothing read");
        assertEquals(0, bus.ofType(Sources.BACKFILL_CONTINUE).size(), "no next step: it does not loop");
    }

    static void assertNoKeyIn(String message, String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 16 <= base64.length(); i += 8) {
            assertFalse(message.contains(base64.substring(i, i + 16)), "leaked: " + message);
        }
    }
}
