package com.communitypulse.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.IngestCounts;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.store.TableKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The digest's ingest-completeness line, from the GitHub reconciler's INGEST# item of the week. */
class IngestLineTest {
    @Test
    void theLineSaysHowManyDeliveriesAndHowManyWereRecovered() {
        assertEquals("412 deliveries, 3 recovered", new IngestCounts(412, 0, 3, 3, 0, false).line());
        assertEquals("412 deliveries, 3 recovered (5 failed at first), 1 lost", new IngestCounts(412, 5, 4, 3, 1, false).line());
        assertEquals("at least 1 delivery, 0 recovered", new IngestCounts(1, 0, 0, 0, 0, true).line());
    }

    @Test
    void theDigestShowsItInTextAndHtmlOnlyWhenTheReconcilerCounted() {
        DigestFigures figures = PreviewDigest.sampleFigures(IsoWeek.parse("2026-W47"), Instant.parse("2026-11-23T09:00:00Z"));
        DigestContent with = DigestRenderer.render(figures, Optional.empty(), Optional.of("412 deliveries, 3 recovered"));
        assertTrue(with.text().contains("GitHub deliveries: 412 deliveries, 3 recovered\n"), with.text());
        assertTrue(with.html().contains("GitHub deliveries") && with.html().contains("412 deliveries, 3 recovered"));
        DigestContent without = DigestRenderer.render(figures, Optional.empty());
        assertFalse(without.text().contains("GitHub deliveries"));
        assertFalse(without.html().contains("GitHub deliveries"));
    }

    @Test
    void theStoreReadsTheWeeksItem() {
        try (DynamoDbLocal local = DynamoDbLocal.startInMemory()) {
            var env = LocalTable.env(local, "pulse", Map.of());
            var dynamo = LocalTable.client(env);
            LocalTable.create(dynamo, "pulse");
            DigestStore store = new DigestStore(dynamo, "pulse");
            assertTrue(store.ingest("2026-W47").isEmpty(), "no reconciler, no line");
            dynamo.putItem(p -> p.tableName("pulse").item(Map.of(
                    TableKeys.PK, AttributeValue.builder().s(TableKeys.ingest("2026-W47")).build(),
                    TableKeys.SK, AttributeValue.builder().s(TableKeys.INGEST).build(),
                    TableKeys.INGEST_SEEN, AttributeValue.builder().n("40").build(),
                    TableKeys.INGEST_RECOVERED, AttributeValue.builder().n("2").build())));
            assertEquals("40 deliveries, 2 recovered", store.ingest("2026-W47").orElseThrow().line());
        }
    }
}
