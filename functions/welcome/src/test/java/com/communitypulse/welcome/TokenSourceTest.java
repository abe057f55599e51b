package com.communitypulse.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.platform.PlatformTokens;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens from the environment or from the Secrets Manager JSON secret; the real SDK client talks to
 * an HTTP stand-in of Secrets Manager's GetSecretValue.
 */
class TokenSourceTest {
    private MockWebServer secretsManager;

    @BeforeEach
    void start() throws IOException {
        secretsManager = new MockWebServer();
        secretsManager.start();
    }

    @AfterEach
    void stop() throws IOException {
        secretsManager.shutdown();
    }

    private Env env(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.url("/").toString(),
                "PLATFORM_TOKENS_SECRET_NAME", "community-pulse/platform-tokens"));
        values.putAll(extra);
        return new Env(values);
    }

    private void answer(String secretString) throws IOException {
        String body = Json.mapper().writeValueAsString(Map.of("ARN",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:community-pulse/platform-tokens-AbCdEf",
                "Name", "community-pulse/platform-tokens", "SecretString", secretString, "VersionId", "v1"));
        secretsManager.enqueue(new MockResponse().setHeader("Content-Type", "application/x-amz-json-1.1").setBody(body));
    }

    @Test
    void tokensComeFromTheSecretAndAreCached() throws Exception {
        answer("{\"github_token\": \"ghs_from_secret\", \"discourse_api_key\": \"dk\", \"discourse_api_username\": \"bot\", "
                + "\"slack_bot_token\": \"xoxb-1\", \"discord_welcome_webhook_url\": \"https://discord.com/api/webhooks/1/t\"}");
        TokenSource source = TokenSource.fromEnv(env(Map.of()));

        PlatformTokens tokens = source.get();
        source.get();

        assertEquals("ghs_from_secret", tokens.githubToken());
        assertEquals("dk", tokens.discourseApiKey());
        assertEquals("bot", tokens.discourseApiUsername());
        assertEquals("xoxb-1", tokens.slackBotToken());
        assertEquals("https://discord.com/api/webhooks/1/t", tokens.discordWebhookUrl());
        RecordedRequest request = secretsManager.takeRequest(2, TimeUnit.SECONDS);
        assertEquals("secretsmanager.GetSecretValue", request.getHeader("X-Amz-Target"));
        assertEquals("community-pulse/platform-tokens", Json.mapper().readTree(request.getBody().readUtf8()).get("SecretId").asText());
        assertEquals(1, secretsManager.getRequestCount(), "cached by Powertools");
        assertFalse(tokens.toString().contains("ghs_from_secret"), "toString never shows a token");
    }

    @Test
    void anEnvironmentValueWinsOverTheSecret() throws Exception {
        answer("{\"github_token\": \"ghs_from_secret\", \"slack_bot_token\": \"xoxb-secret\"}");

        PlatformTokens tokens = TokenSource.fromEnv(env(Map.of("GITHUB_TOKEN", "ghp_env"))).get();

        assertEquals("ghp_env", tokens.githubToken());
        assertEquals("xoxb-secret", tokens.slackBotToken());
        assertNull(tokens.discourseApiKey());
    }

    @Test
    void aSecretThatIsNotTheJsonObjectIsAClearErrorWithoutTheSecretText() throws Exception {
        answer("ghp_plain_token_not_json");

        var thrown = assertThrows(IllegalStateException.class, () -> TokenSource.fromEnv(env(Map.of())).get());

        assertFalse(thrown.getMessage().contains("ghp_plain_token_not_json"));
        assertEquals(true, thrown.getMessage().startsWith("Secret community-pulse/platform-tokens is not the expected JSON object"));
    }

    @Test
    void secretsProviderEnvReadsOnlyTheEnvironmentAsTheLocalRunnerSetsIt() {
        PlatformTokens tokens = TokenSource.fromEnv(env(Map.of("SECRETS_PROVIDER", "env", "GITHUB_TOKEN", "ghp_local"))).get();

        assertEquals("ghp_local", tokens.githubToken());
        assertEquals(0, secretsManager.getRequestCount());
    }

    @Test
    void withoutASecretNameOnlyTheEnvironmentIsRead() {
        PlatformTokens tokens = TokenSource.fromEnv(new Env(Map.of("SLACK_BOT_TOKEN", "xoxb-env",
                "DISCORD_WELCOME_WEBHOOK_URL", "https://discord.com/api/webhooks/2/x"))).get();

        assertEquals("xoxb-env", tokens.slackBotToken());
        assertEquals("https://discord.com/api/webhooks/2/x", tokens.discordWebhookUrl());
        assertNull(tokens.githubToken());
        assertEquals(0, secretsManager.getRequestCount());
    }
}
