package com.communitypulse.backfill;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.backfill.domain.BackfillRequest;
import com.communitypulse.shared.events.Sources;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests are refused with the reason before anything is read or written (the local runner answers 400). */
class BackfillHandlerTest {
    static final BackfillHandler HANDLER = new BackfillHandler(null, Duration.ofSeconds(10), Clock.systemUTC());

    static Map<String, Object> requested(Map<String, Object> detail) {
        return Map.of("detail-type", Sources.BACKFILL_REQUESTED, "source", Sources.BACKFILL, "detail", detail);
    }

    @Test
    void aRepositoryMustBeOwnerSlashName() {
        for (Object bad : new Object[] {"hello-world", "octo-org/", "../x/y", "octo org/hello", 42}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HANDLER.handleRequest(requested(Map.of("repository", bad)), null));
            assertTrue(e.getMessage().contains("owner/name"), e.getMessage());
        }
    }

    @Test
    void onlyGitHubIsBackfilledAndSinceIsATime() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HANDLER.handleRequest(requested(Map.of(
                "platform", "discourse", "repository", "o/r")), null)).getMessage().contains("github"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackfillRequest.from(Map.of(
                "repository", "o/r", "since", "last tuesday"))).getMessage().contains("ISO-8601"));
        assertThrows(IllegalArgumentException.class, () -> HANDLER.handleRequest(Map.of("detail-type",
                Sources.BACKFILL_CONTINUE, "detail", Map.of("repository", "o/r")), null), "a step needs its number");
    }
}
