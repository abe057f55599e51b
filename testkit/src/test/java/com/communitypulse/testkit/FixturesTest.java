package com.communitypulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The repository's events/ folder is on the class path, byte for byte. */
class FixturesTest {
    @Test
    void readsTheRepositorysEventsFromTheClassPath() throws Exception {
        assertEquals(Files.readString(Repository.file("events/api-contributor.json")), Fixtures.event("api-contributor.json"));
        assertTrue(Fixtures.eventJson("digest-scheduled.json").containsKey("detail-type"));
    }

    @Test
    void aMissingFixtureSaysWhereItLooked() {
        var e = assertThrows(IllegalArgumentException.class, () -> Fixtures.event("no-such.json"));
        assertTrue(e.getMessage().contains("events/no-such.json"), e.getMessage());
    }
}
