package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's delivery streams: read from the template's rules, and the lines they write, as S3 would hold them. */
class LocalFirehoseTest {
    private static final CfnTemplate TEMPLATE = CfnTemplate.load(CfnTemplate.locate(Path.of("")));
    private static final Instant LATE = Instant.parse("2026-11-20T23:59:59Z");

    @TempDir
    Path dir;

    private static LocalTemplate.StreamRule warehouseRule() {
        List<LocalTemplate.StreamRule> rules = new LocalTemplate(TEMPLATE, Map.of()).streamRules;
        assertEquals(1, rules.size(), "the template's one delivery-stream rule: " + rules);
        return rules.get(0);
    }

    @Test
    void theWarehouseRuleIsReadFromTheTemplateAsItDeploys() throws Exception {
        LocalTemplate.StreamRule rule = warehouseRule();
        assertEquals("WarehouseRule.warehouse", rule.name());
        assertEquals("WarehouseDeliveryStream", rule.streamId());
        assertEquals(LocalTemplate.STACK + "-warehouse", rule.streamName());
        String scorersBus = new LocalTemplate(TEMPLATE, Map.of()).rules.stream()
                .filter(r -> r.name().equals("ScoreFunction.Actions")).findFirst().orElseThrow().busName();
        assertEquals(scorersBus, rule.busName(), "on the bus the functions' rules are on");
        assertEquals("$.detail", rule.inputPath());
        assertEquals("actions/dt=!{timestamp:yyyy-MM-dd}/", rule.prefix());
        assertTrue(rule.newlinePerRecord(), "AppendDelimiterToRecord");
        Object pattern = CfnTemplate.properties(TEMPLATE.resources().get("WarehouseRule")).get("EventPattern");
        assertEquals(Json.mapper().valueToTree(pattern), Json.mapper().readTree(rule.pattern()), "the template's own pattern");
    }

    @Test
    void warehouseDisabledHasNoStreamRule() {
        assertEquals(List.of(), new LocalTemplate(TEMPLATE, Map.of("Warehouse", "disabled")).streamRules);
    }

    @Test
    void thePrefixIsExpandedAtArrivalInUtcAsFirehoseDoes() {
        assertEquals("actions/dt=2026-11-20/", LocalFirehose.expand("actions/dt=!{timestamp:yyyy-MM-dd}/", LATE));
        assertEquals("actions/dt=2026-11-21/", LocalFirehose.expand("actions/dt=!{timestamp:yyyy-MM-dd}/", LATE.plusSeconds(1)));
        // no timestamp expression: Firehose appends its own yyyy/MM/dd/HH/
        assertEquals("raw/2026/11/20/23/", LocalFirehose.expand("raw/", LATE));
    }

    @Test
    void whatTheRunnerCannotExpandOrSelectStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> LocalFirehose.checkPrefix("R.t", "a/!{firehose:random-string}/"));
        assertThrows(IllegalArgumentException.class, () -> LocalFirehose.checkInputPath("R.t", "$.detail[0]"));
        LocalFirehose.checkPrefix("R.t", "actions/dt=!{timestamp:yyyy-MM-dd}/");
        LocalFirehose.checkInputPath("R.t", "$.detail.context");
    }

    @Test
    void eachMatchingEventBecomesOneLineTheDetailExactly() throws Exception {
        LocalFirehose firehose = new LocalFirehose(dir, Clock.fixed(LATE, ZoneOffset.UTC));
        LocalTemplate.StreamRule rule = warehouseRule();
        LocalBus bus = new LocalBus(List.of(), Map.of(), List.of(rule), firehose);
        JsonNode action = Json.mapper().readTree(Fixtures.event("score-pr-merged.json"));
        ObjectNode other = action.deepCopy();
        other.put("detail-type", "contributor.first_contribution");

        JsonNode response = bus.putEvents(request(rule.busName(), action, action, other));

        assertEquals(0, response.path("FailedEntryCount").asInt(), response.toString());
        Path file = dir.resolve("actions/dt=2026-11-20/" + LocalTemplate.STACK + "-warehouse.jsonl");
        String detail = Json.mapper().writeValueAsString(action.get("detail"));
        assertEquals(detail + "\n" + detail + "\n", Files.readString(file, StandardCharsets.UTF_8),
                "one line per delivered action (a second delivery is a second line, as on S3), nothing for other events");
        assertEquals(List.of(), bus.deadLetters());
        bus.close();
    }

    @Test
    void anUnwritableWarehouseKeepsTheEventAsADeadLetter() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "");
        LocalBus bus = new LocalBus(List.of(), Map.of(), List.of(warehouseRule()), new LocalFirehose(file, Clock.systemUTC()));
        JsonNode action = Json.mapper().readTree(Fixtures.event("score-pr-merged.json"));

        bus.putEvents(request(warehouseRule().busName(), action));

        assertEquals(1, bus.deadLetters().size());
        assertEquals("WarehouseDeliveryStream", bus.deadLetters().get(0).functionId());
        assertFalse(bus.deadLetters().get(0).error().isBlank());
        bus.close();
    }

    /** A PutEvents request body as the SDK sends it: the envelope's fields as entry fields, Detail as a string. */
    private static JsonNode request(String bus, JsonNode... events) {
        ObjectNode request = Json.mapper().createObjectNode();
        ArrayNode entries = request.putArray("Entries");
        for (JsonNode event : events) {
            entries.addObject()
                    .put("EventBusName", bus)
                    .put("Source", event.get("source").asText())
                    .put("DetailType", event.get("detail-type").asText())
                    .put("Detail", event.get("detail").toString());
        }
        return request;
    }
}
