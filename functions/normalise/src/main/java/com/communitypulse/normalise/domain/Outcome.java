package com.communitypulse.normalise.domain;

import com.communitypulse.shared.model.CommunityAction;
import java.util.List;

/**
 * What became of one delivery.
 *
 * @param status  MAPPED (one or more actions), IGNORED (by a taxonomy rule: nothing to count) or
 *                UNMAPPABLE (accepted by the webhook but missing what a rule needs: a bug, logged)
 * @param actions the actions, in order, without duplicates (empty unless MAPPED)
 * @param rule    the taxonomy rule that applied (null when none could)
 * @param reason  why nothing was made (null when MAPPED)
 */
public record Outcome(Status status, List<Normalised> actions, Rule rule, String reason) {

    public enum Status { MAPPED, IGNORED, UNMAPPABLE }

    static Outcome mapped(Rule rule, List<Normalised> actions) {
        return new Outcome(Status.MAPPED, List.copyOf(actions), rule, null);
    }

    static Outcome ignored(Rule rule, String reason) {
        return new Outcome(Status.IGNORED, List.of(), rule, reason);
    }

    static Outcome unmappable(Rule rule, String reason) {
        return new Outcome(Status.UNMAPPABLE, List.of(), rule, reason);
    }

    public List<CommunityAction> communityActions() {
        return actions.stream().map(Normalised::action).toList();
    }
}
