package com.communitypulse.normalise.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.communitypulse.normalise.domain.TestDeliveries.CorpusPayload;
import com.communitypulse.shared.model.CommunityAction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every one of the 329 real payloads of {@code @octokit/webhooks-examples} through the normaliser:
 * each one maps to exactly the actions listed in {@code github-webhook-examples.expected.csv}
 * (written by hand from the taxonomy, one row per action) or is ignored, and none is unmappable.
 */
class GitHubCorpusTest {
    private static final Normaliser NORMALISER = new Normaliser(NormaliserConfig.defaults());
    private static final Map<String, List<Map<String, String>>> EXPECTED = readExpectations();

    static List<CorpusPayload> corpus() {
        return TestDeliveries.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyPayloadMapsToItsDocumentedActionsOrIsIgnored(CorpusPayload payload) {
        Outcome outcome = NORMALISER.normalise(TestDeliveries.github(payload.event(), payload.payload(), "d-" + payload.id()));
        assertNotEquals(Outcome.Status.UNMAPPABLE, outcome.status(), outcome.reason());
        assertNotNull(outcome.rule(), "every GitHub delivery is taken by a rule");

        List<Map<String, String>> expected = EXPECTED.get(payload.id());
        assertNotNull(expected, "no expectation for " + payload.id());
        if ("ignored".equals(expected.get(0).get("status"))) {
            assertEquals(Outcome.Status.IGNORED, outcome.status(), "expected ignored, got " + outcome.actions());
            return;
        }
        assertEquals(Outcome.Status.MAPPED, outcome.status(), outcome.reason());
        assertEquals(expected.size(), outcome.actions().size(), "actions: " + outcome.actions());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> row = expected.get(i);
            Normalised normalised = outcome.actions().get(i);
            CommunityAction action = normalised.action();
            Check.valid(normalised);
            assertEquals(row.get("key"), normalised.key());
            assertEquals(TestDeliveries.sha256(row.get("key")), action.id());
            assertEquals(CommunityAction.EVENT, action.event());
            assertEquals(row.get("type"), action.context().type());
            assertEquals("github", action.context().platform());
            assertEquals(row.get("actor"), action.actor());
            assertEquals(row.get("actor_login"), action.actorLogin());
            assertEquals(row.get("actor_kind"), action.actorKind());
            assertEquals(row.get("timestamp"), action.timestamp());
            assertEquals(row.get("repo"), action.context().repo());
            assertEquals(blankToNull(row.get("thread")), action.context().thread());
            assertEquals(blankToNull(row.get("thread_author")), action.context().threadAuthor());
            assertEquals(blankToNull(row.get("length")), action.context().length() == null ? null
                    : String.valueOf(action.context().length()));
            assertEquals("d-" + payload.id(), action.context().deliveryId());
            assertNull(action.context().impactScore(), "the scorer sets the impact");
        }
    }

    @Test
    void theCorpusHasItsPayloadsAndEveryOneAnExpectation() {
        assertEquals(329, corpus().size());
        assertEquals(corpus().stream().map(CorpusPayload::id).sorted().toList(),
                EXPECTED.keySet().stream().sorted().toList());
    }

    /** Mapped and ignored per event, written to target/ for the record (and checked against the CSV). */
    @Test
    void countsPerEventMatchTheExpectations() throws IOException {
        Map<String, int[]> counts = new TreeMap<>();
        for (CorpusPayload payload : corpus()) {
            Outcome outcome = NORMALISER.normalise(TestDeliveries.github(payload.event(), payload.payload()));
            int[] count = counts.computeIfAbsent(payload.event(), event -> new int[3]);
            count[outcome.status().ordinal()]++;
        }
        StringBuilder report = new StringBuilder("event,mapped,ignored,unmappable\n");
        int mapped = 0;
        int ignored = 0;
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            report.append(entry.getKey()).append(',').append(entry.getValue()[0]).append(',')
                    .append(entry.getValue()[1]).append(',').append(entry.getValue()[2]).append('\n');
            mapped += entry.getValue()[0];
            ignored += entry.getValue()[1];
            assertEquals(0, entry.getValue()[2], entry.getKey() + " has unmappable payloads");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-outcomes.csv"), report.toString());
        long expectedMapped = EXPECTED.values().stream().filter(rows -> !"ignored".equals(rows.get(0).get("status"))).count();
        assertEquals(expectedMapped, mapped);
        assertEquals(EXPECTED.size() - expectedMapped, ignored);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Rows of the CSV by {@code event#index}; lines starting with # are comments. */
    private static Map<String, List<Map<String, String>>> readExpectations() {
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                GitHubCorpusTest.class.getResourceAsStream("/corpora/github-webhook-examples.expected.csv"),
                StandardCharsets.UTF_8))) {
            String[] header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.computeIfAbsent(row.get("event") + "#" + row.get("index"), id -> new ArrayList<>()).add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
