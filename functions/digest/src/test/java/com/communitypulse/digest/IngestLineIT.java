package com.communitypulse.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The GitHub reconciler's INGEST# item of the week, read back from DynamoDB Local for the digest's ingest line. */
class IngestLineIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @Test
    void theStoreReadsTheWeeksItem() {
        DigestStore store = new DigestStore(TABLE.client(), TABLE.name());
        assertTrue(store.ingest("2026-W47").isEmpty(), "no reconciler, no line");
        TABLE.client().putItem(p -> p.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.builder().s(TableKeys.ingest("2026-W47")).build(),
                TableKeys.SK, AttributeValue.builder().s(TableKeys.INGEST).build(),
                TableKeys.INGEST_SEEN, AttributeValue.builder().n("40").build(),
                TableKeys.INGEST_RECOVERED, AttributeValue.builder().n("2").build())));
        assertEquals("40 deliveries, 2 recovered", store.ingest("2026-W47").orElseThrow().line());
    }
}
