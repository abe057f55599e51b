package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.platform.CommunityWebhook;
import com.communitypulse.webhook.platform.DiscourseWebhook;
import com.communitypulse.webhook.platform.GitHubWebhook;
import com.communitypulse.webhook.platform.Platform;
import com.communitypulse.webhook.platform.SlackEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signatures made by an independent implementation (Node.js {@code crypto}, as the platforms'
 * own SDKs use) are accepted by the Java verifiers. Skipped when {@code node} is not installed.
 */
class NodeSignerIT {
    static final String BODY = "{\"text\":\"h\u00e9llo \uD83C\uDF89\",\"n\":1}\n";
    static final long TS = 1_795_168_800L;

    @BeforeAll
    static void nodeIsInstalled() {
        boolean present;
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            present = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        assumeTrue(present, "node is not installed; the independent-signer test is skipped");
    }

    /** hex HMAC-SHA256 computed by node; the inputs travel in environment variables, never through a shell. */
    static String nodeHmac(String secret, String message) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "-e",
                "const c=require('crypto');process.stdout.write(c.createHmac('sha256',process.env.KEY)"
                        + ".update(Buffer.from(process.env.MSG_B64,'base64')).digest('hex'))");
        builder.environment().put("KEY", secret);
        builder.environment().put("MSG_B64", java.util.Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, node.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }

    static void verify(Platform platform, Map<String, String> headers, String secret) {
        assertDoesNotThrow(() -> platform.verify(new WebhookRequest(platform.route(), headers, BODY, false, "node"),
                BODY.getBytes(StandardCharsets.UTF_8), List.of(secret), Instant.ofEpochSecond(TS)));
    }

    @Test
    void gitHubSignatureFromNodeVerifies() throws Exception {
        verify(new GitHubWebhook(), Map.of("X-Hub-Signature-256", "sha256=" + nodeHmac("s3cr\u00eat", BODY)), "s3cr\u00eat");
    }

    @Test
    void discourseSignatureFromNodeVerifies() throws Exception {
        verify(new DiscourseWebhook(), Map.of("X-Discourse-Event-Signature", "sha256=" + nodeHmac("disc", BODY)), "disc");
    }

    @Test
    void slackSignatureFromNodeVerifies() throws Exception {
        verify(new SlackEvents(), Map.of("X-Slack-Request-Timestamp", Long.toString(TS),
                "X-Slack-Signature", "v0=" + nodeHmac("slack", "v0:" + TS + ":" + BODY)), "slack");
    }

    @Test
    void communitySignatureFromNodeVerifies() throws Exception {
        String signature = nodeHmac("dev-community-secret", TS + "." + BODY);
        assertEquals(PlatformSigner.hmacHex("dev-community-secret", TS + "." + BODY), signature);
        verify(new CommunityWebhook(), Map.of("X-Signature-Timestamp", Long.toString(TS), "X-Signature", signature),
                "dev-community-secret");
    }
}
