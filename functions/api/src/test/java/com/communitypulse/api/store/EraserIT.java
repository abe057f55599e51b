package com.communitypulse.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.api.Seed;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.shared.store.TableKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Erasure against DynamoDB Local: the person is gone, everyone else is intact. */
class EraserIT {
    private static final String TABLE = "erase-test";
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = Seed.client(db);
        Seed.createTable(dynamo, TABLE);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    @Test
    void erasureRemovesEverythingAboutThePersonAndNothingElse() {
        Seed seed = new Seed(dynamo, TABLE);
        String t1 = "github:octo-org/hello-world#1";
        String t2 = "github:octo-org/hello-world#2";
        seed.act("e1", "github:1010", "octocat", "user", "issue_opened", "2026-11-18T10:00:00Z", t1, null, null);
        seed.act("e2", "github:2020", "hubot", "user", "issue_opened", "2026-11-18T10:30:00Z", t2, null, null);
        seed.act("e3", "github:2020", "hubot", "user", "comment", "2026-11-18T11:00:00Z", t1, "github:1010", null);
        seed.act("e4", "github:1010", "octocat", "user", "comment", "2026-11-18T11:30:00Z", t2, "github:2020", null);
        seed.act("e5", "github:1010", "octocat", "pr_merged", "2026-11-25T10:00:00Z");
        seed.act("e6", "discord:1111", "octo-discord", "message_posted", "2026-10-02T10:00:00Z");
        seed.act("e7", "discord:1111", "octo-discord", "user", "identity_linked", "2026-11-26T10:00:00Z", null, null, "github:@octocat");
        seed.act("e8", "github:2020", "hubot", "comment", "2026-11-25T11:00:00Z");
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("WELCOME#github#github:1010"),
                "sk", AttributeValue.fromS("WELCOME"), "sent_at", AttributeValue.fromS("2026-11-18T10:01:00Z"))));
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("WELCOME#PERSON#github:1010"),
                "sk", AttributeValue.fromS("WELCOME"), "identity", AttributeValue.fromS("github:1010"))));
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("CELEBRATE#first_merge#github:1010"),
                "sk", AttributeValue.fromS("CELEBRATE"), "identity", AttributeValue.fromS("github:1010"))));
        assertTrue(mentions("github:1010") > 0 && mentions("discord:1111") > 0 && mentions("octo-discord") > 0);
        List<Map<String, AttributeValue>> before = scan();

        Eraser.Report report = new Eraser(dynamo, TABLE, "pepper:").erase("discord:1111");

        assertEquals("github:1010", report.person());
        assertEquals(0, mentions("github:1010"), "no item names the person: " + scan());
        assertEquals(0, mentions("discord:1111"));
        assertEquals(0, mentions("octocat"));
        assertEquals(0, mentions("octo-discord"));
        // e1, e4, e5, e5's tier change, e6 (before the link), e7 (the link itself)
        assertEquals(6, report.deleted().get("activity"), report.deleted().toString());
        assertEquals(2, report.deleted().get("welcome"), "the platform's record and the person's claim");
        assertEquals(1, report.deleted().get("celebration"));
        // one marker per identity: printf '%s' 'pepper:github:1010' | sha256sum (the score function's test asserts the same scheme)
        String github = "ERASED#8d8888b907dc2e61169e47048c341b6a7dd875abc3dd4a81d95bef513bcde76a";
        String discord = "ERASED#820840c7d81f58ce2f9d485d1cf6d3b137f985d4f8a38c64daaab4130dfcf05f";
        assertEquals(java.util.Set.of(github, discord), java.util.Set.copyOf(report.markers()));
        var marker = get(github, "ERASED");
        assertEquals(java.util.Set.of("pk", "sk", "erased_at"), marker.keySet(), "no TTL, nothing personal");
        assertTrue(get(discord, "ERASED").containsKey("erased_at"));
        assertEquals(2, report.deleted().get("login"));
        // hubot is untouched, and the anonymous timings of the threads stay
        var hubot = get(TableKeys.person("github:2020"), "PROFILE");
        assertEquals("0.5", hubot.get("score").n());
        var thread1 = get(TableKeys.thread(t1), "THREAD");
        assertEquals("2026-11-18T10:00:00Z", thread1.get("opened_at").s());
        assertNull(thread1.get("author"));
        assertEquals("github:2020", thread1.get("first_responder").s());
        var thread2 = get(TableKeys.thread(t2), "THREAD");
        assertEquals("github:2020", thread2.get("author").s());
        assertEquals("2026-11-18T11:30:00Z", thread2.get("first_response_at").s());
        assertNull(thread2.get("first_responder"));
        long hubotItemsBefore = before.stream().filter(i -> i.toString().contains("github:2020")).count();
        long hubotItemsAfter = scan().stream().filter(i -> i.toString().contains("github:2020")).count();
        assertEquals(hubotItemsBefore, hubotItemsAfter);

        assertNull(new Eraser(dynamo, TABLE, "pepper:").erase("github:1010"), "nothing left to erase");
        get(github, "ERASED"); // the markers outlive the profile
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        var item = dynamo.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        assertFalse(item == null || item.isEmpty(), pk + " " + sk);
        return item;
    }

    /** A Scan is fine here: the test checks the whole table. */
    private static List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(TABLE).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static long mentions(String text) {
        return scan().stream().filter(item -> item.toString().toLowerCase().contains(text.toLowerCase())).count();
    }
}
