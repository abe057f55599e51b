package com.communitypulse.shared.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bus event the scorer publishes has a published schema (beside {@code community-action.schema.json}) and a
 * typed record: the schema's examples are valid, read into the record and write back unchanged, their actions are
 * valid community.actions, and a detail without a required field is refused.
 */
class BusEventSchemasTest {
    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(FirstContributionEvent.SCHEMA, FirstContributionEvent.DETAIL_TYPE,
                        (Function<JsonNode, ObjectNode>) d -> FirstContributionEvent.fromDetail(d).detail(), "identity"),
                Arguments.of(TierChangedEvent.SCHEMA, TierChangedEvent.DETAIL_TYPE,
                        (Function<JsonNode, ObjectNode>) d -> TierChangedEvent.fromDetail(d).detail(), "to"),
                Arguments.of(HighImpactEvent.SCHEMA, HighImpactEvent.DETAIL_TYPE,
                        (Function<JsonNode, ObjectNode>) d -> HighImpactEvent.fromDetail(d).detail(), "action"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void examplesAreValidAndRoundTripThroughTheRecord(String resource, String detailType,
                                                     Function<JsonNode, ObjectNode> roundTrip, String required) throws Exception {
        EventSchema schema = EventSchema.load(resource);
        EventSchema action = EventSchema.load("/schemas/community-action.schema.json");
        assertEquals(detailType, schema.document().get("title").asText());
        assertFalse(schema.document().get("examples").isEmpty(), resource + " has examples");
        for (JsonNode example : schema.document().get("examples")) {
            assertEquals(List.of(), schema.problems(example), resource);
            assertEquals(example, roundTrip.apply(example), "the record reads and writes every field of " + resource);
            if (example.has("action")) {
                assertEquals(List.of(), action.problems(example.get("action")), "the example's action is a community.action");
            }
            ObjectNode missing = example.deepCopy();
            missing.remove(required);
            assertFalse(schema.problems(missing).isEmpty(), resource + " requires " + required);
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void theSchemaShipsInTheSharedJar(String resource, String detailType, Function<JsonNode, ObjectNode> roundTrip,
                                      String required) throws Exception {
        JsonNode document = EventSchema.load(resource).document();
        assertEquals("http://json-schema.org/draft-07/schema#", document.get("$schema").asText());
        assertEquals(Json.mapper().readTree("false"), document.get("additionalProperties"), resource + " is closed");
    }
}
