package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.corpusPayload;
import static com.communitypulse.normalise.domain.TestDeliveries.github;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** context.reactions and context.references (docs/signal.md), each validated against the schema by Check. */
class GitHubThreadSignalsTest {

    @Test
    void anIssueCarriesItsReactionTotal() {
        ObjectNode payload = corpusPayload("issues", 15);
        ((ObjectNode) payload.get("issue").get("reactions")).put("total_count", 4);
        assertEquals(4, Check.single(github("issues", payload)).context().reactions());
    }

    @Test
    void aCommentCarriesItsOwnReactionTotalAndTheIssuesItNames() {
        ObjectNode payload = corpusPayload("issue_comment", 0);
        ObjectNode comment = (ObjectNode) payload.get("comment");
        comment.putObject("reactions").put("total_count", 3);
        comment.put("body", "Same as #12, fixes #7 and resolves #12; see page#9, other/repo#5 and &#39;.");
        CommunityAction action = Check.single(github("issue_comment", payload));
        String repo = action.context().repo();
        assertEquals(3, action.context().reactions());
        assertEquals(List.of(repo + "#12", repo + "#7"), action.context().references());
    }

    @Test
    void aPullRequestBodyNamesAtMostTenIssues() {
        ObjectNode payload = corpusPayload("pull_request", 0);
        String body = String.join(" ", IntStream.rangeClosed(1, 12).mapToObj(n -> "closes #" + n).toList());
        ((ObjectNode) payload.get("pull_request")).put("body", body);
        CommunityAction action = Check.single(github("pull_request", payload));
        assertEquals(10, action.context().references().size());
        assertEquals(action.context().repo() + "#1", action.context().references().get(0));
    }

    @Test
    void noReactionsObjectAndNoReferencesLeaveTheFieldsOut() {
        ObjectNode payload = corpusPayload("issue_comment", 0);
        ObjectNode comment = (ObjectNode) payload.get("comment");
        comment.remove("reactions");
        comment.put("body", "no numbers here");
        CommunityAction action = Check.single(github("issue_comment", payload));
        assertNull(action.context().reactions());
        assertNull(action.context().references());
    }
}
