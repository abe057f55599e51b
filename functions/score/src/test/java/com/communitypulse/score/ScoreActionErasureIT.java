package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Erasure that sticks: an erased identity's later actions are dropped before any state is read or written. */
class ScoreActionErasureIT {
    private static final CountingInterceptor COUNTER = new CountingInterceptor();
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(COUNTER);

    @Test
    void anErasedPersonsNewDeliveryIsDroppedAndCountedWhileOthersAreScored() throws Exception {
        String salt = "pepper:";
        TABLE.client().putItem(b -> b.tableName(TABLE.name()).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(ErasedIdentities.pk(salt, "github:583231")),
                TableKeys.SK, AttributeValue.fromS(ErasedIdentities.SK))));
        RecordingPublisher bus = new RecordingPublisher();
        RecordingScoreMetrics metrics = new RecordingScoreMetrics();
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), bus,
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        ScoreHandler handler = new ScoreHandler(new ScoreAction(scoring,
                new ErasedIdentities(TABLE.client(), TABLE.name(), salt), metrics), null);

        var merged = Fixtures.eventJson("score-pr-merged.json");
        COUNTER.snapshotAndReset();
        handler.handleRequest(merged, null);

        assertEquals(Map.of("GetItem", 1), COUNTER.snapshotAndReset(), "a dropped action costs its marker's GetItem, nothing else");
        assertEquals(List.of("dropped erased"), metrics.calls, "the drop is counted, nothing recorded");
        assertTrue(profile("github:583231").isEmpty(), "no profile comes back");
        assertTrue(TABLE.client().query(b -> b.tableName(TABLE.name()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DAY#2026-11-20")))).items().isEmpty(),
                "no activity recorded");
        assertTrue(bus.events().isEmpty(), "nothing published");

        // someone else, same salt and table: scored as usual, for one more request than without erasure: a reply in
        // someone else's thread reads the actor's and the thread author's markers together
        var comment = Fixtures.eventJson("score-long-comment.json");
        COUNTER.snapshotAndReset();
        handler.handleRequest(comment, null);
        assertEquals(Map.of("BatchGetItem", 1, "GetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1), COUNTER.snapshotAndReset(),
                "both markers, profile, the transaction, events_published");
        assertFalse(profile("discourse:42").isEmpty());
        assertEquals(1, bus.events().size(), "discourse:42's first contribution");
        assertEquals(List.of("dropped erased", "scored recorded attempts=1 events=1"), metrics.calls);
    }

    private static Map<String, AttributeValue> profile(String identity) {
        var item = TABLE.client().getItem(b -> b.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(identity)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))).item();
        return item == null ? Map.of() : new HashMap<>(item);
    }
}
