package com.communitypulse.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure against DynamoDB Local: the person is gone, everyone else is intact. The table holds what the scorer
 * would have written for the actions below (testkit's {@link Items}; issue_opened 0.3, comment and message 0.1,
 * pr_merged 0.6 and a Contributor).
 */
class EraserIT {
    private static final String REPO = "octo-org/hello-world";
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = TABLE.client();
    }

    @Test
    void erasureRemovesEverythingAboutThePersonAndNothingElse() {
        String table = TABLE.name();
        String t1 = "github:octo-org/hello-world#1";
        String t2 = "github:octo-org/hello-world#2";
        // e1 octocat opens t1, e2 hubot opens t2, e3 hubot answers t1, e4 octocat answers t2 (all 18 November)
        Items.activity("e1", "2026-11-18T10:00:00Z").by("github:1010", "octocat").type("issue_opened").repo(REPO)
                .impact("0.3").first().thread(t1).put(dynamo, table);
        Items.activity("e2", "2026-11-18T10:30:00Z").by("github:2020", "hubot").type("issue_opened").repo(REPO)
                .impact("0.3").first().thread(t2).put(dynamo, table);
        Items.activity("e3", "2026-11-18T11:00:00Z").by("github:2020", "hubot").type("comment").repo(REPO)
                .impact("0.1").thread(t1).put(dynamo, table);
        Items.activity("e4", "2026-11-18T11:30:00Z").by("github:1010", "octocat").type("comment").repo(REPO)
                .impact("0.1").thread(t2).put(dynamo, table);
        Items.thread(t1).repo(REPO).opened("2026-11-18T10:00:00Z", "github:1010", "octocat")
                .firstResponse("2026-11-18T11:00:00Z", "github:2020").put(dynamo, table);
        Items.thread(t2).repo(REPO).opened("2026-11-18T10:30:00Z", "github:2020", "hubot")
                .firstResponse("2026-11-18T11:30:00Z", "github:1010").put(dynamo, table);
        // e5 octocat merges a PR (a Contributor now); e6 discord:1111 posts in October, e7 links itself to octocat
        Items.activity("e5", "2026-11-25T10:00:00Z").by("github:1010", "octocat").type("pr_merged").repo(REPO)
                .impact("0.6").put(dynamo, table);
        Items.tierChange("e5", "2026-11-25T10:00:00Z", "User", "Contributor", "pr_merged").by("github:1010", "octocat")
                .put(dynamo, table);
        Items.activity("e6", "2026-10-02T10:00:00Z").by("discord:1111", "octo-discord").type("message_posted")
                .repo(REPO).impact("0.1").first().put(dynamo, table);
        Items.link("e7", "2026-11-26T10:00:00Z", "github:@octocat", "linked to github:1010")
                .by("discord:1111", "octo-discord").person("github:1010").put(dynamo, table);
        Items.activity("e8", "2026-11-25T11:00:00Z").by("github:2020", "hubot").type("comment").repo(REPO)
                .impact("0.1").put(dynamo, table);

        Items.person("github:1010").login("octocat").score("1.1").count("issue_opened", 1).count("comment", 1)
                .count("pr_merged", 1).count("message_posted", 1)
                .tally("2026-11", "github", "issue_opened", "0.3", 1).tally("2026-11", "github", "comment", "0.1", 1)
                .tally("2026-11", "github", "pr_merged", "0.6", 1).tally("2026-10", "discord", "message_posted", "0.1", 1)
                .tier("User", "2026-11-18T10:00:00Z", "first action (issue_opened)")
                .tier("Contributor", "2026-11-25T10:00:00Z", "pr_merged")
                .firstSeen("2026-10-02T10:00:00Z").lastActive("2026-11-25T10:00:00Z")
                .identity("discord:1111", "octo-discord")
                .week("2026-W47", "0.4", "2026-11-18").tierIn("2026-W47", "User")
                .week("2026-W48", "0.6", "2026-11-25", "2026-11-26").month("2026-11", "1.0").put(dynamo, table);
        // the linked identity's own October items stay under its id (a link moves only its week's and month's)
        Items.person("discord:1111").login("octo-discord").tier("User", "2026-10-02T10:00:00Z", "first action (message_posted)")
                .lastActive("2026-10-02T10:00:00Z").week("2026-W40", "0.1", "2026-10-02").month("2026-10", "0.1")
                .linkedTo("github:1010", "2026-11-26T10:00:00Z").put(dynamo, table);
        Items.person("github:2020").login("hubot").score("0.5").count("issue_opened", 1).count("comment", 2)
                .tally("2026-11", "github", "issue_opened", "0.3", 1).tally("2026-11", "github", "comment", "0.1", 2)
                .tier("User", "2026-11-18T10:30:00Z", "first action (issue_opened)")
                .firstSeen("2026-11-18T10:30:00Z").lastActive("2026-11-25T11:00:00Z")
                .week("2026-W47", "0.4", "2026-11-18").week("2026-W48", "0.1", "2026-11-25").month("2026-11", "0.5")
                .put(dynamo, table);
        dynamo.putItem(r -> r.tableName(TABLE.name()).item(Map.of("pk", AttributeValue.fromS("WELCOME#github#github:1010"),
                "sk", AttributeValue.fromS("WELCOME"), "sent_at", AttributeValue.fromS("2026-11-18T10:01:00Z"))));
        dynamo.putItem(r -> r.tableName(TABLE.name()).item(Map.of("pk", AttributeValue.fromS("WELCOME#PERSON#github:1010"),
                "sk", AttributeValue.fromS("WELCOME"), "identity", AttributeValue.fromS("github:1010"))));
        dynamo.putItem(r -> r.tableName(TABLE.name()).item(Map.of("pk", AttributeValue.fromS("CELEBRATE#first_merge#github:1010"),
                "sk", AttributeValue.fromS("CELEBRATE"), "identity", AttributeValue.fromS("github:1010"))));
        // suggested links: octocat's person with a Slack octocat (erased with it), and hubot with a Slack hubot (kept)
        Items.put(dynamo, table, List.of(Items.sameLogin("slack:U5", "octocat", "slack:U5", "github:1010", "octocat",
                "github:1010", "0.6", "2026-11-26T10:00:00Z"), Items.sameLogin("slack:U6", "hubot", "slack:U6",
                "github:2020", "hubot", "github:2020", "0.6", "2026-11-26T10:00:00Z")));
        // e-mail hashes a custom source gave: both of the person's identities and hubot share one (hubot's stays)
        String hash = "b".repeat(64);
        for (String identity : List.of("github:1010", "discord:1111", "github:2020")) {
            Items.put(dynamo, table, Items.emailHash("pepper:", hash, identity, "2026-11-26T10:00:00Z"));
        }
        String emailPk = TableKeys.email("pepper:", hash);
        assertTrue(mentions("github:1010") > 0 && mentions("discord:1111") > 0 && mentions("octo-discord") > 0);
        List<Map<String, AttributeValue>> before = scan();

        Eraser.Report report = new Eraser(dynamo, TABLE.name(), "pepper:").erase("discord:1111");

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
        assertEquals(1, report.deleted().get("suggestion"), report.deleted().toString());
        assertNotNull(get(TableKeys.SUGGEST, TableKeys.suggestion("github:2020", "slack:U6")), "someone else's pair stays");
        assertEquals(2, report.deleted().get("email index"), report.deleted().toString());
        assertEquals(2, report.deleted().get("email"), "the copies in the identities' partitions");
        assertEquals("github:2020", get(emailPk, "github:2020").get("identity").s(), "someone else's hash item stays");
        assertNotNull(get(TableKeys.person("github:2020"), emailPk));
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

        assertNull(new Eraser(dynamo, TABLE.name(), "pepper:").erase("github:1010"), "nothing left to erase");
        get(github, "ERASED"); // the markers outlive the profile
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        var item = dynamo.getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        assertFalse(item == null || item.isEmpty(), pk + " " + sk);
        return item;
    }

    /** A Scan is fine here: the test checks the whole table. */
    private static List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(TABLE.name()).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static long mentions(String text) {
        return scan().stream().filter(item -> item.toString().toLowerCase().contains(text.toLowerCase())).count();
    }
}
