package com.communitypulse.shared.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aDeliveryScopeSetsTheDeliveryAndCorrelationIdsAndTakesThemAwayOnClose() {
        try (Correlation.Scope ids = Correlation.forDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958")) {
            assertEquals("72d3162e-cc78-11e3-81ab-4c9367dc0958", MDC.get("delivery_id"));
            assertEquals("72d3162e-cc78-11e3-81ab-4c9367dc0958", MDC.get("correlation_id"));
            assertNull(MDC.get("action_id"));
        }
        assertNull(MDC.get("delivery_id"));
        assertNull(MDC.get("correlation_id"));
    }

    @Test
    void aCommunityActionEnvelopeGivesTheActionIdAndTheDeliveryItCameFrom() throws Exception {
        Map<String, Object> envelope = Json.mapper().readValue(Priming.SAMPLE_ENVELOPE, new TypeReference<>() { });
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            assertEquals("priming", MDC.get("action_id"));
            assertEquals("priming", MDC.get("delivery_id"));
            assertEquals("00000000-0000-0000-0000-000000000000", MDC.get("bus_event_id"));
            assertEquals(Map.of("delivery_id", "priming", "action_id", "priming"), Correlation.ids());
        }
    }

    @Test
    void aRawDeliveryEnvelopeGivesItsDeliveryIdAndNoActionId() {
        Map<String, Object> envelope = Map.of("id", "evt-1", "detail-type", "github.pull_request",
                "detail", Map.of("delivery_id", "d-1", "platform", "github"));
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            assertEquals("d-1", MDC.get("delivery_id"));
            assertNull(MDC.get("action_id"));
            assertEquals("d-1", MDC.get("correlation_id"));
        }
    }

    @Test
    void aScoreEventCarryingTheActionGivesItsIds() {
        Map<String, Object> envelope = Map.of("id", "evt-2", "detail-type", "contributor.first_contribution",
                "detail", Map.of("action", Map.of("id", "a-9", "context", Map.of("delivery_id", "d-9"))));
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            assertEquals("a-9", MDC.get("action_id"));
            assertEquals("d-9", MDC.get("delivery_id"));
        }
    }

    @Test
    void withoutIdsTheBusEventIdIsTheCorrelationId() {
        try (Correlation.Scope ids = Correlation.fromBusEvent(Map.of("id", "evt-3", "detail-type", "Scheduled Event",
                "detail", Map.of()))) {
            assertEquals("evt-3", MDC.get("correlation_id"));
            assertNull(MDC.get("delivery_id"));
        }
    }

    @Test
    void malformedEnvelopesNeverThrow() {
        Map<String, Object> odd = new HashMap<>();
        odd.put("id", 42);
        odd.put("detail", List.of("not", "an", "object"));
        for (Map<String, ?> envelope : List.of(odd, Map.of("detail", "text"), Map.<String, Object>of())) {
            try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
                assertNull(MDC.get("delivery_id"));
            }
        }
        try (Correlation.Scope ids = Correlation.fromBusEvent(null)) {
            assertNull(MDC.get("correlation_id"));
        }
    }

    @Test
    void nestedScopesPutBackTheOuterIds() {
        try (Correlation.Scope outer = Correlation.forDelivery("d-outer")) {
            try (Correlation.Scope inner = Correlation.forAction("a-inner", "d-inner")) {
                assertEquals("d-inner", MDC.get("delivery_id"));
                assertEquals("a-inner", MDC.get("action_id"));
            }
            assertEquals("d-outer", MDC.get("delivery_id"));
            assertNull(MDC.get("action_id"));
        }
        assertNull(MDC.get("delivery_id"));
    }

    @Test
    void overlongIdsReadFromEventsAreCutSoALogLineStaysSmall() {
        Map<String, Object> envelope = Map.of("detail", Map.of("delivery_id", "y".repeat(10_000)));
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            assertEquals(200, MDC.get("delivery_id").length());
        }
    }
}
