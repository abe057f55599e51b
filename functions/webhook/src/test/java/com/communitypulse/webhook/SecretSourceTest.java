package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.testkit.RecordingPublisher;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.domain.WebhookService;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.secrets.ParameterSecretSource;
import com.communitypulse.webhook.secrets.SecretName;
import com.communitypulse.webhook.secrets.SecretSource;
import com.communitypulse.webhook.secrets.SecretSources;
import com.communitypulse.webhook.secrets.SecretUnavailableException;
import com.communitypulse.webhook.store.DeliveryClaimStore;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secret providers. Secrets Manager and SSM are AWS services, stood in for at the HTTP level
 * (their JSON protocol, one canned answer) so the real SDK clients and Powertools' caching run.
 */
class SecretSourceTest {
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "";

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            requests.add(target + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    Env awsEnv(String provider) {
        return awsEnv(provider, Map.of());
    }

    Env awsEnv(String provider, Map<String, String> more) {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("SECRETS_PROVIDER", provider, "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint, "AWS_ENDPOINT_URL_SSM", endpoint,
                "GITHUB_WEBHOOK_SECRET_NAME", "community-pulse/github-webhook",
                "SLACK_SIGNING_SECRET_NAME", "/community-pulse/slack"));
        env.putAll(more);
        return new Env(env);
    }

    /** A Secrets Manager answer whose SecretString is {@code secretString}, JSON-escaped as the service sends it. */
    static String secretAnswer(String name, String secretString) throws IOException {
        return com.communitypulse.shared.json.Json.mapper().writeValueAsString(
                Map.of("Name", name, "SecretString", secretString, "VersionId", "v1"));
    }

    static WebhookService serviceWith(SecretSource source) {
        return new WebhookService(source, new DeliveryClaimStore() {
            @Override
            public Outcome claim(String platform, String key, String deliveryId, java.time.Instant now) {
                return Outcome.CLAIMED;
            }

            @Override
            public void confirm(String platform, String key, java.time.Instant now) {
            }

            @Override
            public void release(String platform, String key) {
            }
        }, new RecordingPublisher(), new RecordingMetrics());
    }

    static final String STAR = "{\"action\":\"created\",\"starred_at\":\"2026-11-20T10:00:00Z\",\"sender\":{\"id\":1,\"login\":\"m\"},"
            + "\"repository\":{\"full_name\":\"o/r\"}}";

    static final Map<String, String> ONE_SECRET = Map.of("WEBHOOK_SECRETS_NAME", "community-pulse/webhook-secrets");

    @Test
    void theOneSecretLayoutGivesEachPlatformItsKeyFromOneRead() throws IOException {
        answer = secretAnswer("community-pulse/webhook-secrets", "{\"github\":\"github-secret-new\\ngithub-secret-old\","
                + "\"discourse\":\"discourse-secret-1\",\"discord\":\"" + PlatformSigner.DEV_DISCORD_PUBLIC_KEY + "\","
                + "\"slack\":\"slack-signing-1\",\"community\":\"community-secret-1\"}");
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager", ONE_SECRET));

        assertEquals(List.of("github-secret-new", "github-secret-old"), source.secrets(SecretName.GITHUB),
                "a key's value holds several secrets, one a line, as a secret of its own does");
        assertEquals(List.of("discourse-secret-1"), source.secrets(SecretName.DISCOURSE));
        assertEquals(List.of(PlatformSigner.DEV_DISCORD_PUBLIC_KEY), source.secrets(SecretName.DISCORD));
        assertEquals(List.of("slack-signing-1"), source.secrets(SecretName.SLACK));
        assertEquals(List.of("community-secret-1"), source.secrets(SecretName.COMMUNITY));

        assertEquals(1, requests.size(), "one GetSecretValue for the five, then the cache: " + requests);
        assertTrue(requests.get(0).contains("\"SecretId\":\"community-pulse/webhook-secrets\""),
                "the per-platform names (GITHUB_WEBHOOK_SECRET_NAME is set too) are ignored: " + requests.get(0));

        String body = STAR;
        assertEquals(202, serviceWith(source).handle(new WebhookRequest("github",
                PlatformSigner.github("github-secret-old", "star", "d-1", body), body, false, "r1")).status(),
                "a delivery signed with the key's second (older) secret is accepted");
    }

    @Test
    void aMissingKeyIsUnavailableLikeAMissingSecret() throws IOException {
        answer = secretAnswer("community-pulse/webhook-secrets", "{\"slack\":\"slack-signing-1\"}");
        SecretSource oneSecret = SecretSources.fromEnv(awsEnv("secretsmanager", ONE_SECRET));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> oneSecret.secrets(SecretName.DISCOURSE));
        assertEquals("Secrets Manager value community-pulse/webhook-secrets has no key discourse", e.getMessage());
        assertEquals(List.of("slack-signing-1"), oneSecret.secrets(SecretName.SLACK), "the keys that are there still work");

        // the webhook answers both the same: 503 secret_unavailable, so the platform retries
        String body = STAR;
        WebhookResponse missingKey = serviceWith(oneSecret).handle(new WebhookRequest("github",
                PlatformSigner.github("github-secret-1", "star", "d-2", body), body, false, "r2"));
        SecretSource noSecret = SecretSources.fromEnv(awsEnv("secretsmanager", Map.of("GITHUB_WEBHOOK_SECRET_NAME", "")));
        WebhookResponse missingSecret = serviceWith(noSecret).handle(new WebhookRequest("github",
                PlatformSigner.github("github-secret-1", "star", "d-3", body), body, false, "r3"));
        assertEquals(503, missingKey.status());
        assertEquals(missingSecret.status(), missingKey.status());
        assertEquals(missingSecret.body(), missingKey.body());
        assertEquals("secret_unavailable", missingKey.reason());
    }

    @Test
    void aOneSecretValueThatIsNotJsonIsNamedNeverQuoted() throws IOException {
        answer = secretAnswer("community-pulse/webhook-secrets", "github-secret-pasted-raw");
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager", ONE_SECRET));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.GITHUB));
        assertEquals("Secrets Manager value community-pulse/webhook-secrets is not a JSON object with the keys "
                + "github, discourse, discord, slack, community", e.getMessage());
        assertFalse(e.getMessage().contains("pasted-raw"));

        answer = secretAnswer("community-pulse/webhook-secrets", "{\"github\":\"a,b\"}");
        SecretSource shortOne = SecretSources.fromEnv(awsEnv("secretsmanager", ONE_SECRET));
        assertEquals("Secrets Manager value community-pulse/webhook-secrets key github: the secret on line 1 has 3 characters;"
                + " each must have at least 8", assertThrows(SecretUnavailableException.class,
                () -> shortOne.secrets(SecretName.GITHUB)).getMessage());
    }

    @Test
    void anEmptyOneSecretNameFallsBackToOneSecretPerPlatform() throws IOException {
        answer = secretAnswer("community-pulse/github-webhook", "github-secret-own");
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager", Map.of("WEBHOOK_SECRETS_NAME", "")));
        assertEquals(List.of("github-secret-own"), source.secrets(SecretName.GITHUB));
        assertTrue(requests.get(0).contains("\"SecretId\":\"community-pulse/github-webhook\""), requests.get(0));
    }

    @Test
    void aValueHoldsSeveralSecretsOneALine() {
        assertEquals(List.of("new-secret-0123456789", "old-secret-0123456789", "older-secret-0123456789"),
                SecretSource.parse("TEST", " new-secret-0123456789 \r\nold-secret-0123456789\nolder-secret-0123456789\n"));
        assertTrue(SecretSource.parse("TEST", "  ").isEmpty());
    }

    /**
     * A generated secret can hold a comma (password managers put them in). Split on commas, the
     * value {@code ...9f,x} became two secrets, one of them {@code x}: anyone signing with "x" got in.
     */
    @Test
    void aCommaIsPartOfTheSecretSoItsTailIsNeverAKeyOfItsOwn() {
        String secret = "3f0a9c2e77d14b8e9f,x";
        WebhookService service = new WebhookService(new EnvSecretSource(new Env(Map.of("GITHUB_WEBHOOK_SECRET", secret))),
                new DeliveryClaimStore() {
                    @Override
                    public Outcome claim(String platform, String key, String deliveryId, java.time.Instant now) {
                        return Outcome.CLAIMED;
                    }

                    @Override
                    public void confirm(String platform, String key, java.time.Instant now) {
                    }

                    @Override
                    public void release(String platform, String key) {
                    }
                }, new RecordingPublisher(), new RecordingMetrics());
        String body = "{\"action\":\"created\",\"starred_at\":\"2026-11-20T10:00:00Z\",\"sender\":{\"id\":1,\"login\":\"m\"},"
                + "\"repository\":{\"full_name\":\"o/r\"}}";
        Map<String, String> forged = PlatformSigner.github("x", "star", "d-forged", body);
        assertEquals(401, service.handle(new WebhookRequest("github", forged, body, false, "r1")).status(),
                "a body signed with the comma's tail is refused");
        Map<String, String> genuine = PlatformSigner.github(secret, "star", "d-genuine", body);
        assertEquals(202, service.handle(new WebhookRequest("github", genuine, body, false, "r2")).status(),
                "the whole value is the secret");
        assertEquals(List.of(secret), SecretSource.parse("GITHUB_WEBHOOK_SECRET", secret));
    }

    @Test
    void anEmptyOrShortPartIsRefusedAtStartNamingTheLineNeverTheValue() {
        SecretUnavailableException blank = assertThrows(SecretUnavailableException.class, () -> new EnvSecretSource(
                new Env(Map.of("SLACK_SIGNING_SECRET", "first-secret-0123456789\n\nsecond-secret-0123456789"))));
        assertEquals("SLACK_SIGNING_SECRET: line 2 is empty; put one secret on each line and nothing else",
                blank.getMessage());

        SecretUnavailableException shortOne = assertThrows(SecretUnavailableException.class, () -> new EnvSecretSource(
                new Env(Map.of("GITHUB_WEBHOOK_SECRET", "first-secret-0123456789\nhunter2"))));
        assertEquals("GITHUB_WEBHOOK_SECRET: the secret on line 2 has 7 characters; each must have at least 8",
                shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("hunter2"));
    }

    @Test
    void aShortSecretInSecretsManagerIsUnavailableWithTheSameReason() {
        answer = "{\"Name\":\"community-pulse/github-webhook\",\"SecretString\":\"a,b\",\"VersionId\":\"v1\"}";
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager"));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.GITHUB));
        assertEquals("Secrets Manager value community-pulse/github-webhook: the secret on line 1 has 3 characters; "
                + "each must have at least 8", e.getMessage());
    }

    @Test
    void envProviderReadsTheValueVariables() {
        SecretSource source = SecretSources.fromEnv(new Env(Map.of("SECRETS_PROVIDER", "env",
                "DISCORD_PUBLIC_KEY", PlatformSigner.DEV_DISCORD_PUBLIC_KEY + "\nretired-public-key-0123456789")));
        assertTrue(source instanceof EnvSecretSource);
        assertEquals(List.of(PlatformSigner.DEV_DISCORD_PUBLIC_KEY, "retired-public-key-0123456789"), source.secrets(SecretName.DISCORD));
        SecretUnavailableException missing = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.SLACK));
        assertTrue(missing.getMessage().contains("SLACK_SIGNING_SECRET"));
    }

    @Test
    void secretsManagerIsReadByNameAndCachedForFiveMinutes() {
        answer = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:community-pulse/github-webhook-AbCdEf\","
                + "\"Name\":\"community-pulse/github-webhook\",\"SecretString\":\"new-github-secret\\nold-github-secret\",\"VersionId\":\"v1\"}";
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager"));

        assertEquals(List.of("new-github-secret", "old-github-secret"), source.secrets(SecretName.GITHUB));
        assertEquals(List.of("new-github-secret", "old-github-secret"), source.secrets(SecretName.GITHUB));

        assertEquals(1, requests.size(), "the second read comes from the cache");
        assertTrue(requests.get(0).startsWith("secretsmanager.GetSecretValue "), requests.get(0));
        assertTrue(requests.get(0).contains("\"SecretId\":\"community-pulse/github-webhook\""), requests.get(0));
        assertEquals(java.time.Duration.ofMinutes(5), ParameterSecretSource.CACHE_FOR);
    }

    @Test
    void ssmSecureStringsAreReadDecryptedSignedAndCached() {
        answer = "{\"Parameter\":{\"Name\":\"/community-pulse/slack\",\"Type\":\"SecureString\",\"Value\":\"slack-signing-one\\nslack-signing-two\",\"Version\":3}}";
        SecretSource source = SecretSources.fromEnv(awsEnv("ssm"));

        assertEquals(List.of("slack-signing-one", "slack-signing-two"), source.secrets(SecretName.SLACK));
        assertEquals(List.of("slack-signing-one", "slack-signing-two"), source.secrets(SecretName.SLACK));
        assertEquals(1, requests.size(), "the second read comes from the cache");
        assertTrue(requests.get(0).startsWith("AmazonSSM.GetParameter "), requests.get(0));
        assertTrue(requests.get(0).contains("\"WithDecryption\":true"), requests.get(0));
        // SSM refuses anything but SigV4 for service "ssm" in the function's region
        assertTrue(authorizations.get(0).matches("AWS4-HMAC-SHA256 Credential=test/\\d{8}/eu-west-1/ssm/aws4_request, "
                + "SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}"), authorizations.get(0));
    }

    @Test
    void anSsmErrorNamesItsTypeAndNeverAValue() {
        status = 400;
        answer = "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}";
        SecretSource source = SecretSources.fromEnv(awsEnv("ssm"));

        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.SLACK));
        assertTrue(e.getMessage().contains("ParameterNotFound (HTTP 400)"), e.getMessage());
        assertTrue(e.getMessage().contains("SSM Parameter Store"), e.getMessage());
        status = 200;
        answer = "{\"Parameter\":{\"Name\":\"/community-pulse/slack\",\"Type\":\"SecureString\",\"Value\":\"slack-signing-one\"}}";
        assertEquals(List.of("slack-signing-one"), source.secrets(SecretName.SLACK), "a failure is not cached");
    }

    @Test
    void aStoreErrorIsSecretUnavailableAndNeverCarriesAValue() {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}";
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager"));

        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.GITHUB));
        assertTrue(e.getMessage().contains("community-pulse/github-webhook"), e.getMessage());
    }

    @Test
    void anUnsetSecretNameIsSecretUnavailable() {
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager"));
        SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.DISCOURSE));
        assertTrue(e.getMessage().contains("DISCOURSE_WEBHOOK_SECRET_NAME"));
        assertTrue(requests.isEmpty());
    }

    @Test
    void anUnknownProviderIsAConfigurationError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretSources.fromEnv(new Env(Map.of("SECRETS_PROVIDER", "vault"))));
        assertFalse(e.getMessage().isBlank());
    }
}
