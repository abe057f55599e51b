package com.communitypulse.normalise.domain;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One row of the taxonomy: which deliveries it takes, what it makes of them, and the words the
 * docs/taxonomy.md table shows for it. The normaliser applies the first rule that matches a delivery, so
 * the table (rendered from these rows) is exactly what the code does.
 *
 * @param platform  github | discourse | discord | slack | custom
 * @param events    platform event names it takes ({@link #ANY_EVENT} = every event)
 * @param when      the condition, in words (docs/taxonomy.md)
 * @param matches   the condition, in code
 * @param type      the action type produced, or null when the rule ignores the delivery
 * @param credited  who the action credits (docs/taxonomy.md), or why the delivery is ignored
 * @param timestamp where the action's time comes from (docs/taxonomy.md)
 * @param idKey     the readable key the id is hashed from, with {@code {placeholders}} (docs/taxonomy.md)
 * @param mapper    builds the actions (null for ignore rules)
 */
record Rule(String platform, List<String> events, String when, Predicate<Delivery> matches, String type,
            String credited, String timestamp, String idKey, Mapper mapper) {

    static final String ANY_EVENT = "*";
    /** The {@code type} of the custom rule, whose actions carry their own type. */
    static final String TYPE_AS_SENT = "as sent";

    /** Builds the actions of one delivery; throws {@link Unmappable} when the payload lacks what it needs. */
    @FunctionalInterface
    interface Mapper {
        List<Normalised> map(Delivery delivery) throws Unmappable;
    }

    boolean ignores() {
        return type == null;
    }

    boolean appliesTo(Delivery delivery) {
        return platform.equals(delivery.platform())
                && (events.contains(ANY_EVENT) || events.contains(delivery.event()))
                && matches.test(delivery);
    }

    static Builder on(String platform, String... events) {
        return new Builder(platform, List.of(events));
    }

    static final class Builder {
        private final String platform;
        private final List<String> events;
        private String when = "";
        private Predicate<Delivery> matches = delivery -> true;

        private Builder(String platform, List<String> events) {
            this.platform = platform;
            this.events = events;
        }

        Builder when(String description, Predicate<Delivery> condition) {
            this.when = description;
            this.matches = condition;
            return this;
        }

        /** Actions of type {@code type}. */
        Rule gives(String type, String credited, String timestamp, String idKey, Mapper mapper) {
            return new Rule(platform, events, when, matches, type, credited, timestamp, idKey, mapper);
        }

        /** Acknowledged, counted as ignored, never an action. */
        Rule ignore(String why) {
            return new Rule(platform, events, when, matches, null, why, null, null, null);
        }
    }

    /** Every event name this rule names, without the wildcard. */
    Set<String> namedEvents() {
        return Set.copyOf(events.stream().filter(event -> !ANY_EVENT.equals(event)).toList());
    }
}
