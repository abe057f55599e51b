package com.communitypulse.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.store.TableKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The opaque cursor: round trip, and only a key of the board being read comes back out. */
class LeaderboardCursorTest {
    private static final Map<String, AttributeValue> LAST = Map.of(
            TableKeys.PK, AttributeValue.fromS("PERSON#github:2"), TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
            TableKeys.LB_PK, AttributeValue.fromS(TableKeys.LB_ALL), TableKeys.LB_SCORE, AttributeValue.fromN("0.4"));

    @Test
    void aCursorDecodesToTheKeyItWasMadeFrom() {
        String cursor = LeaderboardCursor.encode(LAST);
        assertEquals(LAST, LeaderboardCursor.decode(cursor, TableKeys.LB_ALL));
        assertEquals(LAST.keySet(), LeaderboardCursor.keys());
        assertNull(LeaderboardCursor.encode(Map.of()), "the last page has no next");
    }

    @Test
    void anotherBoardsOrAForgedCursorIsRefused() {
        String cursor = LeaderboardCursor.encode(LAST);
        var other = assertThrows(IllegalArgumentException.class, () -> LeaderboardCursor.decode(cursor, "LB#W#2026-W47"));
        assertEquals("cursor belongs to another period", other.getMessage());
        for (String forged : new String[] {"!!!", "e30", encode("{\"pk\":\"a\",\"sk\":\"b\",\"b\":\"LB#ALL\",\"s\":\"x\"}"),
            encode("{\"pk\":\"a\",\"sk\":\"b\",\"b\":\"LB#ALL\",\"s\":\"1\",\"extra\":\"y\"}")}) {
            var e = assertThrows(IllegalArgumentException.class, () -> LeaderboardCursor.decode(forged, TableKeys.LB_ALL), forged);
            assertEquals("cursor is not one this API returned", e.getMessage());
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
