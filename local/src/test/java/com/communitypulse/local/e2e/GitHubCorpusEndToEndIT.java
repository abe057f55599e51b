package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every payload of the octokit corpus (329, MIT; copied under functions/normalise's test
 * resources) signed and posted over HTTP to the live local runner: each is answered 2xx, and the
 * community.action events the normaliser puts on the bus for it are exactly the documented ones
 * (type and credited actor per row of github-webhook-examples.expected.csv).
 */
class GitHubCorpusEndToEndIT {
    static final Path CORPUS = Path.of("functions/normalise/src/test/resources/corpora");

    @TempDir
    static Path outbox;
    static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = Deliveries.startSystem(outbox, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
    }

    static Path corpus(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CORPUS).resolve(file))) {
                return dir.resolve(CORPUS).resolve(file);
            }
        }
        throw new IllegalStateException(CORPUS + "/" + file + " not found");
    }

    @Test
    void everyCorpusPayloadIsAcceptedAndBecomesTheDocumentedActions() throws Exception {
        Map<String, List<String>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(corpus("github-webhook-examples.expected.csv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("event,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            List<String> actions = expected.computeIfAbsent(f[0] + "#" + f[1], k -> new ArrayList<>());
            if (f[3].equals("mapped")) {
                actions.add(f[4] + " " + f[5]);
            }
        }
        JsonNode corpus = Json.mapper().readTree(corpus("github-webhook-examples.json").toFile());
        int posted = 0;
        List<String> problems = new ArrayList<>();
        for (JsonNode event : corpus) {
            String name = event.get("name").asText();
            for (int i = 0; i < event.get("examples").size(); i++) {
                byte[] body = Json.mapper().writeValueAsBytes(event.get("examples").get(i));
                String delivery = "corpus-" + name + "-" + i;
                HttpResponse<String> response = Deliveries.postGitHub(system.url(), name, delivery, body,
                        Deliveries.githubSignature("dev-github-secret", body));
                posted++;
                if (response.statusCode() / 100 != 2) {
                    problems.add(delivery + " -> " + response.statusCode() + " " + response.body());
                }
            }
        }
        assertTrue(system.awaitIdle(120_000), "the bus did not drain");
        assertEquals(329, posted);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters());

        Map<String, List<String>> actual = new TreeMap<>();
        expected.keySet().forEach(k -> actual.put(k, new ArrayList<>()));
        for (JsonNode e : system.publishedEvents()) {
            if (e.path("detail-type").asText().equals("community.action")) {
                String delivery = e.path("detail").path("context").path("delivery_id").asText();
                String key = delivery.replaceFirst("^corpus-", "").replaceFirst("-(\\d+)$", "#$1");
                actual.computeIfAbsent(key, k -> new ArrayList<>()).add(
                        e.path("detail").path("context").path("type").asText() + " " + e.path("detail").path("actor").asText());
            }
        }
        actual.values().forEach(list -> list.sort(null));
        expected.values().forEach(list -> list.sort(null));
        assertEquals(expected, actual);
        assertEquals(48, actual.values().stream().mapToInt(List::size).sum(), "48 actions in the corpus, 281 payloads ignored");
    }
}
