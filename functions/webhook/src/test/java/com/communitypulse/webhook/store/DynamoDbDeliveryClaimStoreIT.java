package com.communitypulse.webhook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.testkit.ContributorTable;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim store's own rules on DynamoDB Local; the claim life cycle through the service is in WebhookServiceIT. */
class DynamoDbDeliveryClaimStoreIT {
    static final Instant NOW = Instant.ofEpochSecond(1_795_168_800L);

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @Test
    void veryLongKeysAreStoredHashed() {
        String key = "k".repeat(1000);
        DynamoDbDeliveryClaimStore claims = new DynamoDbDeliveryClaimStore(TABLE.client(), TABLE.name());
        assertEquals(DeliveryClaimStore.Outcome.CLAIMED, claims.claim("custom", key, key, NOW));
        claims.confirm("custom", key, NOW);
        assertEquals(DeliveryClaimStore.Outcome.DUPLICATE, claims.claim("custom", key, key, NOW));
        assertTrue(DynamoDbDeliveryClaimStore.pk("custom", key).length() < 100);
    }
}
