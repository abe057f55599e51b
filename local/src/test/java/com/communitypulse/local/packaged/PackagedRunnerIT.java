package com.communitypulse.local.packaged;

import com.communitypulse.testkit.runner.PackagedRunner;
import com.communitypulse.testkit.runner.PackagedRunnerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a newcomer does, on the artefact they run: the packaged runner as its own process, the
 * README's blocks executed as written (only the port moved), every platform's route through the
 * {@code send} command, the digest into the outbox, and at the end no dead letter and no ERROR
 * in the runner's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedRunnerIT {
    @RegisterExtension
    static final PackagedRunnerExtension RUNNER = PackagedRunnerExtension.withArgs();
    static PackagedRunner runner;

    @BeforeAll
    static void start() {
        runner = RUNNER.runner();
    }

    @Test
    @Order(1)
    void theReadmeTryItShowsTheContributorWithItsScore() throws Exception {
        PackagedRunner.Shell shell = runner.sh(ReadmeBlocks.onPort(ReadmeBlocks.block("try-it"), runner.port()));
        assertEquals(0, shell.status(), shell.output());
        assertTrue(shell.output().startsWith("{\"status\":\"accepted\""), "the signed delivery: " + shell.output());
        // as the README says: after its pause, the block itself prints the contributor (not a 404) and the board
        assertTrue(shell.output().contains("{\"id\":\"github:21031067\"") && shell.output().contains("\"score\":0.3"),
                "the block's own read of the contributor: " + shell.output());
        // the pipeline is asynchronous (webhook -> bus -> normalise -> score): a user looks again a moment later
        JsonNode profile = awaitContributor("github:21031067", 10_000);
        assertEquals(0.3, profile.path("score").asDouble(), 1e-9, profile.toString());
        assertEquals(1, profile.path("counts").path("issue_opened").asInt(), profile.toString());
    }

    @Test
    @Order(2)
    void anAdminCrmIdChangeGoesOverTheBusToTheScorerAndIsExported() throws Exception {
        // github:21031067 was scored by the try-it above
        HttpResponse<String> accepted = runner.post("/admin/people/github:21031067/crm",
                "{\"crm_id\": \"0013000000AbCdE\", \"by\": \"ops@example.org\", \"why\": \"e2e\"}");
        assertEquals(202, accepted.statusCode(), "no key locally, as the template's route: " + accepted.body());
        // api -> bus (source community-pulse.admin) -> score; the export is never cached, so it shows it at once
        long deadline = System.currentTimeMillis() + 10_000;
        String page;
        do {
            page = runner.get("/admin/export/people.jsonl?crm_id=present").body();
            if (page.contains("0013000000AbCdE")) {
                break;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        JsonNode person = Json.mapper().readTree(page.lines().findFirst().orElse("{}"));
        assertEquals("github:21031067", person.path("id").asText(), page);
        assertEquals("0013000000AbCdE", person.path("crm_id").asText(null), page);
        assertEquals(0.3, person.path("score").asDouble(), 1e-9, "no points for an admin change: " + person);
        HttpResponse<String> refused = runner.post("/admin/people/github:21031067/crm", "{\"crm_id\": \"x\"}");
        assertEquals(400, refused.statusCode(), refused.body());
    }

    @Test
    @Order(3)
    void sendSignsEveryPlatformAndEachBecomesItsDocumentedAction() throws Exception {
        int before = events().size();
        PackagedRunner.Shell shell = runner.sh(ReadmeBlocks.block("send-every-platform"));
        assertEquals(0, shell.status(), shell.output());
        List<String> answers = shell.output().lines().toList();
        assertEquals(6, answers.size(), shell.output());
        for (String answer : answers) {
            assertTrue(answer.startsWith("202 {\"status\":\"accepted\"") || answer.startsWith("200 {\"type\":4"), answer);
        }
        runner.awaitIdle();
        List<JsonNode> actions = new ArrayList<>();
        for (JsonNode event : events().subList(before, events().size())) {
            if (event.path("detail-type").asText().equals("community.action")) {
                actions.add(event.path("detail"));
            }
        }
        TreeSet<String> types = new TreeSet<>();
        actions.forEach(a -> types.add(a.path("context").path("platform").asText() + ":" + a.path("context").path("type").asText()));
        assertEquals(new TreeSet<>(List.of("github:pr_opened", "github:issue_opened", "discourse:reply_given",
                "slack:message_posted", "discord:kudos_given", "custom:talk_given")), types, actions.toString());
        for (JsonNode action : actions) {
            String actor = action.path("actor").asText();
            HttpResponse<String> read = runner.get("/contributors/" + actor);
            assertEquals(200, read.statusCode(), actor + ": " + read.body());
        }
        // and each is one line of the warehouse, which PackagedRunner puts beside the outbox (docs/warehouse.md)
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runner.outbox().resolveSibling("warehouse").resolve("actions"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.add(Json.mapper().readTree(line));
                }
            }
        }
        for (JsonNode action : actions) {
            assertEquals(1, lines.stream().filter(action::equals).count(), "one warehouse line for " + action);
        }
    }

    @Test
    @Order(4)
    void theSigningRecipesPrintWhatTheReadmeShows() throws Exception {
        // needs OpenSSL 3 (pkeyutl -rawin for Ed25519) and xxd, as the README's prerequisites say
        for (String name : List.of("custom-signing", "discord-signing")) {
            String block = ReadmeBlocks.block(name);
            PackagedRunner.Shell shell = runner.sh(ReadmeBlocks.onPort(block, runner.port()));
            assertEquals(0, shell.status(), name + ": " + shell.output());
            assertEquals(ReadmeBlocks.shownOutput(block), shell.output().strip(), name);
        }
    }

    @Test
    @Order(5)
    void theDigestTriggerWritesAnEmailWithItsChart() throws Exception {
        // the samples sent above happened in 2026-W47 (the week the chart has data for)
        HttpResponse<String> run = runner.post("/_local/run/DigestFunction", "{\"force\": true, \"week\": \"2026-W47\"}");
        assertEquals(200, run.statusCode(), run.body());
        List<Path> emails;
        try (Stream<Path> files = Files.list(runner.outbox())) {
            emails = files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
        assertEquals(1, emails.size(), "one .eml in " + runner.outbox());
        String email = Files.readString(emails.get(0), StandardCharsets.UTF_8);
        assertTrue(email.contains("Content-Type: image/png"), "the chart is attached inline");
        assertTrue(email.contains("Subject:"), email.substring(0, Math.min(500, email.length())));
    }

    @Test
    @Order(6)
    void localRoutesAnswerEveryBadRequestWithAReason() throws Exception {
        HttpResponse<String> notJson = runner.post("/_local/run/DigestFunction", "not json");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertTrue(Json.mapper().readTree(notJson.body()).path("message").asText().contains("JsonParseException"));
        HttpResponse<String> badWeek = runner.post("/_local/run/DigestFunction", "{\"week\": \"2026-47\"}");
        assertEquals(400, badWeek.statusCode(), badWeek.body());
        assertTrue(badWeek.body().contains("week"), "the message names the field: " + badWeek.body());
        HttpResponse<String> unknown = runner.post("/_local/run/NoSuchFunction", "{}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> notScheduled = runner.post("/_local/run/ApiFunction", "{}");
        assertEquals(400, notScheduled.statusCode(), notScheduled.body());
        assertTrue(notScheduled.body().contains("DigestFunction"), "names the functions that can be run: " + notScheduled.body());
        HttpResponse<String> array = runner.post("/_local/run/DigestFunction", "[1]");
        assertEquals(400, array.statusCode(), array.body());
    }

    @Test
    @Order(99)
    void nothingWasDeadLetteredAndNothingLoggedAnError() throws Exception {
        runner.awaitIdle();
        HttpResponse<String> dead = runner.get("/_local/dead-letters");
        assertEquals("[]", dead.body(), "dead letters");
        List<String> errors = runner.log().lines()
                .filter(line -> line.contains("\"level\":\"ERROR\"") || line.contains(" ERROR ") || line.startsWith("ERROR"))
                .toList();
        assertFalse(errors.stream().findAny().isPresent(), "ERROR lines in the runner's log:\n" + String.join("\n", errors));
    }

    private static List<JsonNode> events() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        Json.mapper().readTree(runner.get("/_local/events").body()).forEach(all::add);
        return all;
    }

    private static JsonNode awaitContributor(String id, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        HttpResponse<String> last;
        do {
            last = runner.get("/contributors/" + id);
            if (last.statusCode() == 200) {
                return Json.mapper().readTree(last.body());
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(id + " not readable within " + millis + " ms: " + last.statusCode() + " " + last.body()
                + "; dead letters: " + runner.get("/_local/dead-letters").body());
    }
}
