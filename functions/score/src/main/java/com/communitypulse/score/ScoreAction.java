package com.communitypulse.score;

import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import java.util.Map;
import java.util.Set;

/**
 * The score function's first job, for a {@code community.action} envelope: drop an erased person's action,
 * score the rest ({@link ScoringService}) and count what happened. An envelope whose {@code detail} is not an
 * action throws {@link ScoringService.InvalidActionException} (it lands in the DLQ, nothing is lost).
 */
public final class ScoreAction {
    private final ScoringService service;
    /** Erased people's identities: their later actions are dropped (docs/scoring.md, Right to be forgotten); null = none. */
    private final ErasedIdentities erased;
    private final ScoreMetrics metrics;

    public ScoreAction(ScoringService service, ErasedIdentities erased, ScoreMetrics metrics) {
        this.service = service;
        this.erased = erased;
        this.metrics = metrics;
    }

    public void run(Map<String, Object> envelope) {
        Object detail = envelope == null ? null : envelope.get("detail");
        if (!(detail instanceof Map<?, ?>)) {
            throw new ScoringService.InvalidActionException("the EventBridge envelope has no detail object");
        }
        CommunityAction action;
        try {
            action = Json.mapper().convertValue(detail, CommunityAction.class);
        } catch (IllegalArgumentException e) {
            throw new ScoringService.InvalidActionException("detail does not map to community.action: " + e.getMessage());
        }
        String threadAuthor = action.context() == null ? null : action.context().threadAuthor();
        Set<String> gone = erased == null || action.actor() == null ? Set.of() : erased.among(action.actor(), threadAuthor);
        if (gone.contains(action.actor())) {
            metrics.actionDroppedErased(); // acknowledged; neither recorded nor published
            return;
        }
        if (threadAuthor != null && gone.contains(threadAuthor)) {
            // someone answers an erased person's thread: scored, but the author is not written back
            action = action.withContext(action.context().withThreadAuthor(null));
        }
        ScoringService.Result result = service.handle(action);
        metrics.actionScored(result.recorded(), result.attempts(), result.published().size());
    }
}
