package com.communitypulse.backfill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.EventSchema;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backfill's two bus events against their published schemas, from both sides: what an operator puts on the bus
 * (the schema's examples, events/backfill-requested.json) is what the function accepts, and the continue event the
 * function publishes for itself is valid under its schema.
 */
class BackfillEventSchemasTest {
    private static final EventSchema REQUESTED = EventSchema.load("/schemas/backfill-requested.schema.json");
    private static final EventSchema CONTINUE = EventSchema.load("/schemas/backfill-continue.schema.json");

    @Test
    void everyValidRequestIsAcceptedAndTheSampleEventIsOne() throws Exception {
        assertEquals(Sources.BACKFILL_REQUESTED, REQUESTED.document().get("title").asText());
        List<JsonNode> examples = new java.util.ArrayList<>(REQUESTED.examples());
        examples.add(Json.mapper().readTree(Fixtures.event("backfill-requested.json")).get("detail"));
        for (JsonNode example : examples) {
            assertEquals(List.of(), REQUESTED.problems(example), example.toString());
            BackfillRequest request = BackfillRequest.from(Json.mapper().convertValue(example, Map.class));
            assertEquals(example.get("repository").asText(), request.repository());
            assertEquals(example.has("since"), request.since() != null);
        }
    }

    @Test
    void whatTheSchemaRefusesTheFunctionRefusesToo() {
        for (String bad : List.of("{\"platform\": \"discourse\", \"repository\": \"o/r\"}", "{\"repository\": \"no-slash\"}",
                "{\"platform\": \"github\"}", "{\"repository\": \"o/r\", \"since\": \"last week\"}")) {
            JsonNode detail = read(bad);
            assertFalse(REQUESTED.problems(detail).isEmpty(), bad);
            assertThrows(IllegalArgumentException.class, () -> BackfillRequest.from(Json.mapper().convertValue(detail, Map.class)), bad);
        }
    }

    @Test
    void theContinueEventThePublisherWritesIsValid() {
        BusEvent next = BackfillService.continueEvent("github", "octo-org/hello-world", 3);
        assertEquals(Sources.BACKFILL_CONTINUE, next.detailType());
        assertEquals(Sources.BACKFILL_CONTINUE, CONTINUE.document().get("title").asText());
        JsonNode detail = read(next.detail());
        assertEquals(List.of(), CONTINUE.problems(detail));
        assertEquals(CONTINUE.examples().get(0), detail, "the schema's example is what the function writes");
        ObjectNode missing = detail.deepCopy();
        missing.remove("step");
        assertFalse(CONTINUE.problems(missing).isEmpty(), "step is required");
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
