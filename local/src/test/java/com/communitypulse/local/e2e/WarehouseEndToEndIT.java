package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.testkit.EventSchema;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed GitHub deliveries through the whole local system, then the warehouse read back: one JSON line
 * per community.action the bus carried (a duplicate delivery adds none), each the action exactly as the
 * Firehose target gets it and valid against the published schema, under actions/dt=<arrival date>/.
 */
class WarehouseEndToEndIT {
    private static final EventSchema ACTION = EventSchema.load("/schemas/community-action.schema.json");

    @TempDir
    Path work;

    @Test
    void everyActionLandsAsOneSchemaValidLineUnderItsArrivalDate() throws Exception {
        Path warehouse = work.resolve("warehouse");
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        try (LocalSystem system = LocalSystem.start(LocalSystem.Options.defaults().withPort(0)
                .withOutbox(work.resolve("outbox")).withWarehouse(warehouse).withEnvironment(Map.of())
                .withoutScheduleTimer())) {
            post(system, "issues", "e2e-warehouse-1", "issues.opened.json", 202);
            post(system, "pull_request", "e2e-warehouse-2", "pull_request.opened.json", 202);
            // the same delivery again is answered as a duplicate and reaches nobody, the warehouse included
            post(system, "issues", "e2e-warehouse-1", "issues.opened.json", 200);
            assertTrue(system.awaitIdle(30_000), "the bus went idle");

            List<String> published = new ArrayList<>();
            for (JsonNode event : system.publishedEvents()) {
                if (Sources.ACTION.equals(event.path("detail-type").asText()) && Sources.NORMALISE.equals(event.path("source").asText())) {
                    published.add(Json.mapper().writeValueAsString(event.get("detail")));
                }
            }
            assertTrue(published.size() >= 2, "the two deliveries gave actions: " + published);
            LocalDate after = LocalDate.now(ZoneOffset.UTC);

            List<String> lines = new ArrayList<>();
            try (Stream<Path> files = Files.walk(warehouse.resolve("actions"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String day = file.getParent().getFileName().toString();
                    assertTrue(List.of("dt=" + before, "dt=" + after).contains(day), "partitioned by arrival date: " + file);
                    assertEquals("community-pulse-warehouse.jsonl", file.getFileName().toString(), "named after the stream, as S3's objects");
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    assertTrue(text.endsWith("\n"), "every record newline-terminated: " + file);
                    lines.addAll(List.of(text.split("\n")));
                }
            }
            for (String line : lines) {
                assertEquals(List.of(), ACTION.problems(Json.mapper().readTree(line)), "valid community.action: " + line);
            }
            assertEquals(published.stream().sorted().toList(), lines.stream().sorted().toList(),
                    "one line per action on the bus, each the event's detail exactly");
            assertEquals(List.of(), system.deadLetters());
        }
    }

    private static void post(LocalSystem system, String event, String delivery, String sample, int status) throws Exception {
        byte[] body = Deliveries.githubSample(sample);
        HttpResponse<String> response = Deliveries.postGitHub(system.url(), event, delivery, body,
                Deliveries.githubSignature(LocalSystem.DEV_SECRETS.get("GITHUB_WEBHOOK_SECRET"), body));
        assertEquals(status, response.statusCode(), sample + ": " + response.body());
    }
}
