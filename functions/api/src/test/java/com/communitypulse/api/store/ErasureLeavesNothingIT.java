package com.communitypulse.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure leaves nothing behind: a person with every kind of item the system writes is erased, then a Scan of
 * the whole table (the test may scan; the functions never do) finds their ids and logins nowhere but in the
 * salted markers. The items are the ones the score function and the monthly tier review would have written for
 * the actions below (testkit's {@link Items}; issue_opened 0.3, comment, kudos and message 0.1, pr_merged 0.6
 * and a Contributor, demoted by the review of a November without a point). The same, scored for real and
 * followed by later actions on the person's threads, is the tools module's {@code ErasureEndToEndIT}.
 */
class ErasureLeavesNothingIT {
    private static final String SALT = "pepper:";
    /** What identifies the person: both platform ids (also bare, as in URLs and keys) and both logins. */
    private static final List<String> TRACES = List.of("583231", "octocat", "998877", "octo-discord", "CRM-OCTO-77");
    private static final String T1 = "github:octo-org/hello-world#1";
    private static final String T2 = "github:octo-org/hello-world#2";
    private static final String REPO = "octo-org/hello-world";
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = TABLE.client();
    }

    @Test
    void aScanOfTheWholeTableFindsTheErasedPersonNowhereButInTheirMarkers() {
        String table = TABLE.name();
        // the person: github:583231 (octocat), later linked with discord:998877 (octo-discord)
        Items.activity("e1", "2026-10-05T09:00:00Z").by("github:583231", "octocat").type("issue_opened").repo(REPO)
                .impact("0.3").first().thread(T1).length(40).put(dynamo, table);
        Items.activity("e2", "2026-10-05T10:00:00Z").by("github:4242", "monalisa").type("issue_opened").repo(REPO)
                .impact("0.3").first().thread(T2).length(40).put(dynamo, table);
        Items.activity("e3", "2026-10-06T09:00:00Z").by("github:583231", "octocat").type("comment").repo(REPO)
                .impact("0.1").thread(T2).length(40).put(dynamo, table);
        Items.activity("e4", "2026-10-06T10:00:00Z").by("github:4242", "monalisa").type("comment").repo(REPO)
                .impact("0.1").thread(T1).length(40).put(dynamo, table);
        Items.thread(T1).repo(REPO).opened("2026-10-05T09:00:00Z", "github:583231", "octocat")
                .firstResponse("2026-10-06T10:00:00Z", "github:4242").put(dynamo, table);
        Items.thread(T2).repo(REPO).opened("2026-10-05T10:00:00Z", "github:4242", "monalisa")
                .firstResponse("2026-10-06T09:00:00Z", "github:583231").put(dynamo, table);
        Items.activity("e5", "2026-10-08T09:00:00Z").by("github:583231", "octocat").type("pr_merged").repo(REPO)
                .impact("0.6").length(40).put(dynamo, table);
        Items.tierChange("e5", "2026-10-08T09:00:00Z", "User", "Contributor", "pr_merged").by("github:583231", "octocat")
                .put(dynamo, table);
        // a custom source picks its own ids, which may well name the person
        Items.activity("talk-by-octocat-2026", "2026-10-08T12:00:00Z").by("github:583231", "octocat").type("kudos_given")
                .repo(REPO).impact("0.1").length(40).put(dynamo, table);
        Items.activity("e6", "2026-10-09T09:00:00Z").by("discord:998877", "octo-discord").type("message_posted")
                .repo(REPO).impact("0.1").first().length(40).put(dynamo, table);
        Items.link("e7", "2026-10-10T09:00:00Z", "github:@octocat", "linked to github:583231")
                .by("discord:998877", "octo-discord").person("github:583231").put(dynamo, table);
        // November without a point: the 1 December review demotes the Contributor
        String demotion = "demotion: at most 0 points in any 14 days of 2026-11, below Contributor's 0.5 (config 1)";
        Items.tierChange("review-2026-11-github:583231", "2026-12-01T00:00:00Z", "Contributor", "User", demotion)
                .by("github:583231", "octocat").put(dynamo, table);

        // and the maintainers' CRM id for them (docs/admin.md), on the profile
        Items.person("github:583231").login("octocat").crmId("CRM-OCTO-77").score("1.2").count("issue_opened", 1)
                .count("comment", 1)
                .count("pr_merged", 1).count("kudos_given", 1).count("message_posted", 1)
                .tally("2026-10", "github", "issue_opened", "0.3", 1).tally("2026-10", "github", "comment", "0.1", 1)
                .tally("2026-10", "github", "pr_merged", "0.6", 1).tally("2026-10", "github", "kudos_given", "0.1", 1)
                .tally("2026-10", "discord", "message_posted", "0.1", 1)
                .tier("User", "2026-10-05T09:00:00Z", "first action (issue_opened)")
                .tier("Contributor", "2026-10-08T09:00:00Z", "pr_merged").tier("User", "2026-12-01T00:00:00Z", demotion)
                .firstSeen("2026-10-05T09:00:00Z").lastActive("2026-10-09T09:00:00Z")
                .identity("discord:998877", "octo-discord")
                .week("2026-W41", "1.2", "2026-10-05", "2026-10-06", "2026-10-08", "2026-10-09", "2026-10-10")
                .tierIn("2026-W41", "Contributor").week("2026-W49", null, "2026-12-01")
                .month("2026-10", "1.2").tierIn("2026-10", "Contributor").put(dynamo, table);
        Items.person("discord:998877").login("octo-discord").linkedTo("github:583231", "2026-10-10T09:00:00Z")
                .put(dynamo, table);
        Items.person("github:4242").login("monalisa").score("0.4").count("issue_opened", 1).count("comment", 1)
                .tally("2026-10", "github", "issue_opened", "0.3", 1).tally("2026-10", "github", "comment", "0.1", 1)
                .tier("User", "2026-10-05T10:00:00Z", "first action (issue_opened)")
                .firstSeen("2026-10-05T10:00:00Z").lastActive("2026-10-06T10:00:00Z")
                .week("2026-W41", "0.4", "2026-10-05", "2026-10-06").month("2026-10", "0.4").put(dynamo, table);
        // the welcome function's records (its items, as WelcomeStore writes them)
        put(Map.of("pk", "WELCOME#github#github:583231", "sk", "WELCOME", "identity", "github:583231", "login", "octocat",
                "state", "sent", "url", "https://github.com/octo-org/hello-world/issues/1#issuecomment-1"));
        put(Map.of("pk", "WELCOME#PERSON#github:583231", "sk", "WELCOME", "identity", "github:583231", "state", "sent"));
        put(Map.of("pk", "CELEBRATE#first_merge#github:583231", "sk", "CELEBRATE", "identity", "github:583231",
                "login", "octocat", "state", "sent"));
        // a custom source's e-mail hash for both identities (the scorer's EMAIL# items and their PERSON# copies)
        for (String identity : List.of("github:583231", "discord:998877")) {
            Items.put(dynamo, table, Items.emailHash(SALT, "c".repeat(64), identity, "2026-10-09T09:00:00Z"));
        }
        assertTrue(traces().size() > 10, "the person is all over the table: " + traces().size());

        Eraser.Report report = new Eraser(dynamo, table, SALT).erase("discord:998877");
        assertNotNull(report);
        assertEquals("github:583231", report.person());

        assertEquals(List.of(), traces(), "items still naming the erased person");
        for (Map<String, AttributeValue> marker : scan()) {
            if (marker.get(TableKeys.PK).s().startsWith("ERASED#")) {
                assertEquals(Set.of("pk", "sk", "erased_at"), marker.keySet());
            }
        }
        assertEquals(Set.copyOf(report.markers()), Set.copyOf(scan().stream().map(i -> i.get(TableKeys.PK).s())
                .filter(pk -> pk.startsWith("ERASED#")).toList()));
        // the others and the anonymous timings stay
        assertEquals("github:4242", get(TableKeys.thread(T1), "THREAD").get("first_responder").s());
        assertEquals("2026-10-05T09:00:00Z", get(TableKeys.thread(T1), "THREAD").get("opened_at").s());
        assertEquals("github:4242", get(TableKeys.thread(T2), "THREAD").get("author").s());
        assertEquals("2026-10-06T09:00:00Z", get(TableKeys.thread(T2), "THREAD").get("first_response_at").s());
        assertFalse(get(TableKeys.person("github:4242"), TableKeys.PROFILE).isEmpty());
    }

    private static void put(Map<String, String> item) {
        Map<String, AttributeValue> values = new HashMap<>();
        item.forEach((k, v) -> values.put(k, AttributeValue.fromS(v)));
        dynamo.putItem(r -> r.tableName(TABLE.name()).item(values));
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return dynamo.getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static List<Map<String, AttributeValue>> scan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(TABLE.name()).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Every item, but the markers, whose keys or values hold one of the person's ids or logins. */
    private static List<String> traces() {
        List<String> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : scan()) {
            String text = item.toString().toLowerCase(Locale.ROOT);
            if (!item.get(TableKeys.PK).s().startsWith("ERASED#") && TRACES.stream().anyMatch(text::contains)) {
                found.add(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s());
            }
        }
        return found;
    }
}
