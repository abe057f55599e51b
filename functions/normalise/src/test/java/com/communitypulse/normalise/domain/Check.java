package com.communitypulse.normalise.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import java.util.List;

/** Assertions shared by the tests: every action they see must also satisfy the published schema. */
final class Check {
    private static final Normaliser DEFAULT = new Normaliser(NormaliserConfig.defaults());

    private Check() {
    }

    /** Normalises and insists on actions; every one validated against the schema. */
    static List<Normalised> mapped(RawDelivery delivery) {
        return mapped(DEFAULT, delivery);
    }

    static List<Normalised> mapped(Normaliser normaliser, RawDelivery delivery) {
        Outcome outcome = normaliser.normalise(delivery);
        if (outcome.status() != Outcome.Status.MAPPED) {
            fail("expected actions, got " + outcome.status() + ": " + outcome.reason());
        }
        outcome.actions().forEach(Check::valid);
        return outcome.actions();
    }

    static CommunityAction single(RawDelivery delivery) {
        List<Normalised> actions = mapped(delivery);
        assertEquals(1, actions.size(), "actions: " + actions);
        return actions.get(0).action();
    }

    static Outcome ignored(RawDelivery delivery) {
        return ignored(DEFAULT, delivery);
    }

    static Outcome ignored(Normaliser normaliser, RawDelivery delivery) {
        Outcome outcome = normaliser.normalise(delivery);
        assertEquals(Outcome.Status.IGNORED, outcome.status(), "reason: " + outcome.reason());
        assertTrue(outcome.actions().isEmpty());
        return outcome;
    }

    static Outcome unmappable(RawDelivery delivery) {
        return unmappable(DEFAULT, delivery);
    }

    static Outcome unmappable(Normaliser normaliser, RawDelivery delivery) {
        Outcome outcome = normaliser.normalise(delivery);
        assertEquals(Outcome.Status.UNMAPPABLE, outcome.status(), "reason: " + outcome.reason());
        assertTrue(outcome.actions().isEmpty());
        return outcome;
    }

    /** The action validates against the published JSON Schema and its id is the SHA-256 of its key. */
    static void valid(Normalised normalised) {
        List<String> problems = ActionSchema.get().problems(TestDeliveries.asJson(normalised.action()));
        assertEquals(List.of(), problems, "schema problems in " + normalised.action());
        assertEquals(TestDeliveries.sha256(normalised.key()), normalised.action().id(), "id of " + normalised.key());
    }
}
