package com.communitypulse.score.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The erasure markers read back from DynamoDB Local, as the erasure CLI writes them. */
class ErasedIdentitiesIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @BeforeAll
    static void start() {
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(ErasedIdentities.pk("pepper:", "github:583231")),
                TableKeys.SK, AttributeValue.fromS(ErasedIdentities.SK))));
    }

    @Test
    void withoutAMarkerNothingIsDropped() {
        ErasedIdentities erased = new ErasedIdentities(TABLE.client(), TABLE.name(), "another salt");
        assertFalse(erased.contains("github:583231"), "a marker made with another salt does not match");
    }

    @Test
    void amongFindsTheErasedOnesOfSeveralInOneRequest() {
        ErasedIdentities erased = new ErasedIdentities(TABLE.client(), TABLE.name(), "pepper:");
        assertTrue(erased.contains("github:583231"));
        assertEquals(Set.of("github:583231"), erased.among("github:583231", "discourse:42", null));
        assertEquals(Set.of(), erased.among("discourse:42"));
    }
}
