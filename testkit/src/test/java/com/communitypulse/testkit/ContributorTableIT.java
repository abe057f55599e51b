package com.communitypulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The extension gives the template's table on DynamoDB Local: per class, or fresh for each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContributorTableIT {
    @RegisterExtension
    static final ContributorTable PER_CLASS = new ContributorTable();
    @RegisterExtension
    static final ContributorTable PER_TEST = new ContributorTable().freshForEachTest();

    @Test
    @Order(1)
    void hasTheTemplatesKeysAndLeaderboardIndex() {
        var table = PER_CLASS.client().describeTable(r -> r.tableName(PER_CLASS.name())).table();
        assertEquals(TableKeys.PK, table.keySchema().get(0).attributeName());
        assertTrue(table.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals(TableKeys.LEADERBOARD_INDEX)),
                table.globalSecondaryIndexes().toString());
        put(PER_CLASS, "PERSON#1");
        put(PER_TEST, "PERSON#1");
    }

    @Test
    @Order(2)
    void aPerClassTableKeepsItemsBetweenTestsAPerTestTableStartsEmpty() {
        assertEquals(1, PER_CLASS.client().scan(r -> r.tableName(PER_CLASS.name())).count());
        assertEquals("PERSON#1", PER_CLASS.items().get(0).get(TableKeys.PK).s());
        assertEquals(0, PER_TEST.items().size());
        assertEquals(0, PER_TEST.client().scan(r -> r.tableName(PER_TEST.name())).count());
        assertEquals(PER_CLASS.endpoint(), PER_TEST.endpoint(), "one engine for the run");
        assertEquals(PER_CLASS.name(), PER_CLASS.env().get("TABLE_NAME"));
    }

    private static void put(ContributorTable table, String pk) {
        table.client().putItem(r -> r.tableName(table.name()).item(Map.of(TableKeys.PK, AttributeValue.fromS(pk),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE))));
    }
}
