package com.communitypulse.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.platform.CommunityWebhook;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Any change to a signed body, or to its signed timestamp, is rejected by every platform's
 * verifier, while the unchanged request verifies. Bodies are ASCII so that a byte edit stays a
 * one-byte edit of the text the signer signed.
 */
class SignaturePropertiesTest {
    static final long TS = 1_795_168_800L;
    static final Instant NOW = Instant.ofEpochSecond(TS);

    @Provide
    Arbitrary<String> platforms() {
        return Arbitraries.of("github", "discourse", "discord", "slack", "community");
    }

    static Platform platform(String route) {
        return switch (route) {
            case "github" -> new GitHubWebhook();
            case "discourse" -> new DiscourseWebhook();
            case "discord" -> new DiscordInteractions();
            case "slack" -> new SlackEvents();
            default -> new CommunityWebhook();
        };
    }

    static Map<String, String> sign(String route, long ts, String body) {
        return switch (route) {
            case "github" -> PlatformSigner.github("prop-secret", "issues", "d", body);
            case "discourse" -> PlatformSigner.discourse("prop-secret", "post_created", "post", "1", body);
            case "discord" -> PlatformSigner.discord(PlatformSigner.DEV_DISCORD_SEED, ts, body);
            case "slack" -> PlatformSigner.slack("prop-secret", ts, body);
            default -> PlatformSigner.community("prop-secret", ts, body);
        };
    }

    static String secret(String route) {
        return "discord".equals(route) ? PlatformSigner.DEV_DISCORD_PUBLIC_KEY : "prop-secret";
    }

    static void verify(String route, Map<String, String> headers, byte[] body) throws Rejected {
        Platform platform = platform(route);
        platform.verify(new WebhookRequest(route, headers, new String(body, StandardCharsets.UTF_8), false, "prop"),
                body, List.of(secret(route)), NOW);
    }

    @Property(tries = 200)
    void anyChangedByteIsRejected(@ForAll("platforms") String route,
                                  @ForAll @StringLength(min = 1, max = 300) String anyText,
                                  @ForAll @IntRange(min = 0, max = 10_000) int position,
                                  @ForAll @IntRange(min = 1, max = 255) int xor) throws Exception {
        String body = ascii(anyText);
        Map<String, String> headers = sign(route, TS, body);
        byte[] original = body.getBytes(StandardCharsets.US_ASCII);
        assertDoesNotThrow(() -> verify(route, headers, original));

        byte[] changed = original.clone();
        changed[position % changed.length] ^= (byte) xor;
        Rejected rejected = assertThrows(Rejected.class, () -> verify(route, headers, changed));
        assertEquals(401, rejected.status());
    }

    @Property(tries = 200)
    void anInsertedOrRemovedByteIsRejected(@ForAll("platforms") String route,
                                           @ForAll @StringLength(min = 1, max = 300) String anyText,
                                           @ForAll @IntRange(min = 0, max = 10_000) int position,
                                           @ForAll boolean insert) {
        String body = ascii(anyText);
        Map<String, String> headers = sign(route, TS, body);
        byte[] original = body.getBytes(StandardCharsets.US_ASCII);
        int at = position % original.length;
        byte[] changed;
        if (insert) {
            changed = new byte[original.length + 1];
            System.arraycopy(original, 0, changed, 0, at);
            changed[at] = ' ';
            System.arraycopy(original, at, changed, at + 1, original.length - at);
        } else {
            changed = new byte[original.length - 1];
            System.arraycopy(original, 0, changed, 0, at);
            System.arraycopy(original, at + 1, changed, at, original.length - at - 1);
        }
        assertThrows(Rejected.class, () -> verify(route, headers, changed));
    }

    @Property(tries = 200)
    void anyChangedTimestampIsRejected(@ForAll("timestamped") String route,
                                       @ForAll @StringLength(min = 1, max = 200) String anyText,
                                       @ForAll @LongRange(min = -299, max = 299) long shift) {
        String body = ascii(anyText);
        Map<String, String> headers = new java.util.HashMap<>(sign(route, TS, body));
        String name = "slack".equals(route) ? "X-Slack-Request-Timestamp" : "X-Signature-Timestamp";
        // still inside the window, so only the signature can reject it
        long changed = shift == 0 ? TS + 1 : TS + shift;
        headers.put(name, Long.toString(changed));
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = assertThrows(Rejected.class, () -> verify(route, headers, bytes));
        assertEquals("bad_signature", rejected.reason());
    }

    @Provide
    Arbitrary<String> timestamped() {
        return Arbitraries.of("discord", "slack", "community");
    }

    private static String ascii(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (32 + (chars[i] % 95));
        }
        return new String(chars);
    }
}
