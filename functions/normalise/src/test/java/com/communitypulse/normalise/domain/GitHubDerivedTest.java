package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.corpusPayload;
import static com.communitypulse.normalise.domain.TestDeliveries.github;
import static com.communitypulse.normalise.domain.TestDeliveries.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases the public corpus lacks (merged PRs, first-timers, bots, long bodies, closed issues,
 * approving reviews, ...), each derived from a corpus payload by changing only what the case needs.
 */
class GitHubDerivedTest {
    private static final String OCTOCAT = """
            {"login":"octocat","id":583231,"type":"User"}""";
    private static final String MAINTAINER = """
            {"login":"maintainer","id":777,"type":"User"}""";

    @Test
    void aMergedPullRequestCreditsItsAuthorAtMergeTimeNotTheMerger() {
        ObjectNode payload = corpusPayload("pull_request", 3); // closed, unmerged, by Codertocat
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("merged", true).put("merged_at", "2019-05-15T15:21:10Z").set("merged_by", json(MAINTAINER));
        payload.set("sender", json(MAINTAINER));

        CommunityAction merged = Check.single(github("pull_request", payload));

        assertEquals("pr_merged", merged.context().type());
        assertEquals("github:21031067", merged.actor());
        assertEquals("Codertocat", merged.actorLogin());
        assertEquals("2019-05-15T15:21:10Z", merged.timestamp());
        assertEquals("github:Codertocat/Hello-World#2", merged.context().thread());
        assertEquals("https://github.com/Codertocat/Hello-World/pull/2", merged.context().url());
        assertEquals(TestDeliveries.sha256("github:pr_merged:Codertocat/Hello-World#2"), merged.id());
    }

    @Test
    void aClosedUnmergedPullRequestIsPrClosedAtCloseTime() {
        CommunityAction closed = Check.single(github("pull_request", corpusPayload("pull_request", 3)));
        assertEquals("pr_closed", closed.context().type());
        assertEquals("2019-05-15T15:21:18Z", closed.timestamp());
        assertEquals("OWNER", closed.context().authorAssociation());
        assertNull(closed.context().isFirstContribution());
    }

    @Test
    void firstTimersAndFirstTimeContributorsAreFlaggedAsFirstContributions() {
        ObjectNode issue = corpusPayload("issues", 15);
        ((ObjectNode) issue.get("issue")).put("author_association", "FIRST_TIMER").set("user", json(OCTOCAT));
        CommunityAction opened = Check.single(github("issues", issue));
        assertEquals("issue_opened", opened.context().type());
        assertEquals("github:583231", opened.actor());
        assertEquals("FIRST_TIMER", opened.context().authorAssociation());
        assertEquals(Boolean.TRUE, opened.context().isFirstContribution());

        ObjectNode pr = corpusPayload("pull_request", 0);
        ((ObjectNode) pr.get("pull_request")).put("author_association", "FIRST_TIME_CONTRIBUTOR").set("user", json(OCTOCAT));
        CommunityAction prOpened = Check.single(github("pull_request", pr));
        assertEquals(Boolean.TRUE, prOpened.context().isFirstContribution());
        assertEquals("github:583231", prOpened.context().threadAuthor());
    }

    @Test
    void botsAreMarkedByTypeOrByLogin() {
        ObjectNode byType = corpusPayload("issue_comment", 0);
        ((ObjectNode) byType.get("comment")).set("user", json("""
                {"login":"renovate","id":29139614,"type":"Bot"}"""));
        assertEquals("bot", Check.single(github("issue_comment", byType)).actorKind());

        ObjectNode byLogin = corpusPayload("pull_request", 0);
        ((ObjectNode) byLogin.get("pull_request")).set("user", json("""
                {"login":"dependabot[bot]","id":49699333,"type":"User"}"""));
        CommunityAction pr = Check.single(github("pull_request", byLogin));
        assertEquals("bot", pr.actorKind());
        assertEquals("github:49699333", pr.actor());

        assertEquals("user", Check.single(github("issue_comment", corpusPayload("issue_comment", 0))).actorKind());
    }

    @Test
    void aCommentShortenedForTheBusKeepsItsOriginalLength() {
        ObjectNode payload = corpusPayload("issue_comment", 0);
        ((ObjectNode) payload.get("comment")).put("body", "x".repeat(1000)).put("body__length", 4321);
        assertEquals(4321, Check.single(github("issue_comment", payload)).context().length());

        ObjectNode plain = corpusPayload("issue_comment", 0);
        ((ObjectNode) plain.get("comment")).put("body", "é".repeat(600));
        assertEquals(600, Check.single(github("issue_comment", plain)).context().length());
    }

    @Test
    void aClosedIssueCreditsWhoClosedItInTheIssueThread() {
        ObjectNode payload = corpusPayload("issues", 15);
        payload.put("action", "closed").set("sender", json(MAINTAINER));
        ((ObjectNode) payload.get("issue")).put("state", "closed").put("closed_at", "2019-05-16T08:00:00+02:00");

        CommunityAction closed = Check.single(github("issues", payload));

        assertEquals("issue_closed", closed.context().type());
        assertEquals("github:777", closed.actor());
        assertEquals("2019-05-16T06:00:00Z", closed.timestamp());
        assertEquals("github:21031067", closed.context().threadAuthor());
    }

    @Test
    void aCommentOnAPullRequestJoinsThePullRequestsThread() {
        ObjectNode payload = corpusPayload("issue_comment", 0);
        ObjectNode issue = (ObjectNode) payload.get("issue");
        issue.put("number", 2).set("pull_request", json("""
                {"url":"https://api.github.com/repos/Codertocat/Hello-World/pulls/2"}"""));
        ((ObjectNode) payload.get("comment")).set("user", json(MAINTAINER));

        CommunityAction comment = Check.single(github("issue_comment", payload));
        CommunityAction pr = Check.single(github("pull_request", corpusPayload("pull_request", 0)));

        assertEquals("comment", comment.context().type());
        assertEquals(pr.context().thread(), comment.context().thread());
        assertEquals("github:777", comment.actor());
    }

    @Test
    void reviewsCountWhenTheyApproveRequestChangesOrSaySomething() {
        ObjectNode approved = corpusPayload("pull_request_review", 0);
        ((ObjectNode) approved.get("review")).put("state", "approved");
        CommunityAction review = Check.single(github("pull_request_review", approved));
        assertEquals("pr_reviewed", review.context().type());
        assertEquals("2019-05-15T15:20:38Z", review.timestamp());
        assertEquals("github:Codertocat/Hello-World#2", review.context().thread());
        assertNull(review.context().length());

        ObjectNode withBody = corpusPayload("pull_request_review", 0);
        ((ObjectNode) withBody.get("review")).put("body", "Looks good");
        assertEquals(10, Check.single(github("pull_request_review", withBody)).context().length());

        // the corpus's own reviews are empty "commented" wrappers around line comments
        Check.ignored(github("pull_request_review", corpusPayload("pull_request_review", 0)));
    }

    @Test
    void aStarAndItsWatchAreOneActionAndUnstarringCountsNothing() {
        CommunityAction star = Check.single(github("star", corpusPayload("star", 0)));
        CommunityAction watch = Check.single(github("watch", corpusPayload("watch", 0)));
        assertEquals(star.id(), watch.id());
        assertEquals("starred", watch.context().type());
        Check.ignored(github("star", corpusPayload("star", 2)));
    }

    @Test
    void aRedeliveryGivesTheSameIdsWhateverItsDeliveryId() {
        ObjectNode payload = corpusPayload("pull_request_review_comment", 0);
        CommunityAction first = Check.single(github("pull_request_review_comment", payload, "guid-1"));
        CommunityAction again = Check.single(github("pull_request_review_comment", payload, "guid-2"));
        assertEquals(first.id(), again.id());
        assertEquals(first.withContext(again.context()), again, "only the delivery id differs");
        assertNotEquals(first.context().deliveryId(), again.context().deliveryId());
    }

    @Test
    void anAnswerChosenWithAnOffsetIsStampedInUtc() {
        CommunityAction answer = Check.single(github("discussion", corpusPayload("discussion", 1)));
        assertEquals("answer_accepted", answer.context().type());
        assertEquals("github:1253226", answer.actor()); // dan2wik wrote the answer; Codertocat chose it
        assertEquals("2021-03-30T23:17:18Z", answer.timestamp()); // 19:17:18-04:00
    }

    @Test
    void aWikiPushCountsOneEditPerPageRevision() {
        ObjectNode payload = corpusPayload("gollum", 0);
        ArrayNode pages = (ArrayNode) payload.get("pages");
        pages.add(json("""
                {"page_name":"Setup","title":"Setup","action":"created","sha":"0a1b2c","html_url":"https://github.com/Codertocat/Hello-World/wiki/Setup"}"""));
        pages.add(pages.get(0).deepCopy()); // the same revision listed twice

        List<Normalised> edits = Check.mapped(github("gollum", payload));

        assertEquals(List.of("github:docs_edited:Codertocat/Hello-World:Home:6bf911d3801dd1ef957fc6ade5a8d96429e7fa39",
                "github:docs_edited:Codertocat/Hello-World:Setup:0a1b2c"), edits.stream().map(Normalised::key).toList());
        assertTrue(edits.stream().allMatch(edit -> edit.action().actor().equals("github:9831992")));
    }

    @Test
    void aWikiDeliveryWithoutPagesIsIgnored() {
        ObjectNode payload = corpusPayload("gollum", 0);
        payload.putArray("pages");
        Check.ignored(github("gollum", payload));
    }

    @Test
    void editedAndDeletedCommentsNeverCountAgain() {
        for (int index : new int[] {5, 6, 7, 8}) {
            Outcome outcome = Check.ignored(github("issue_comment", corpusPayload("issue_comment", index)));
            assertEquals("edits and deletions never count twice", outcome.reason());
        }
    }

    @Test
    void aPayloadMissingWhatTheRuleNeedsIsUnmappableNotAnException() {
        ObjectNode noAuthor = corpusPayload("pull_request", 0);
        ((ObjectNode) noAuthor.get("pull_request")).remove("user");
        assertTrue(Check.unmappable(github("pull_request", noAuthor)).reason().contains("pull_request.user"));

        ObjectNode wrongShape = corpusPayload("pull_request", 0);
        wrongShape.putArray("pull_request");
        Check.unmappable(github("pull_request", wrongShape));

        ObjectNode badTime = corpusPayload("issue_comment", 0);
        ((ObjectNode) badTime.get("comment")).put("created_at", "yesterday");
        assertTrue(Check.unmappable(github("issue_comment", badTime)).reason().contains("comment.created_at"));
    }

    @Test
    void aDeliveryWithoutPayloadOrPlatformIsUnmappable() {
        Check.unmappable(new RawDelivery("github", "push", "d1", TestDeliveries.RECEIVED_AT, null, null, null));
        assertTrue(Check.unmappable(new RawDelivery("github", "push", "d1", TestDeliveries.RECEIVED_AT, null, null,
                "s3://bucket/key")).reason().contains("payload_ref"));
        Check.unmappable(new RawDelivery(null, "push", "d1", TestDeliveries.RECEIVED_AT, null, json("{}"), null));
        Check.unmappable(new RawDelivery("myspace", "post", "d1", TestDeliveries.RECEIVED_AT, null, json("{}"), null));
        Check.unmappable(null);
    }

    @Test
    void eventsWithNoTimeOfTheirOwnNeedTheArrivalTime() {
        RawDelivery noArrival = new RawDelivery("github", "watch", "d1", null, null, corpusPayload("watch", 0), null);
        assertTrue(Check.unmappable(noArrival).reason().contains("received_at"));
    }
}
