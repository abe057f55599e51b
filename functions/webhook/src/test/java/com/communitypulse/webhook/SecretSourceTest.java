package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.config.Env;
import com.communitypulse.webhook.secrets.EnvSecretSource;
import com.communitypulse.webhook.secrets.ParameterSecretSource;
import com.communitypulse.webhook.secrets.SecretName;
import com.communitypulse.webhook.secrets.SecretSource;
import com.communitypulse.webhook.secrets.SecretSources;
import com.communitypulse.webhook.secrets.SecretUnavailableException;
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
    volatile int status = 200;
    volatile String answer = "";

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
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
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return new Env(Map.of("SECRETS_PROVIDER", provider, "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint, "AWS_ENDPOINT_URL_SSM", endpoint,
                "GITHUB_WEBHOOK_SECRET_NAME", "community-pulse/github-webhook",
                "SLACK_SIGNING_SECRET_NAME", "/community-pulse/slack"));
    }

    @Test
    void aValueHoldsSeveralSecretsSeparatedByNewlinesOrCommas() {
        assertEquals(List.of("new", "old", "older"), SecretSource.split(" new \r\nold,older,\n\n"));
        assertTrue(SecretSource.split("  ").isEmpty());
    }

    @Test
    void envProviderReadsTheValueVariables() {
        SecretSource source = SecretSources.fromEnv(new Env(Map.of("SECRETS_PROVIDER", "env",
                "DISCORD_PUBLIC_KEY", PlatformSigner.DEV_DISCORD_PUBLIC_KEY + "\nabcd")));
        assertTrue(source instanceof EnvSecretSource);
        assertEquals(List.of(PlatformSigner.DEV_DISCORD_PUBLIC_KEY, "abcd"), source.secrets(SecretName.DISCORD));
        SecretUnavailableException missing = assertThrows(SecretUnavailableException.class, () -> source.secrets(SecretName.SLACK));
        assertTrue(missing.getMessage().contains("SLACK_SIGNING_SECRET"));
    }

    @Test
    void secretsManagerIsReadByNameAndCachedForFiveMinutes() {
        answer = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:community-pulse/github-webhook-AbCdEf\","
                + "\"Name\":\"community-pulse/github-webhook\",\"SecretString\":\"new-secret\\nold-secret\",\"VersionId\":\"v1\"}";
        SecretSource source = SecretSources.fromEnv(awsEnv("secretsmanager"));

        assertEquals(List.of("new-secret", "old-secret"), source.secrets(SecretName.GITHUB));
        assertEquals(List.of("new-secret", "old-secret"), source.secrets(SecretName.GITHUB));

        assertEquals(1, requests.size(), "the second read comes from the cache");
        assertTrue(requests.get(0).startsWith("secretsmanager.GetSecretValue "), requests.get(0));
        assertTrue(requests.get(0).contains("\"SecretId\":\"community-pulse/github-webhook\""), requests.get(0));
        assertEquals(java.time.Duration.ofMinutes(5), ParameterSecretSource.CACHE_FOR);
    }

    @Test
    void ssmSecureStringsAreReadDecrypted() {
        answer = "{\"Parameter\":{\"Name\":\"/community-pulse/slack\",\"Type\":\"SecureString\",\"Value\":\"slack-1,slack-2\",\"Version\":3}}";
        SecretSource source = SecretSources.fromEnv(awsEnv("ssm"));

        assertEquals(List.of("slack-1", "slack-2"), source.secrets(SecretName.SLACK));
        assertTrue(requests.get(0).startsWith("AmazonSSM.GetParameter "), requests.get(0));
        assertTrue(requests.get(0).contains("\"WithDecryption\":true"), requests.get(0));
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
