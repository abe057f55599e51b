package com.communitypulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The table without a Jupiter lifecycle: the template's keys on an engine of its own, gone after close(). */
class StandaloneContributorTableIT {
    @Test
    void hasTheTemplatesTableUntilClosed() {
        StandaloneContributorTable table = StandaloneContributorTable.start();
        try {
            var description = table.client().describeTable(r -> r.tableName(table.name())).table();
            assertTrue(description.globalSecondaryIndexes().stream()
                    .anyMatch(i -> i.indexName().equals(TableKeys.LEADERBOARD_INDEX)), description.toString());
            table.client().putItem(r -> r.tableName(table.name()).item(Map.of(TableKeys.PK, AttributeValue.fromS("PERSON#1"),
                    TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE))));
            assertEquals(1, table.items().size());
        } finally {
            table.close();
        }
        int port = table.endpoint().getPort();
        assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close(), "the engine is stopped");
    }
}
