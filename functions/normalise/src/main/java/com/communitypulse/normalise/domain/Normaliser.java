package com.communitypulse.normalise.domain;

import com.communitypulse.shared.model.RawDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps one raw delivery to zero or more {@code community.action}s by the first {@link Taxonomy}
 * rule that matches it. Never throws: whatever it cannot map is an {@link Outcome} the caller
 * logs and counts.
 */
public final class Normaliser {
    private final List<Rule> rules;

    public Normaliser(NormaliserConfig config) {
        this.rules = Taxonomy.rules(config);
    }

    public Outcome normalise(RawDelivery raw) {
        if (raw == null || raw.platform() == null || raw.event() == null) {
            return Outcome.unmappable(null, "delivery without platform or event");
        }
        if (raw.payload() == null || raw.payload().isNull()) {
            return Outcome.unmappable(null, raw.payloadRef() != null
                    ? "payload stored by reference (payload_ref), which the normaliser does not read"
                    : "delivery without payload");
        }
        Delivery delivery = new Delivery(raw.platform(), raw.event(), raw.deliveryId(), receivedAt(raw.receivedAt()),
                raw.headers(), raw.payload(), RawDelivery.BACKFILL.equals(raw.origin()) ? RawDelivery.BACKFILL : null);
        Rule rule = null;
        try {
            rule = rules.stream().filter(candidate -> candidate.appliesTo(delivery)).findFirst().orElse(null);
            if (rule == null) {
                return Outcome.unmappable(null, "unknown platform " + raw.platform());
            }
            if (rule.ignores()) {
                return Outcome.ignored(rule, rule.credited());
            }
            List<Normalised> actions = distinct(rule.mapper().map(delivery));
            if (actions.isEmpty()) {
                return Outcome.ignored(rule, "the delivery names nothing to count");
            }
            for (Normalised action : actions) {
                // the published contract holds for every action, whatever odd values a payload carries
                List<String> problems = ActionSchema.get().problems(ActionJson.tree(action.action()));
                if (!problems.isEmpty()) {
                    return Outcome.unmappable(rule, "a " + action.action().context().type()
                            + " action would not match the community.action schema: " + problems);
                }
            }
            return Outcome.mapped(rule, actions);
        } catch (Unmappable e) {
            return Outcome.unmappable(rule, e.getMessage());
        } catch (RuntimeException e) {
            // a payload shape no rule expected: a bug to fix, not a delivery to retry forever
            return Outcome.unmappable(rule, "unexpected payload shape (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One action per id (a wiki push can list the same page revision twice). */
    private static List<Normalised> distinct(List<Normalised> actions) {
        Set<String> seen = new HashSet<>();
        List<Normalised> unique = new ArrayList<>();
        for (Normalised action : actions) {
            if (seen.add(action.action().id())) {
                unique.add(action);
            }
        }
        return unique;
    }

    private static Instant receivedAt(String text) {
        return Times.parse(text);
    }
}
