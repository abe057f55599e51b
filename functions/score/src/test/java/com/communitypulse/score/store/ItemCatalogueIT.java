package com.communitypulse.score.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.ScoringService;
import com.communitypulse.score.TierReview;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes;
import com.communitypulse.shared.store.ItemAttributes.Kind;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.Items;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract of the table's items, from the writer's side: what the real scorer writes for a small history
 * (three people and a bot, several types, a thread and its first response, tier changes, a linked identity)
 * and the monthly review that then demotes its Contributors
 * carries only attributes of the shared catalogue ({@link ItemAttributes}), and testkit's {@link Items}, given
 * the same figures (worked out by hand below from the default scoring config), writes the same items with the
 * same values. So a renamed or new attribute on either side fails here, and the readers' tests, which seed the
 * table with {@link Items}, read what the scorer writes.
 */
class ItemCatalogueIT {
    /** The score function's own bookkeeping, which no other function reads: the version lock, the TTL, the outbox. */
    private static final Set<String> WRITER_ONLY = Set.of(ItemAttributes.ProfileItem.VERSION, TableKeys.TTL,
            ItemAttributes.ActivityItem.EVENTS, ItemAttributes.ActivityItem.EVENTS_PUBLISHED,
            ItemAttributes.ActionGuardItem.HAS_EVENTS);
    private static final String THREAD = "github:octo-org/hello#1";
    private static final String REPO = "octo-org/hello";
    private static final ScoringConfig DEMOTING = ScoringConfig.parse("{\"demotion\": {\"enabled\": true}}");

    @RegisterExtension
    static final ContributorTable SCORED = new ContributorTable();
    @RegisterExtension
    static final ContributorTable BUILT = new ContributorTable();
    /** Admin actions' items, kept apart so the builder comparison above stays about scoring. */
    @RegisterExtension
    static final ContributorTable ADMIN = new ContributorTable();
    /** A link suggestion's items, apart for the same reason. */
    @RegisterExtension
    static final ContributorTable SUGGESTED = new ContributorTable();

    @BeforeAll
    static void scoreTheHistoryAndBuildItsFigures() {
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(SCORED.client(), SCORED.name()),
                events -> { }, new Scorer(ScoringConfig.defaults()), Items.RETENTION);
        // in arrival order; i0 arrives late, with the earliest time
        act(scoring, "i1", "github:1", "ada", CommunityAction.USER, new ActionContext("github", "issue_opened", REPO, null,
                "https://github.com/octo-org/hello/issues/1", null, null, "NONE", THREAD, null, null, null), "2026-11-16T09:00:00Z");
        act(scoring, "i2", "github:2", "bob", CommunityAction.USER, new ActionContext("github", "comment", REPO, null,
                null, 40, null, null, THREAD, "github:1", null, null), "2026-11-16T12:00:00Z");
        act(scoring, "i3", "github:2", "bob", CommunityAction.USER, new ActionContext("github", "pr_merged", REPO, null,
                "https://github.com/octo-org/hello/pull/2", null, null, null, null, null, null, null), "2026-11-17T10:00:00Z");
        act(scoring, "i0", "github:2", "bob", CommunityAction.USER, new ActionContext("github", "comment", REPO, null,
                null, 600, null, null, null, null, null, null), "2026-10-20T10:00:00Z");
        act(scoring, "i4", "discord:7", "bob_d", CommunityAction.USER, new ActionContext("discord", "message_posted",
                "general", null, null, 12, null, null, null, null, null, null), "2026-11-18T10:00:00Z");
        act(scoring, "i5", "discord:7", "bob_d", CommunityAction.USER, new ActionContext("discord", "identity_linked",
                null, null, null, null, null, null, null, null, "github:@bob", null), "2026-11-18T11:00:00Z");
        act(scoring, "i6", "github:9", "dependabot[bot]", CommunityAction.BOT, new ActionContext("github", "pr_merged",
                REPO, null, null, null, null, null, null, null, null, null), "2026-11-18T12:00:00Z");
        act(scoring, "i7", "github:3", "cy", CommunityAction.USER, new ActionContext("github", "comment", REPO, null,
                null, null, null, null, null, null, null, null), "2026-11-10T10:00:00Z");
        act(scoring, "i8", "github:3", "cy", CommunityAction.USER, new ActionContext("github", "pr_merged", REPO, null,
                null, null, null, "CONTRIBUTOR", null, null, null, null), "2026-11-19T10:00:00Z");
        // December and January without a point: the review of January demotes both Contributors, on 1 February (2027-W05)
        assertEquals(2, new TierReview(new DynamoDbContributorStore(SCORED.client(), SCORED.name()),
                new DynamoDbTierReviewStore(SCORED.client(), SCORED.name()), events -> { }, DEMOTING, Items.RETENTION)
                .review(YearMonth.of(2027, 1)).demoted());
        String demotion = "demotion: at most 0 points in any 30 days of 2027-01, below Contributor's 0.5 (config "
                + DEMOTING.version() + ")";

        var client = BUILT.client();
        String table = BUILT.name();
        // ada: issue_opened = base 0.1 + type_bonus 0.2
        Items.person("github:1").login("ada").score("0.3").count("issue_opened", 1)
                .tally("2026-11", "github", "issue_opened", "0.3", 1)
                .tier("User", "2026-11-16T09:00:00Z", "first action (issue_opened)")
                .firstSeen("2026-11-16T09:00:00Z").lastActive("2026-11-16T09:00:00Z")
                .week("2026-W47", "0.3", "2026-11-16").month("2026-11", "0.3").put(client, table);
        // bob: comment 0.1, pr_merged 0.1 + 0.5 (a contributor type), a 600-character comment 0.1 + 0.3, and
        // discord:7's message 0.1 moved in by the link (its week and month too)
        Items.person("github:2").login("bob").score("1.2").count("comment", 2).count("pr_merged", 1)
                .count("message_posted", 1).tally("2026-11", "github", "comment", "0.1", 1)
                .tally("2026-11", "github", "pr_merged", "0.6", 1).tally("2026-10", "github", "comment", "0.4", 1)
                .tally("2026-11", "discord", "message_posted", "0.1", 1)
                .tier("User", "2026-11-16T12:00:00Z", "first action (comment)")
                .tier("Contributor", "2026-11-17T10:00:00Z", "pr_merged").tier("User", "2027-02-01T00:00:00Z", demotion)
                .tierIn("2026-W47", "Contributor").tierIn("2026-W43", "Contributor").tierIn("2026-11", "Contributor")
                .tierIn("2026-10", "Contributor").week("2027-W05", null, "2027-02-01")
                .firstSeen("2026-10-20T10:00:00Z").lastActive("2026-11-18T10:00:00Z").identity("discord:7", "bob_d")
                .week("2026-W47", "0.8", "2026-11-16", "2026-11-17", "2026-11-18").week("2026-W43", "0.4", "2026-10-20")
                .month("2026-11", "0.8").month("2026-10", "0.4").put(client, table);
        Items.person("discord:7").login("bob_d").linkedTo("github:2", "2026-11-18T11:00:00Z").put(client, table);
        // a bot: counted, never scored, no tier, on no board
        Items.person("github:9").login("dependabot[bot]").bot().count("pr_merged", 1)
                .firstSeen("2026-11-18T12:00:00Z").lastActive("2026-11-18T12:00:00Z").week("2026-W47", "0", "2026-11-18")
                .put(client, table);

        Items.activity("i1", "2026-11-16T09:00:00Z").by("github:1", "ada").type("issue_opened").repo(REPO).impact("0.3")
                .first().thread(THREAD).url("https://github.com/octo-org/hello/issues/1").authorAssociation("NONE")
                .put(client, table);
        Items.activity("i2", "2026-11-16T12:00:00Z").by("github:2", "bob").type("comment").repo(REPO).impact("0.1")
                .first().thread(THREAD).length(40).put(client, table);
        Items.activity("i3", "2026-11-17T10:00:00Z").by("github:2", "bob").type("pr_merged").repo(REPO).impact("0.6")
                .url("https://github.com/octo-org/hello/pull/2").put(client, table);
        Items.tierChange("i3", "2026-11-17T10:00:00Z", "User", "Contributor", "pr_merged").by("github:2", "bob")
                .put(client, table);
        Items.activity("i0", "2026-10-20T10:00:00Z").by("github:2", "bob").type("comment").repo(REPO).impact("0.4")
                .length(600).put(client, table);
        Items.activity("i4", "2026-11-18T10:00:00Z").by("discord:7", "bob_d").type("message_posted").repo("general")
                .impact("0.1").first().length(12).put(client, table);
        Items.link("i5", "2026-11-18T11:00:00Z", "github:@bob", "linked to github:2").by("discord:7", "bob_d")
                .person("github:2").put(client, table);
        Items.activity("i6", "2026-11-18T12:00:00Z").by("github:9", "dependabot[bot]").bot().type("pr_merged").repo(REPO)
                .put(client, table);
        // cy: a comment 0.1 as a User in W46, then a merge 0.6 in W47 made a Contributor (GitHub's CONTRIBUTOR
        // association is none of the config's maintainer associations)
        Items.person("github:3").login("cy").score("0.7").count("comment", 1).count("pr_merged", 1)
                .tally("2026-11", "github", "comment", "0.1", 1).tally("2026-11", "github", "pr_merged", "0.6", 1)
                .tier("User", "2026-11-10T10:00:00Z", "first action (comment)")
                .tier("Contributor", "2026-11-19T10:00:00Z", "pr_merged").tier("User", "2027-02-01T00:00:00Z", demotion)
                .firstSeen("2026-11-10T10:00:00Z").lastActive("2026-11-19T10:00:00Z")
                .week("2026-W46", "0.1", "2026-11-10").tierIn("2026-W46", "User")
                .week("2026-W47", "0.6", "2026-11-19").tierIn("2026-W47", "Contributor")
                .month("2026-11", "0.7").tierIn("2026-11", "Contributor").week("2027-W05", null, "2027-02-01")
                .put(client, table);
        Items.activity("i7", "2026-11-10T10:00:00Z").by("github:3", "cy").type("comment").repo(REPO).impact("0.1")
                .first().put(client, table);
        Items.activity("i8", "2026-11-19T10:00:00Z").by("github:3", "cy").type("pr_merged").repo(REPO).impact("0.6")
                .authorAssociation("CONTRIBUTOR").put(client, table);
        Items.tierChange("i8", "2026-11-19T10:00:00Z", "User", "Contributor", "pr_merged").by("github:3", "cy")
                .put(client, table);
        for (String[] who : new String[][] {{"github:2", "bob"}, {"github:3", "cy"}}) {
            Items.tierChange("review-2027-01-" + who[0], "2027-02-01T00:00:00Z", "Contributor", "User", demotion)
                    .by(who[0], who[1]).put(client, table);
        }
        Items.thread(THREAD).repo(REPO).opened("2026-11-16T09:00:00Z", "github:1", "ada")
                .url("https://github.com/octo-org/hello/issues/1").firstResponse("2026-11-16T12:00:00Z", "github:2")
                .put(client, table);
    }

    private static void act(ScoringService scoring, String id, String actor, String login, String kind,
                            ActionContext context, String ts) {
        ScoringService.Result result = scoring.handle(new CommunityAction(CommunityAction.EVENT, id, actor, login, kind,
                context, ts));
        assertTrue(result.recorded(), id + " " + result.note());
    }

    @Test
    void everyAttributeTheScorerWritesIsCataloguedForItsKind() {
        Map<String, Map<String, AttributeValue>> scored = scan(SCORED);
        assertEquals(Set.of(Kind.values()).size() - 4, kinds(scored).size(),
                "every kind but the erasure marker, the suggestion and the e-mail hash's two (below): " + kinds(scored));
        uncatalogued(scored).forEach((key, names) -> assertEquals(Set.of(), names, key));
        Map<String, Map<String, AttributeValue>> built = scan(BUILT);
        uncatalogued(built).forEach((key, names) -> assertEquals(Set.of(), names, "the builder: " + key));
    }

    @Test
    void aCrmIdChangeWritesOnlyCataloguedAttributes() {
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(ADMIN.client(), ADMIN.name()),
                events -> { }, new Scorer(ScoringConfig.defaults()), Items.RETENTION);
        act(scoring, "a1", "github:1", "ada", CommunityAction.USER, new ActionContext("github", "comment", REPO, null,
                null, null, null, null, null, null, null, null), "2026-11-16T09:00:00Z");
        act(scoring, "a2", "github:1", "ada", CommunityAction.USER, ActionContext.admin("github", "crm_id_set",
                "0013000000AbC", "ops", "matched"), "2026-11-16T10:00:00Z");
        act(scoring, "a3", "github:1", "ada", CommunityAction.USER, ActionContext.admin("github", "crm_id_set",
                null, "ops", null), "2026-11-17T10:00:00Z");
        act(scoring, "a4", "github:1", "ada", CommunityAction.USER, ActionContext.admin("github", "crm_id_set",
                "0013000000XyZ", "ops", "again"), "2026-11-18T10:00:00Z");
        Map<String, Map<String, AttributeValue>> scored = scan(ADMIN);
        uncatalogued(scored).forEach((key, names) -> assertEquals(Set.of(), names, key));
        assertEquals("0013000000XyZ", scored.get("PERSON#github:1 / PROFILE").get(ItemAttributes.ProfileItem.CRM_ID).s());
    }

    @Test
    void aSuggestionWritesOnlyCataloguedAttributesAndTheBuilderWritesTheSame() {
        java.time.Instant now = java.time.Instant.parse("2026-11-20T18:00:00Z");
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(SUGGESTED.client(), SUGGESTED.name()),
                events -> { }, new Scorer(ScoringConfig.defaults()), Items.RETENTION,
                new TableSuggestions(SUGGESTED.client(), SUGGESTED.name(), Items.RETENTION,
                        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), "salt"), com.communitypulse.score.ScoreMetrics.NONE);
        act(scoring, "s1", "github:583231", "octocat", CommunityAction.USER, new ActionContext("github", "comment", REPO,
                null, null, null, null, null, null, null, null, null), "2026-11-16T09:00:00Z");
        act(scoring, "s2", "discord:77", "OctoCat", CommunityAction.USER, new ActionContext("discord", "message_posted",
                "general", null, null, null, null, null, null, null, null, null), "2026-11-17T09:00:00Z");
        Map<String, Map<String, AttributeValue>> scored = scan(SUGGESTED);
        uncatalogued(scored).forEach((key, names) -> assertEquals(Set.of(), names, key));
        String key = TableKeys.SUGGEST + " / discord:77#github:583231";
        assertEquals(Kind.SUGGESTION, kind(scored.get(key)), scored.keySet().toString());
        Map<String, AttributeValue> built = Items.sameLogin("discord:77", "OctoCat", "discord:77", "github:583231",
                "octocat", "github:583231", "0.6", now.toString());
        assertEquals(comparable(built), comparable(scored.get(key)));
        assertEquals(built.get(TableKeys.TTL), scored.get(key).get(TableKeys.TTL));

        // the other two reasons: a Slack message linking octocat's profile, two identities with one e-mail hash
        act(scoring, "s3", "slack:T1:U9", "mona", CommunityAction.USER, new ActionContext("slack", "message_posted",
                "C1", null, null, 40, null, null, null, null, null, null).withGitHubProfiles(List.of("octocat")),
                "2026-11-17T10:00:00Z");
        String hash = "a".repeat(64);
        act(scoring, "s4", "custom:ada", "ada", CommunityAction.USER, new ActionContext("custom", "talk_given", null,
                null, null, null, null, null, null, null, null, null).withEmailSha256(hash), "2026-11-17T11:00:00Z");
        act(scoring, "s5", "meetup:ada", "ada-l", CommunityAction.USER, new ActionContext("meetup", "talk_given", null,
                null, null, null, null, null, null, null, null, null).withEmailSha256(hash), "2026-11-17T12:00:00Z");
        Map<String, Map<String, AttributeValue>> all = scan(SUGGESTED);
        uncatalogued(all).forEach((each, names) -> assertEquals(Set.of(), names, each));
        Map<String, Map<String, AttributeValue>> expected = new TreeMap<>();
        for (Map<String, AttributeValue> item : List.of(
                Items.suggestion(ItemAttributes.SuggestionItem.PROFILE_URL, "slack:T1:U9", "mona", "slack:T1:U9",
                        "github:583231", "octocat", "github:583231", "0.8", now.toString()),
                Items.suggestion(ItemAttributes.SuggestionItem.EMAIL_HASH, "meetup:ada", "ada-l", "meetup:ada",
                        "custom:ada", "ada", "custom:ada", "0.9", now.toString()))) {
            expected.put(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s(), item);
        }
        for (String identity : List.of("custom:ada", "meetup:ada")) {
            for (Map<String, AttributeValue> item : Items.emailHash("salt", hash, identity, now.toString())) {
                expected.put(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s(), item);
            }
        }
        expected.forEach((each, item) -> {
            assertNotNull(all.get(each), each + " in " + all.keySet());
            assertEquals(comparable(item), comparable(all.get(each)), each);
            assertEquals(item.get(TableKeys.TTL), all.get(each).get(TableKeys.TTL), each);
        });
        assertEquals(Set.of(Kind.SUGGESTION, Kind.EMAIL, Kind.EMAIL_REF), expected.values().stream().map(
                ItemCatalogueIT::kind).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theBuildersWriteWhatTheScorerWritesGivenTheSameFigures() {
        Map<String, Map<String, AttributeValue>> scored = scan(SCORED);
        // the link's OWN records are the scorer's own bookkeeping for an unlink: no reader sees them, no test builds
        // them (UnlinkIT checks them against a fresh replay)
        scored.values().removeIf(item -> Set.of(Kind.OWN, Kind.OWN_PERIOD).contains(kind(item)));
        Map<String, Map<String, AttributeValue>> built = scan(BUILT);
        assertEquals(scored.keySet(), built.keySet(), "the same items");
        List<String> differences = new ArrayList<>();
        scored.forEach((key, item) -> {
            Map<String, Object> writer = comparable(item);
            Map<String, Object> builder = comparable(built.get(key));
            if (!writer.equals(builder)) {
                differences.add(key + "\n  scorer:  " + writer + "\n  builder: " + builder);
            }
        });
        assertEquals(List.of(), differences);
        // and what is left out of the comparison is there on both sides
        scored.forEach((key, item) -> assertEquals(item.containsKey(TableKeys.TTL), built.get(key).containsKey(TableKeys.TTL), key));
    }

    /** Every item by {@code pk / sk}. A Scan: the test reads the whole table, the functions never do. */
    private static Map<String, Map<String, AttributeValue>> scan(ContributorTable table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        table.client().scanPaginator(r -> r.tableName(table.name()).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s(), item));
        return items;
    }

    private static Set<Kind> kinds(Map<String, Map<String, AttributeValue>> items) {
        Set<Kind> kinds = new TreeSet<>();
        items.values().forEach(item -> kinds.add(kind(item)));
        return kinds;
    }

    private static Kind kind(Map<String, AttributeValue> item) {
        Kind kind = Kind.of(item.get(TableKeys.PK).s(), item.get(TableKeys.SK).s(), item.keySet());
        assertNotNull(kind, "an item kind missing from the catalogue: " + item);
        return kind;
    }

    private static Map<String, Set<String>> uncatalogued(Map<String, Map<String, AttributeValue>> items) {
        Map<String, Set<String>> found = new TreeMap<>();
        items.forEach((key, item) -> {
            Kind kind = kind(item);
            Set<String> names = new TreeSet<>(item.keySet());
            names.removeIf(kind::catalogues);
            found.put(key + " (" + kind + ")", names);
        });
        return found;
    }

    /** The attributes to compare, as plain values: sets unordered, numbers by value. */
    private static Map<String, Object> comparable(Map<String, AttributeValue> item) {
        Map<String, Object> values = new TreeMap<>();
        item.forEach((name, value) -> {
            if (!WRITER_ONLY.contains(name)) {
                values.put(name, plain(value));
            }
        });
        return values;
    }

    private static Object plain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return new BigDecimal(value.n()).stripTrailingZeros().toPlainString();
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasSs()) {
            return new TreeSet<>(value.ss());
        }
        if (value.hasL()) {
            return value.l().stream().map(ItemCatalogueIT::plain).toList();
        }
        if (value.hasM()) {
            Map<String, Object> m = new TreeMap<>();
            value.m().forEach((k, v) -> m.put(k, plain(v)));
            return m;
        }
        throw new IllegalArgumentException("an attribute type the table does not use: " + value);
    }
}
