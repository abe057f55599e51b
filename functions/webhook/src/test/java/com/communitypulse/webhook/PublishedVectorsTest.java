package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.testkit.Repository;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.platform.DiscordInteractions;
import com.communitypulse.webhook.platform.DiscourseWebhook;
import com.communitypulse.webhook.platform.GitHubWebhook;
import com.communitypulse.webhook.platform.Platform;
import com.communitypulse.webhook.platform.Rejected;
import com.communitypulse.webhook.platform.SlackEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platforms' own published test vectors, verified by the production verifiers. Sources:
 * GitHub's "Validating webhook deliveries" docs; octokit/webhooks-methods' tests (MIT);
 * discourse {@code spec/jobs/emit_web_hook_event_spec.rb} (GPL-2.0; the vector only); Slack's
 * "Verifying requests from Slack" docs; for Discord (which publishes none), RFC 8032 section 7.1
 * TEST 1's key pair signing a PING, as derived in the project's protocol notes.
 */
class PublishedVectorsTest {

    static void verify(Platform platform, Map<String, String> headers, String body, String secret, Instant now) throws Rejected {
        platform.verify(new WebhookRequest(platform.route(), headers, body, false, "vector"),
                body.getBytes(StandardCharsets.UTF_8), List.of(secret), now);
    }

    static String flipLastHexDigit(String signature) {
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
    }

    @Test
    void gitHubDocsVector() {
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertDoesNotThrow(() -> verify(new GitHubWebhook(), Map.of("X-Hub-Signature-256", signature),
                "Hello, World!", "It's a Secret to Everybody", Instant.now()));
        assertThrows(Rejected.class, () -> verify(new GitHubWebhook(), Map.of("X-Hub-Signature-256", flipLastHexDigit(signature)),
                "Hello, World!", "It's a Secret to Everybody", Instant.now()));
        assertEquals(signature, "sha256=" + PlatformSigner.hmacHex("It's a Secret to Everybody", "Hello, World!"));
    }

    @Test
    void octokitVector() {
        String signature = "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3";
        assertDoesNotThrow(() -> verify(new GitHubWebhook(), Map.of("X-Hub-Signature-256", signature),
                "{\"foo\":\"bar\"}", "mysecret", Instant.now()));
        assertThrows(Rejected.class, () -> verify(new GitHubWebhook(), Map.of("X-Hub-Signature-256", signature),
                "{\"foo\":\"bar\"}", "mysecret2", Instant.now()));
    }

    @Test
    void discourseSpecVector() {
        String signature = "sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6";
        assertDoesNotThrow(() -> verify(new DiscourseWebhook(), Map.of("X-Discourse-Event-Signature", signature),
                "{\"ping\":\"OK\"}", "my_lovely_secret_for_web_hook", Instant.now()));
        assertThrows(Rejected.class, () -> verify(new DiscourseWebhook(), Map.of("X-Discourse-Event-Signature", signature),
                "{\"ping\":\"OK\"} ", "my_lovely_secret_for_web_hook", Instant.now()));
    }

    @Test
    void slackDocsVector() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        Map<String, String> headers = Map.of("X-Slack-Signature", signature, "X-Slack-Request-Timestamp", "1531420618");
        Instant signedAt = Instant.ofEpochSecond(1531420618);

        assertDoesNotThrow(() -> verify(new SlackEvents(), headers, body, "8f742231b10e8888abcd99yyyzzz85a5", signedAt.plusSeconds(30)));
        assertThrows(Rejected.class, () -> verify(new SlackEvents(),
                Map.of("X-Slack-Signature", flipLastHexDigit(signature), "X-Slack-Request-Timestamp", "1531420618"),
                body, "8f742231b10e8888abcd99yyyzzz85a5", signedAt));
        Rejected late = assertThrows(Rejected.class, () -> verify(new SlackEvents(), headers, body,
                "8f742231b10e8888abcd99yyyzzz85a5", signedAt.plusSeconds(301)));
        assertEquals("stale_timestamp", late.reason());
    }

    @Test
    void discordVectorDerivedFromRfc8032Test1() {
        String body = "{\"id\":\"787053080478613555\",\"token\":\"ThisIsATokenFromDiscordThatIsVeryLong\",\"type\":1,\"version\":1}";
        String signature = "f0bd878adcef1f6d475c9644421905bd02b5de38e0d3ecfc6f58a711962c69cc"
                + "c8dd7c9db312f9bdf08b1e1b8182e27a844da728c5e0dbb5507bf9931c1ed80b";
        Map<String, String> headers = Map.of("X-Signature-Ed25519", signature, "X-Signature-Timestamp", "1700000000");
        Instant signedAt = Instant.ofEpochSecond(1_700_000_000L);

        assertDoesNotThrow(() -> verify(new DiscordInteractions(), headers, body, PlatformSigner.DEV_DISCORD_PUBLIC_KEY, signedAt));
        // Ed25519 is deterministic: the JDK signer reproduces the vector from the seed
        assertEquals(signature, PlatformSigner.ed25519Hex(PlatformSigner.DEV_DISCORD_SEED, "1700000000" + body));
        assertThrows(Rejected.class, () -> verify(new DiscordInteractions(),
                Map.of("X-Signature-Ed25519", signature, "X-Signature-Timestamp", "1700000001"),
                body, PlatformSigner.DEV_DISCORD_PUBLIC_KEY, signedAt));
    }

    /** The worked example in docs/platforms.md's "Signing custom deliveries", so the documentation stays true. */
    @Test
    void readmeCustomSigningExample() {
        String body = "{\"event\":\"community.action\",\"id\":\"meetup-42-talk-ada\",\"actor\":\"custom:ada@example.org\","
                + "\"actor_login\":\"ada\",\"context\":{\"platform\":\"custom\",\"type\":\"talk_given\","
                + "\"url\":\"https://meetup.example.org/events/42\"},\"timestamp\":\"2026-11-19T18:30:00Z\"}";
        Map<String, String> headers = Map.of("X-Signature-Timestamp", "1795168800",
                "X-Signature", "60b99027fda27fe416c042a2d6687bcef6eba8dbddee07ef215ca6189c070e40");
        assertDoesNotThrow(() -> verify(new com.communitypulse.webhook.platform.CommunityWebhook(), headers, body,
                "dev-community-secret", Instant.ofEpochSecond(1_795_168_800L)));
        String page = docsPage("platforms.md");
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("body='" + body + "'"), "docs/platforms.md no longer shows this body");
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("`" + headers.get("X-Signature") + "`"),
                "docs/platforms.md no longer shows this signature");
    }

    /** A page of docs/ in this clone. */
    static String docsPage(String name) {
        try {
            return java.nio.file.Files.readString(Repository.file("docs/" + name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
