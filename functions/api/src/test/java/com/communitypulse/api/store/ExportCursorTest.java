package com.communitypulse.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.store.TableKeys;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The exports' opaque cursors: round trips, and nothing but a key of that export comes back out. */
class ExportCursorTest {
    private static final Map<String, AttributeValue> LAST = Map.of(
            TableKeys.PK, AttributeValue.fromS("PERSON#github:2"), TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
            TableKeys.LB_PK, AttributeValue.fromS(TableKeys.LB_ALL), TableKeys.LB_SCORE, AttributeValue.fromN("0.4"));

    @Test
    void aPeopleCursorDecodesToTheBoardKeyItWasMadeFrom() {
        assertEquals(LAST, ExportCursor.decodePeople(ExportCursor.people(LAST)));
    }

    @Test
    void anActionsCursorDecodesToItsDayAndSortKey() {
        LocalDate day = LocalDate.parse("2026-11-20");
        String sk = "2026-11-20T10:00:00Z#abc";
        ExportCursor.ActionsStart start = ExportCursor.decodeActions(ExportCursor.actions(day, sk));
        assertEquals(new ExportCursor.ActionsStart(day, sk), start);
        assertEquals(Map.of(TableKeys.PK, AttributeValue.fromS("DAY#2026-11-20"), TableKeys.SK, AttributeValue.fromS(sk)),
                start.startKey());
        ExportCursor.ActionsStart dayStart = ExportCursor.decodeActions(ExportCursor.actions(day, null));
        assertEquals(day, dayStart.day());
        assertNull(dayStart.startKey(), "from the day's beginning");
    }

    @Test
    void oneExportsCursorIsRefusedByTheOther() {
        String people = ExportCursor.people(LAST);
        String actions = ExportCursor.actions(LocalDate.parse("2026-11-20"), null);
        assertEquals("cursor belongs to another export",
                assertThrows(IllegalArgumentException.class, () -> ExportCursor.decodeActions(people)).getMessage());
        assertEquals("cursor belongs to another export",
                assertThrows(IllegalArgumentException.class, () -> ExportCursor.decodePeople(actions)).getMessage());
    }

    @Test
    void aForgedCursorIsRefused() {
        for (String forged : new String[] {"!!!", "e30", encode("[]"), encode("{\"k\":\"people\"}"),
            encode("{\"k\":\"people\",\"pk\":\"DAY#2026-11-20\",\"s\":\"1\"}"),
            encode("{\"k\":\"people\",\"pk\":\"PERSON#a\",\"s\":\"one\"}"),
            encode("{\"k\":\"people\",\"pk\":\"PERSON#a\",\"s\":\"1\",\"sk\":\"WEEK#2026-W47\"}"),
            encode("{\"k\":\"people\",\"pk\":\"PERSON#a\",\"s\":1}")}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ExportCursor.decodePeople(forged), forged);
            assertEquals("cursor is not one this API returned", e.getMessage());
        }
        for (String forged : new String[] {encode("{\"k\":\"actions\"}"), encode("{\"k\":\"actions\",\"d\":\"2026-13-01\"}"),
            encode("{\"k\":\"actions\",\"d\":\"2026-11-20\",\"sk\":\"\"}"),
            encode("{\"k\":\"actions\",\"d\":\"2026-11-20\",\"sk\":5}"),
            encode("{\"k\":\"actions\",\"d\":\"2026-11-20\",\"pk\":\"PERSON#a\"}")}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ExportCursor.decodeActions(forged), forged);
            assertEquals("cursor is not one this API returned", e.getMessage());
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
