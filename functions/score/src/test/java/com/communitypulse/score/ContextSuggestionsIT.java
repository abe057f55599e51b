package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.TableSuggestions;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code profile_url} and {@code email_hash} suggestions on DynamoDB Local, through the scorer: one item per pair with
 * its reason and confidence, nothing more on a second sighting, never for a bot.
 */
class ContextSuggestionsIT {
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final String SALT = "test-salt";

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();

    private final RecordingScoreMetrics metrics = new RecordingScoreMetrics();

    private ScoringService scoring(String suggestionTable) {
        return new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), new RecordingPublisher(),
                new Scorer(ScoringConfig.defaults()), RETENTION,
                new TableSuggestions(TABLE.client(), suggestionTable, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC), SALT),
                metrics);
    }

    private static CommunityAction linking(CommunityAction message, String... logins) {
        return message.withContext(message.context().withGitHubProfiles(List.of(logins)));
    }

    private static CommunityAction hashed(CommunityAction action, String email) {
        return action.withContext(action.context().withEmailSha256(sha256(email)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SUGGEST partition, by Query (as the api reads it). */
    private static List<Map<String, AttributeValue>> suggestions() {
        return new ArrayList<>(TABLE.client().query(r -> r.tableName(TABLE.name()).consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TableKeys.SUGGEST))))
                .items());
    }

    /** Every item by {@code pk / sk}: a Scan, which only the test does. */
    private static Map<String, Map<String, AttributeValue>> table() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        TABLE.client().scanPaginator(r -> r.tableName(TABLE.name()).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(TableKeys.PK).s() + " / " + item.get(TableKeys.SK).s(), item));
        return items;
    }

    @Test
    void aSlackUserLinkingAGitHubProfileIsSuggestedAsThatPersonOnce() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(action("p1", "github:583231", "OctoCat", "comment", "2026-11-16T10:00:00Z"));
        scoring.handle(linking(action("p2", "slack:T1:U9", "mona", "message_posted", "2026-11-17T10:00:00Z"), "octocat"));

        List<Map<String, AttributeValue>> found = suggestions();
        assertEquals(1, found.size(), found.toString());
        Map<String, AttributeValue> item = found.get(0);
        assertEquals("github:583231#slack:T1:U9", item.get(TableKeys.SK).s());
        assertEquals(SuggestionItem.PROFILE_URL, item.get(SuggestionItem.REASON).s());
        assertEquals("0.8", item.get(SuggestionItem.CONFIDENCE).n());
        assertEquals("github:583231", item.get(SuggestionItem.IDENTITY_A).s());
        assertEquals("OctoCat", item.get(SuggestionItem.LOGIN_A).s(), "as GitHub spells it");
        assertEquals("github", item.get(SuggestionItem.PLATFORM_A).s());
        assertEquals("slack:T1:U9", item.get(SuggestionItem.IDENTITY_B).s());
        assertEquals("mona", item.get(SuggestionItem.LOGIN_B).s());
        assertEquals("slack", item.get(SuggestionItem.PLATFORM_B).s());
        assertEquals(Long.toString(NOW.plus(RETENTION).getEpochSecond()), item.get(SuggestionItem.EXPIRES_AT).n());

        // the same link posted again: looked up, already suggested, nothing written
        Map<String, Map<String, AttributeValue>> before = table();
        scoring.handle(linking(action("p3", "slack:T1:U9", "mona", "message_posted", "2026-11-17T11:00:00Z"), "octocat"));
        assertEquals(found, suggestions());
        assertEquals(before.keySet().stream().filter(k -> !k.startsWith("DAY#") && !k.startsWith("ACTION#")).toList(),
                table().keySet().stream().filter(k -> !k.startsWith("DAY#") && !k.startsWith("ACTION#")).toList(),
                "no new item but the action's own");
        assertEquals(List.of("suggestions written=1", "suggestions written=0"), metrics.calls.stream()
                .filter(c -> c.startsWith("suggestion")).toList().subList(1, 3), metrics.calls.toString());
    }

    @Test
    void noSuggestionForAnUnknownLoginSeveralProfilesABotOrTheirOwnPerson() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(action("n1", "github:583231", "octocat", "comment", "2026-11-16T10:00:00Z"));
        scoring.handle(action("n2", "github:1", "ada-lovelace", "comment", "2026-11-16T10:00:00Z"));
        scoring.handle(bot("n3", "github:49699333", "dependabot", "pr_opened", "2026-11-16T10:00:00Z"));
        scoring.handle(linking(action("n4", "slack:T1:U1", "U1", "message_posted", "2026-11-17T10:00:00Z"), "nobody-here"));
        scoring.handle(linking(action("n5", "slack:T1:U2", "U2", "message_posted", "2026-11-17T10:00:00Z"),
                "octocat", "ada-lovelace"));
        scoring.handle(linking(bot("n6", "slack:T1:B1", "ci-bot", "message_posted", "2026-11-17T10:00:00Z"), "octocat"));
        scoring.handle(linking(action("n7", "slack:T1:U3", "U3", "message_posted", "2026-11-17T10:00:00Z"), "dependabot"));
        scoring.handle(linking(action("n8", "github:583231", "octocat", "comment", "2026-11-17T10:00:00Z"), "ada-lovelace"));
        assertEquals(List.of(), suggestions(),
                "an unknown login, a thanks list, a bot posting, a bot's profile, a GitHub identity's own comment");
    }

    @Test
    void twoIdentitiesWithOneEmailHashAreSuggestedOnceAndTheHashIsStoredKeyed() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(hashed(action("e1", "custom:crm-17", "ada", "talk_given", "2026-11-16T10:00:00Z"), "ada@example.org"));
        assertEquals(List.of(), suggestions(), "nobody else has it yet");
        scoring.handle(hashed(action("e2", "meetup:ada-l", "Ada L", "talk_given", "2026-11-17T10:00:00Z"), "ada@example.org"));

        List<Map<String, AttributeValue>> found = suggestions();
        assertEquals(1, found.size(), found.toString());
        Map<String, AttributeValue> item = found.get(0);
        assertEquals("custom:crm-17#meetup:ada-l", item.get(TableKeys.SK).s());
        assertEquals(SuggestionItem.EMAIL_HASH, item.get(SuggestionItem.REASON).s());
        assertEquals("0.9", item.get(SuggestionItem.CONFIDENCE).n());
        assertEquals("ada", item.get(SuggestionItem.LOGIN_A).s());
        assertEquals("Ada L", item.get(SuggestionItem.LOGIN_B).s());

        String pk = TableKeys.email(SALT, sha256("ada@example.org"));
        Map<String, Map<String, AttributeValue>> items = table();
        assertTrue(items.containsKey(pk + " / custom:crm-17"), items.keySet().toString());
        assertTrue(items.containsKey(pk + " / meetup:ada-l"));
        assertTrue(items.containsKey("PERSON#custom:crm-17 / " + pk), "the copy erasure finds");
        assertEquals(Long.toString(NOW.plus(RETENTION).getEpochSecond()), items.get(pk + " / custom:crm-17").get(TableKeys.TTL).n());
        assertFalse(items.toString().contains(sha256("ada@example.org")), "only the salted hash is stored");

        // both come again with it: nothing written, not even the hash items again
        scoring.handle(hashed(action("e3", "meetup:ada-l", "Ada L", "talk_given", "2026-11-18T10:00:00Z"), "ada@example.org"));
        scoring.handle(hashed(action("e4", "custom:crm-17", "ada", "talk_given", "2026-11-18T11:00:00Z"), "ada@example.org"));
        assertEquals(found, suggestions());
        assertEquals(items.get(pk + " / custom:crm-17"), table().get(pk + " / custom:crm-17"));
        assertEquals(List.of("suggestions written=0", "suggestions written=1", "suggestions written=0",
                "suggestions written=0"), metrics.calls.stream().filter(c -> c.startsWith("suggestion")).toList());
    }

    @Test
    void aBotsEmailHashIsNeitherStoredNorSuggested() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(hashed(action("b1", "custom:ada", "ada", "talk_given", "2026-11-16T10:00:00Z"), "ops@example.org"));
        scoring.handle(hashed(bot("b2", "custom:sync-bot", "sync-bot", "talk_given", "2026-11-17T10:00:00Z"), "ops@example.org"));
        assertEquals(List.of(), suggestions());
        assertFalse(table().keySet().stream().anyMatch(k -> k.contains("custom:sync-bot") && k.contains("EMAIL#")),
                table().keySet().toString());
    }

    @Test
    void aStrongerReasonReplacesAWeakerOneForTheSamePairAndNeverTheOtherWay() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(action("s1", "github:583231", "octocat", "comment", "2026-11-16T10:00:00Z"));
        scoring.handle(action("s2", "slack:T1:U9", "octocat", "message_posted", "2026-11-17T10:00:00Z"));
        assertEquals(SuggestionItem.SAME_LOGIN, suggestions().get(0).get(SuggestionItem.REASON).s());
        scoring.handle(linking(action("s3", "slack:T1:U9", "octocat", "message_posted", "2026-11-17T11:00:00Z"), "octocat"));
        List<Map<String, AttributeValue>> found = suggestions();
        assertEquals(1, found.size(), found.toString());
        assertEquals(SuggestionItem.PROFILE_URL, found.get(0).get(SuggestionItem.REASON).s());
        assertEquals("0.8", found.get(0).get(SuggestionItem.CONFIDENCE).n());
        // the other way round: a link first, then the same login by a rename; same_login is weaker, the item stays
        scoring.handle(action("s4", "github:2", "grace-h", "comment", "2026-11-18T10:00:00Z"));
        scoring.handle(linking(action("s5", "slack:T1:U8", "U8", "message_posted", "2026-11-18T11:00:00Z"), "grace-h"));
        scoring.handle(action("s6", "slack:T1:U8", "grace-h", "message_posted", "2026-11-18T12:00:00Z"));
        Map<String, AttributeValue> grace = suggestions().stream()
                .filter(item -> item.get(TableKeys.SK).s().equals("github:2#slack:T1:U8")).findFirst().orElseThrow();
        assertEquals(SuggestionItem.PROFILE_URL, grace.get(SuggestionItem.REASON).s());
        assertEquals("U8", grace.get(SuggestionItem.LOGIN_B).s(), "kept as the link wrote it");
        assertEquals("suggestions written=0", metrics.calls.get(metrics.calls.size() - 1), "the rename looked, wrote nothing");
    }

    @Test
    void aHintThatCannotBeWrittenLeavesTheActionRecorded() {
        scoring(TABLE.name()).handle(action("f1", "github:583231", "octocat", "comment", "2026-11-16T10:00:00Z"));
        ScoringService.Result result = scoring("NoSuchTable").handle(hashed(linking(
                action("f2", "slack:T1:U9", "U9", "message_posted", "2026-11-17T10:00:00Z"), "octocat"), "o@example.org"));
        assertTrue(result.recorded(), result.note());
        assertEquals(List.of("suggestions written=0", "suggestion failed"), metrics.calls);
        assertEquals(List.of(), suggestions());
    }
}
