package com.communitypulse.backfill.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.domain.RateBudget;
import com.communitypulse.devkit.MutableClock;
import com.communitypulse.testkit.github.AppKeys;
import com.communitypulse.testkit.github.StandInGitHub;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHubRest reading as a GitHub App against the stand-in's App mode (HTTP level): the app's JWT, checked there
 * and here against the public key, buys an installation token that the reads then carry; the token is cached,
 * minted again before it expires and after GitHub revoked it, and the app's calls stay out of the rate budget.
 */
class GitHubRestAppTest {
    static final String REPO = "octo-org/hello-world";
    static final String APP_ID = "123456";
    static final long INSTALLATION = 42;
    /** A key pair that is not the app's. */
    static final KeyPair OTHER = AppKeys.generate();

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    StandInGitHub github;
    StandInGitHub.App app;

    @BeforeEach
    void start() throws Exception {
        github = new StandInGitHub(REPO).generate(5, 0, 0, 3, 0);
        app = github.asApp(APP_ID, AppKeys.keys.getPublic(), INSTALLATION, clock);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    GitHubRest rest(GitHubToken token) {
        return new GitHubRest(github.url(), token, Duration.ofSeconds(5), Duration.ofSeconds(5), clock, d -> { });
    }

    GitHubRest.Page read(GitHubRest rest, RateBudget budget, GitHubRest.Spend spend) {
        return rest.get("/repos/" + REPO + "/issues?state=all&per_page=100", GitHubRest.JSON, null, budget, spend,
                clock.instant().plusSeconds(60));
    }

    static RateBudget budget() {
        return new RateBudget(0.5, null, null, null);
    }

    @Test
    void theAppsJwtBuysAnInstallationTokenThatTheReadsCarry() throws Exception {
        GitHubRest rest = rest(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), null)).forRepository(REPO);
        RateBudget budget = budget();
        GitHubRest.Spend spend = new GitHubRest.Spend();

        rest.lookUpLimit(budget, spend);
        assertEquals(200, read(rest, budget, spend).status());

        assertEquals(2, app.requests.size(), "the installation look-up, then the mint");
        StandInGitHub.App.Request lookUp = app.requests.get(0);
        StandInGitHub.App.Request mint = app.requests.get(1);
        assertEquals(List.of("GET", "/repos/" + REPO + "/installation"), List.of(lookUp.method(), lookUp.path()));
        assertEquals(List.of("POST", "/app/installations/42/access_tokens"), List.of(mint.method(), mint.path()));
        for (StandInGitHub.App.Request request : app.requests) {
            assertTrue(request.authorization().startsWith("Bearer "), request.authorization());
            String jwt = request.authorization().substring("Bearer ".length());
            assertTrue(AppKeys.verifies(jwt, AppKeys.keys.getPublic()), "RS256, the app's key");
            assertFalse(AppKeys.verifies(jwt, OTHER.getPublic()), "and only the app's key");
            assertEquals("RS256", AppKeys.part(jwt, 0).get("alg").asText());
            assertEquals(APP_ID, AppKeys.part(jwt, 1).get("iss").asText());
            assertEquals(clock.instant().getEpochSecond() + 540, AppKeys.part(jwt, 1).get("exp").asLong());
            assertEquals("application/vnd.github+json", request.accept());
            assertEquals("2022-11-28", request.apiVersion());
            assertTrue(request.verified(), "the stand-in checked it as GitHub does");
        }
        assertEquals(List.of("Bearer ghs_standIn1", "Bearer ghs_standIn1"), github.authorizations,
                "the rate-limit look-up and the read, with the installation token");
        assertEquals(2, spend.sent(), "the app's own calls are not in the spend");
        assertEquals(1, spend.counted());
        assertEquals(github.remaining(), budget.remaining(), "the installation's limit, not the app's (which says 1 left)");
    }

    @Test
    void theTokenIsCachedAndMintedAgainFiveMinutesBeforeItExpires() {
        GitHubRest unbound = rest(GitHubToken.ofApp(APP_ID, AppKeys.pkcs8Pem(), null));
        RateBudget budget = budget();
        GitHubRest.Spend spend = new GitHubRest.Spend();
        read(unbound.forRepository(REPO), budget, spend);
        read(unbound.forRepository(REPO), budget, spend); // the next step: a new view, the same cache
        clock.advance(Duration.ofMinutes(54));
        read(unbound.forRepository(REPO), budget, spend);
        assertEquals(1, app.minted(), "one token for the hour's first 55 minutes");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        read(unbound.forRepository(REPO), budget, spend);

        assertEquals(2, app.minted(), "minted again 5 minutes before expires_at");
        assertEquals(List.of("Bearer ghs_standIn1", "Bearer ghs_standIn1", "Bearer ghs_standIn1", "Bearer ghs_standIn2"),
                github.authorizations);
        assertEquals(1, app.requests.stream().filter(r -> r.method().equals("GET")).count(),
                "the repository's installation is looked up once");
    }

    @Test
    void aConfiguredInstallationIsNotLookedUp() {
        read(rest(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), String.valueOf(INSTALLATION))).forRepository(REPO), budget(),
                new GitHubRest.Spend());

        assertEquals(List.of("/app/installations/42/access_tokens"), app.requests.stream().map(r -> r.path()).toList());
        assertEquals(List.of("Bearer ghs_standIn1"), github.authorizations);
    }

    @Test
    void aRevokedTokenIsDroppedAndTheReadSentOnceMoreWithAFreshOne() {
        GitHubRest rest = rest(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), null)).forRepository(REPO);
        RateBudget budget = budget();
        read(rest, budget, new GitHubRest.Spend());
        app.revokeAll();
        GitHubRest.Spend spend = new GitHubRest.Spend();

        assertEquals(200, read(rest, budget, spend).status());

        assertEquals(List.of("Bearer ghs_standIn1", "Bearer ghs_standIn1", "Bearer ghs_standIn2"), github.authorizations);
        assertEquals(2, app.minted());
        assertEquals(2, spend.sent());
        assertEquals(1, spend.counted(), "the 401 (which GitHub does not count against the installation) is not counted");
    }

    @Test
    void aPlainTokenIsSentAsItIsAndNothingIsMinted() throws Exception {
        try (StandInGitHub plain = new StandInGitHub(REPO).generate(2, 0, 0, 1, 0)) {
            GitHubRest rest = new GitHubRest(plain.url(), GitHubToken.of(StandInGitHub.TOKEN), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), clock, d -> { });
            rest.get("/repos/" + REPO, GitHubRest.JSON, null, budget(), new GitHubRest.Spend(), clock.instant().plusSeconds(60));
            assertEquals(List.of("Bearer " + StandInGitHub.TOKEN), plain.authorizations);
        }
    }

    @Test
    void anAppNotInstalledOnTheRepositoryIsARefusalThatSaysSo() {
        GitHubRest rest = rest(GitHubToken.ofApp(APP_ID, AppKeys.pkcs1Pem(), null)).forRepository("octo-org/elsewhere");

        var refused = assertThrows(GitHubRest.Refused.class, () -> rest.lookUpLimit(budget(), new GitHubRest.Spend()));

        assertEquals(404, refused.status());
        assertEquals("GitHub App 123456 is not installed on octo-org/elsewhere (HTTP 404: Not Found)", refused.getMessage());
        assertEquals(List.of(), github.authorizations, "nothing read without a token");
    }

    @Test
    void anotherKeysJwtIsRefusedWithAMessageThatHoldsNeitherKeyNorJwt() {
        String otherKey = AppKeys.pkcs1Pem(OTHER);
        GitHubRest rest = rest(GitHubToken.ofApp(APP_ID, otherKey, null)).forRepository(REPO);

        var refused = assertThrows(GitHubRest.Refused.class, () -> read(rest, budget(), new GitHubRest.Spend()));

        assertEquals(401, refused.status());
        assertTrue(refused.getMessage().startsWith("GitHub refused the JWT of GitHub App 123456 (HTTP 401: A JSON web token "
                + "could not be decoded): github_app_private_key is not that app's key"), refused.getMessage());
        assertFalse(app.requests.get(0).verified());
        String jwt = app.requests.get(0).authorization().substring("Bearer ".length());
        assertNoSecretIn(refused.getMessage(), otherKey, jwt);
    }

    @Test
    void aKeyThatIsNotAPemIsARefusalThatDoesNotEchoIt() {
        String broken = "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END RSA PRIVATE KEY-----\n";
        GitHubRest rest = rest(GitHubToken.ofApp(APP_ID, broken, null)).forRepository(REPO);

        var refused = assertThrows(GitHubRest.Refused.class, () -> read(rest, budget(), new GitHubRest.Spend()));

        assertEquals("GitHub App 123456: github_app_private_key is not an RSA private key in PEM form", refused.getMessage());
        assertEquals(List.of(), app.requests, "nothing sent");
        assertNull(refused.getCause());
    }

    /** No 16 characters in a row of the key's base64 or of the JWT's signature. */
    static void assertNoSecretIn(String message, String pem, String jwt) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        for (String secret : Set.of(base64, signature)) {
            for (int i = 0; i + 16 <= secret.length(); i += 8) {
                assertFalse(message.contains(secret.substring(i, i + 16)), "leaked: " + message);
            }
        }
    }
}
