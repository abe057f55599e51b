package com.communitypulse.score.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.shared.store.TableKeys;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The erasure markers read back from DynamoDB Local, as the erasure CLI writes them. */
class ErasedIdentitiesIT {
    private static final String TABLE = "score-erased-markers";
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = db.client();
        TableCreator.createContributorTable(dynamo, TABLE);
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(ErasedIdentities.pk("pepper:", "github:583231")),
                TableKeys.SK, AttributeValue.fromS(ErasedIdentities.SK))));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    @Test
    void withoutAMarkerNothingIsDropped() {
        ErasedIdentities erased = new ErasedIdentities(dynamo, TABLE, "another salt");
        assertFalse(erased.contains("github:583231"), "a marker made with another salt does not match");
    }

    @Test
    void amongFindsTheErasedOnesOfSeveralInOneRequest() {
        ErasedIdentities erased = new ErasedIdentities(dynamo, TABLE, "pepper:");
        assertTrue(erased.contains("github:583231"));
        assertEquals(Set.of("github:583231"), erased.among("github:583231", "discourse:42", null));
        assertEquals(Set.of(), erased.among("discourse:42"));
    }
}
