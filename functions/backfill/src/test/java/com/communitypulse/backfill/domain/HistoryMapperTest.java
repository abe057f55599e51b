package com.communitypulse.backfill.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.normalise.domain.Outcome;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.testkit.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History through the very normaliser the webhooks go through: the REST item of a thing GitHub also sent as a
 * webhook (the repository's sample deliveries in events/github) gives the same action, id and all, only marked
 * {@code origin: backfill}; so the scorer's action-id guard counts it once whichever arrives first.
 */
class HistoryMapperTest {
    static final Normaliser NORMALISER = new Normaliser(NormaliserConfig.defaults());
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    static List<CommunityAction> normalise(RawDelivery delivery) {
        Outcome outcome = NORMALISER.normalise(delivery);
        assertEquals(Outcome.Status.MAPPED, outcome.status(), () -> "mapped: " + outcome.reason());
        return outcome.communityActions();
    }

    static CommunityAction live(String sample, String event) throws Exception {
        JsonNode payload = Json.mapper().readTree(Fixtures.event("github/" + sample));
        List<CommunityAction> actions = normalise(new RawDelivery("github", event, "live-1", NOW.toString(),
                Map.of("x-github-event", event), payload, null));
        assertEquals(1, actions.size());
        return actions.get(0);
    }

    /** The action without what may differ by route: the delivery id and the origin. */
    static CommunityAction comparable(CommunityAction action) {
        var c = action.context();
        return action.withContext(new com.communitypulse.shared.model.ActionContext(c.platform(), c.type(), c.repo(),
                c.impactScore(), c.url(), c.length(), c.isFirstContribution(), c.authorAssociation(), c.thread(),
                c.threadAuthor(), c.target(), null, null));
    }

    static JsonNode repository(JsonNode livePayload) {
        return HistoryMapper.repository(livePayload.get("repository"));
    }

    @Test
    void anIssueFromTheListIsTheSameActionAsItsOpenedWebhook() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/issues.opened.json"));
        CommunityAction live = live("issues.opened.json", "issues");
        List<RawDelivery> history = HistoryMapper.issue(webhook.get("issue"), repository(webhook), NOW);
        assertEquals(1, history.size());
        assertEquals(RawDelivery.BACKFILL, history.get(0).origin());
        CommunityAction backfilled = normalise(history.get(0)).get(0);
        assertEquals(live.id(), backfilled.id());
        assertEquals(comparable(live), comparable(backfilled));
        assertEquals("backfill", backfilled.context().origin());
        assertNull(live.context().origin());
    }

    @Test
    void aMergedPullRequestGivesTheOpenedAndMergedActionsOfItsWebhooks() throws Exception {
        JsonNode merged = Json.mapper().readTree(Fixtures.event("github/pull_request.merged.json"));
        CommunityAction liveMerged = live("pull_request.merged.json", "pull_request");
        JsonNode pr = merged.get("pull_request");
        // the PR as GET /repos/{o}/{r}/issues lists it: an issue with pull_request {html_url, merged_at}
        ObjectNode item = Json.mapper().createObjectNode();
        for (String field : List.of("id", "number", "title", "user", "state", "created_at", "updated_at", "closed_at",
                "author_association")) {
            item.set(field, pr.get(field));
        }
        item.put("html_url", pr.get("html_url").asText());
        item.putObject("pull_request").put("html_url", pr.get("html_url").asText()).set("merged_at", pr.get("merged_at"));
        List<RawDelivery> history = HistoryMapper.issue(item, repository(merged), NOW);
        assertEquals(List.of("pull_request", "pull_request"), history.stream().map(RawDelivery::event).toList());
        CommunityAction opened = normalise(history.get(0)).get(0);
        CommunityAction mergedAction = normalise(history.get(1)).get(0);
        assertEquals("pr_opened", opened.context().type());
        assertEquals(liveMerged.id(), mergedAction.id());
        assertEquals(comparable(liveMerged), comparable(mergedAction));
        assertEquals(pr.get("created_at").asText().replace(".000", ""), opened.timestamp(), "its real time");
    }

    @Test
    void aCommentIsTheSameActionAsItsCreatedWebhookOnTheSameThread() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/issue_comment.created.json"));
        CommunityAction live = live("issue_comment.created.json", "issue_comment");
        JsonNode issue = webhook.get("issue");
        HistoryMapper.Author author = HistoryMapper.author(issue);
        ObjectNode comment = webhook.get("comment").deepCopy();
        comment.put("issue_url", issue.get("url").asText());
        CommunityAction backfilled = normalise(HistoryMapper.comment(comment, author, repository(webhook), NOW)).get(0);
        assertEquals(live.id(), backfilled.id());
        assertEquals(comparable(live), comparable(backfilled));
        assertEquals(issue.get("number").asLong(), HistoryMapper.issueNumber(comment).orElseThrow());
    }

    @Test
    void aLongCommentKeepsItsLengthWhileItsBodyIsCut() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/issue_comment.created.json"));
        ObjectNode comment = webhook.get("comment").deepCopy();
        comment.put("body", "y".repeat(5000));
        RawDelivery delivery = HistoryMapper.comment(comment, HistoryMapper.author(webhook.get("issue")), repository(webhook), NOW);
        assertEquals(HistoryMapper.MAX_BODY, delivery.payload().path("comment").path("body").asText().length());
        assertEquals(5000, normalise(delivery).get(0).context().length());
    }

    @Test
    void aStargazerIsAStarAtItsStarredAt() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/issues.opened.json"));
        ObjectNode stargazer = Json.mapper().createObjectNode();
        stargazer.put("starred_at", "2025-03-04T05:06:07Z");
        stargazer.set("user", webhook.get("sender"));
        CommunityAction star = normalise(HistoryMapper.star(stargazer, repository(webhook), NOW)).get(0);
        assertEquals("starred", star.context().type());
        assertEquals("2025-03-04T05:06:07Z", star.timestamp());
        assertEquals("github:" + webhook.get("sender").get("id").asText(), star.actor());
    }

    @Test
    void eachDeliveryKnowsWhenItsActionHappenedForAnIncrementalRunsWindow() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/issues.opened.json"));
        RawDelivery opened = HistoryMapper.issue(webhook.get("issue"), repository(webhook), NOW).get(0);
        assertEquals(Instant.parse(webhook.get("issue").get("created_at").asText()), HistoryMapper.happenedAt(opened));
        ObjectNode stargazer = Json.mapper().createObjectNode().put("starred_at", "2025-03-04T05:06:07Z");
        stargazer.set("user", webhook.get("sender"));
        assertEquals(Instant.parse("2025-03-04T05:06:07Z"),
                HistoryMapper.happenedAt(HistoryMapper.star(stargazer, repository(webhook), NOW)));
    }

    @Test
    void anItemWithoutItsFieldsIsRefusedWhole() {
        ObjectNode item = Json.mapper().createObjectNode().put("number", 3);
        assertThrows(HistoryMapper.MalformedItem.class, () -> HistoryMapper.issue(item, item, NOW));
    }

    @Test
    void aReviewCommentFromThePullsListIsTheSameActionAsItsWebhook() throws Exception {
        JsonNode webhook = Json.mapper().readTree(Fixtures.event("github/pull_request_review_comment.created.json"));
        CommunityAction live = live("pull_request_review_comment.created.json", "pull_request_review_comment");
        JsonNode pr = webhook.get("pull_request");
        HistoryMapper.Author parent = new HistoryMapper.Author(pr.get("number").asLong(), pr.get("user").get("id").asLong(),
                pr.get("user").get("login").asText(), "User", true);
        JsonNode item = webhook.get("comment"); // GET /pulls/comments lists the very object, pull_request_url and all
        assertEquals(java.util.Optional.of(pr.get("number").asLong()), HistoryMapper.pullNumber(item));
        CommunityAction backfilled = normalise(HistoryMapper.reviewComment(item, parent, repository(webhook), NOW)).get(0);
        assertEquals(live.id(), backfilled.id());
        assertEquals(comparable(live), comparable(backfilled));
        assertEquals("backfill", backfilled.context().origin());
    }

    @Test
    void aReviewFromAPullsReviewsIsTheSameActionAsItsSubmittedWebhookAndAPendingOneIsNoAction() throws Exception {
        ObjectNode webhook = (ObjectNode) Json.mapper().readTree(Fixtures.event("github/pull_request_review.submitted.json"));
        ((ObjectNode) webhook.get("review")).put("state", "approved"); // the sample is an empty commented one (ignored)
        CommunityAction live = normalise(new RawDelivery("github", "pull_request_review", "live-2", NOW.toString(),
                Map.of("x-github-event", "pull_request_review"), webhook, null)).get(0);
        // GET /pulls/{n}/reviews: the same review, its state in capitals; GET /pulls: the PR
        ObjectNode rest = webhook.get("review").deepCopy();
        rest.put("state", "APPROVED");
        RawDelivery history = HistoryMapper.review(rest, webhook.get("pull_request"), repository(webhook), NOW).orElseThrow();
        CommunityAction backfilled = normalise(history).get(0);
        assertEquals("pr_reviewed", backfilled.context().type());
        assertEquals(live.id(), backfilled.id());
        assertEquals(comparable(live), comparable(backfilled));
        assertEquals(Instant.parse(webhook.get("review").get("submitted_at").asText()), HistoryMapper.happenedAt(history));

        ObjectNode pending = rest.deepCopy();
        pending.put("state", "PENDING").remove("submitted_at");
        assertEquals(java.util.Optional.empty(), HistoryMapper.review(pending, webhook.get("pull_request"), repository(webhook), NOW),
                "a pending review is not submitted: nobody's act yet");
        ObjectNode wrapper = rest.deepCopy();
        wrapper.put("state", "COMMENTED").putNull("body");
        assertEquals(Outcome.Status.IGNORED, NORMALISER.normalise(HistoryMapper.review(wrapper, webhook.get("pull_request"),
                repository(webhook), NOW).orElseThrow()).status(), "the wrapper of line comments, ignored as it is live");
    }
}
