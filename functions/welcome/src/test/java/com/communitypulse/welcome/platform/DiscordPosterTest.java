package com.communitypulse.welcome.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiscordPosterTest {
    @Test
    void theWebhookTokenIsRedacted() {
        assertEquals("https://discord.com/api/webhooks/123/<redacted>?wait=true",
                DiscordPoster.redact("https://discord.com/api/webhooks/123/abcDEF-token"));
        assertEquals("https://discord.com/api/webhooks/123/<redacted>?wait=true",
                DiscordPoster.redact("https://discord.com/api/webhooks/123/abcDEF-token?thread_id=9"));
    }
}
