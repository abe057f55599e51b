package com.communitypulse.score;

import static com.communitypulse.score.domain.Actions.action;
import static com.communitypulse.score.domain.Actions.bot;
import static com.communitypulse.score.domain.Actions.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.SameLoginSuggestions;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.ContributorTable;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code same_login} suggestions on DynamoDB Local: written after the action that brought a new login, once per
 * pair, never for a bot or two identities already linked, and a failure to write one leaves the action recorded.
 */
class SuggestionsIT {
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");

    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable().freshForEachTest();

    private final RecordingScoreMetrics metrics = new RecordingScoreMetrics();

    private ScoringService scoring(String suggestionTable) {
        return new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), new RecordingPublisher(),
                new Scorer(ScoringConfig.defaults()), RETENTION,
                new SameLoginSuggestions(TABLE.client(), suggestionTable, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC)),
                metrics);
    }

    /** The SUGGEST partition, by Query (as the api reads it). */
    private List<Map<String, AttributeValue>> suggestions() {
        return new ArrayList<>(TABLE.client().query(r -> r.tableName(TABLE.name()).consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TableKeys.SUGGEST))))
                .items());
    }

    @Test
    void theSameLoginOnTwoPlatformsIsSuggestedOnceWithBothSides() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(action("a1", "github:583231", "octocat", "comment", "2026-11-16T10:00:00Z"));
        assertEquals(List.of(), suggestions(), "nobody else is octocat yet");
        scoring.handle(action("a2", "discord:77", "OctoCat", "message_posted", "2026-11-17T10:00:00Z"));
        // both act again, the Discord one under its first spelling too: no new login, no lookup, no second item
        scoring.handle(action("a3", "github:583231", "octocat", "comment", "2026-11-18T10:00:00Z"));
        scoring.handle(action("a4", "discord:77", "OctoCat", "message_posted", "2026-11-18T11:00:00Z"));

        List<Map<String, AttributeValue>> found = suggestions();
        assertEquals(1, found.size(), found.toString());
        Map<String, AttributeValue> item = found.get(0);
        assertEquals("discord:77#github:583231", item.get(TableKeys.SK).s());
        assertEquals("discord:77", item.get(SuggestionItem.PERSON_A).s());
        assertEquals("github:583231", item.get(SuggestionItem.PERSON_B).s());
        assertEquals("discord:77", item.get(SuggestionItem.IDENTITY_A).s());
        assertEquals("github:583231", item.get(SuggestionItem.IDENTITY_B).s());
        assertEquals("OctoCat", item.get(SuggestionItem.LOGIN_A).s());
        assertEquals("octocat", item.get(SuggestionItem.LOGIN_B).s());
        assertEquals("discord", item.get(SuggestionItem.PLATFORM_A).s());
        assertEquals("github", item.get(SuggestionItem.PLATFORM_B).s());
        assertEquals(SuggestionItem.SAME_LOGIN, item.get(SuggestionItem.REASON).s());
        assertEquals("0.6", item.get(SuggestionItem.CONFIDENCE).n());
        assertEquals(NOW.toString(), item.get(SuggestionItem.CREATED_AT).s());
        assertEquals(Long.toString(NOW.plus(RETENTION).getEpochSecond()), item.get(SuggestionItem.EXPIRES_AT).n());
        assertEquals(1, metrics.calls.stream().filter("suggestions written=1"::equals).count(), metrics.calls.toString());
    }

    @Test
    void aBotIsNeverSuggestedNorSuggestsAnyone() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(bot("b1", "github:9", "octobot", "pr_merged", "2026-11-16T10:00:00Z"));
        scoring.handle(action("b2", "discord:8", "octobot", "message_posted", "2026-11-17T10:00:00Z"));
        scoring.handle(action("b3", "slack:U1", "renovate", "message_posted", "2026-11-17T10:00:00Z"));
        scoring.handle(bot("b4", "github:10", "renovate", "pr_merged", "2026-11-18T10:00:00Z"));
        assertEquals(List.of(), suggestions());
    }

    @Test
    void identitiesLinkedAlreadyAreNeverSuggestedAndAThirdOneIsSuggestedOnceForTheirPerson() {
        ScoringService scoring = scoring(TABLE.name());
        scoring.handle(action("l1", "github:1", "ada", "comment", "2026-11-16T10:00:00Z"));
        scoring.handle(action("l2", "discord:78", "ada-d", "message_posted", "2026-11-16T11:00:00Z"));
        assertTrue(scoring.handle(link("l3", "discord:78", "ada-d", "github:@ada", "2026-11-16T12:00:00Z")).recorded());
        // discord:78 renames itself ada: a new login of the person, found on GitHub, but that is the person itself
        scoring.handle(action("l4", "discord:78", "ada", "message_posted", "2026-11-17T10:00:00Z"));
        assertEquals(List.of(), suggestions());
        // a Slack ada finds both (github:1 and discord:78, linked into github:1): one pair, with the person
        scoring.handle(action("l5", "slack:U2", "ada", "message_posted", "2026-11-18T10:00:00Z"));
        List<Map<String, AttributeValue>> found = suggestions();
        assertEquals(1, found.size(), found.toString());
        assertEquals("github:1#slack:U2", found.get(0).get(TableKeys.SK).s());
        assertEquals("0.4", found.get(0).get(SuggestionItem.CONFIDENCE).n(), "a short login is a weaker hint");
    }

    @Test
    void aSuggestionThatCannotBeWrittenLeavesTheActionRecorded() {
        scoring(TABLE.name()).handle(action("f1", "github:583231", "octocat", "comment", "2026-11-16T10:00:00Z"));
        ScoringService.Result result = scoring("NoSuchTable")
                .handle(action("f2", "discord:77", "octocat", "message_posted", "2026-11-17T10:00:00Z"));
        assertTrue(result.recorded(), result.note());
        assertEquals(List.of("suggestions written=0", "suggestion failed"), metrics.calls, "counted, not thrown");
        var profile = TABLE.client().getItem(r -> r.tableName(TABLE.name()).consistentRead(true).key(Map.of(
                TableKeys.PK, AttributeValue.fromS(TableKeys.person("discord:77")),
                TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE))));
        assertEquals("octocat", profile.item().get("login").s());
        assertEquals(List.of(), suggestions());
    }
}
