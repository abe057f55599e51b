package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.shared.store.TableKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Erasure that sticks: an erased identity's later actions are dropped before any state is read or written. */
class ErasedIdentitiesTest {
    private static final String TABLE = "score-erased-test";
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;
    private static final CountingInterceptor COUNTER = new CountingInterceptor();

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = LocalTable.client(db, COUNTER);
        LocalTable.create(dynamo, TABLE);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    @Test
    void theMarkerKeyIsTheSaltedSha256OfTheIdentity() {
        // the same vectors are asserted by the erasure CLI's and the welcome function's tests (printf '%s' ... | sha256sum)
        assertEquals("ERASED#eed6f456196f5bf92fc913b2ef1208955fb4b20adc6f3ef7dae038185a0e8f77",
                ErasedIdentities.pk(ErasedIdentities.DEFAULT_SALT, "github:583231"));
        assertEquals("ERASED#60e31059f7d52e03979b2ef93a567198b226518d2e6e4fdc4d9df2bb3188e623",
                ErasedIdentities.pk("pepper:", "github:583231"));
    }

    @Test
    void anErasedPersonsNewDeliveryIsDroppedAndCountedWhileOthersAreScored() throws Exception {
        String salt = "pepper:";
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of(
                TableKeys.PK, AttributeValue.fromS(ErasedIdentities.pk(salt, "github:583231")),
                TableKeys.SK, AttributeValue.fromS(ErasedIdentities.SK))));
        RecordingPublisher bus = new RecordingPublisher();
        ScoreHandler handler = new ScoreHandler(new ScoringService(new DynamoContributorStore(dynamo, TABLE), bus,
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400)), new ErasedIdentities(dynamo, TABLE, salt));

        var merged = ScoreHandlerTest.envelope("score-pr-merged.json");
        COUNTER.snapshotAndReset();
        String printed = capturingStdout(() -> handler.handleRequest(merged, null));

        assertEquals(Map.of("GetItem", 1), COUNTER.snapshotAndReset(), "a dropped action costs its marker's GetItem, nothing else");
        assertTrue(printed.contains("\"ActionsDroppedErased\""), "the drop is counted: " + printed);
        assertFalse(printed.contains("\"ActionsRecorded\""), printed);
        assertTrue(profile("github:583231").isEmpty(), "no profile comes back");
        assertTrue(dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DAY#2026-11-20")))).items().isEmpty(),
                "no activity recorded");
        assertTrue(bus.events.isEmpty(), "nothing published");

        // someone else, same salt and table: scored as usual, for one more request than without erasure: a reply in
        // someone else's thread reads the actor's and the thread author's markers together
        var comment = ScoreHandlerTest.envelope("score-long-comment.json");
        COUNTER.snapshotAndReset();
        handler.handleRequest(comment, null);
        assertEquals(Map.of("BatchGetItem", 1, "GetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1), COUNTER.snapshotAndReset(),
                "both markers, profile, the transaction, events_published");
        assertFalse(profile("discourse:42").isEmpty());
        assertEquals(1, bus.events.size(), "discourse:42's first contribution");
    }

    @Test
    void withoutAMarkerNothingIsDropped() {
        ErasedIdentities erased = new ErasedIdentities(dynamo, TABLE, "another salt");
        assertFalse(erased.contains("github:583231"), "a marker made with another salt does not match");
    }

    private static Map<String, AttributeValue> profile(String identity) {
        var item = dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person(identity)),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE)))).item();
        return item == null ? Map.of() : new HashMap<>(item);
    }

    private static String capturingStdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
