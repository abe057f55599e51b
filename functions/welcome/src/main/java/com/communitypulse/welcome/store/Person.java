package com.communitypulse.welcome.store;

import java.util.Map;
import java.util.Set;

/**
 * Who is behind an identity, as the scorer left it.
 *
 * @param id         the person's id (the first identity seen)
 * @param identities every identity of the person known so far, this one included
 * @param welcomedAt the profile's {@code welcomed_at}; null when the person was never welcomed
 * @param counts     the profile's count per action type ({@code c_<type>}); empty when the scorer has not
 *                   written the profile yet
 * @param erased     the identity carries an erasure marker
 */
public record Person(String id, Set<String> identities, String welcomedAt, Map<String, Long> counts, boolean erased) {
    public Person {
        identities = Set.copyOf(identities);
        counts = Map.copyOf(counts);
    }

    public boolean welcomed() {
        return welcomedAt != null;
    }

    /** The profile's count of one action type, 0 when absent. */
    public long count(String type) {
        return counts.getOrDefault(type, 0L);
    }
}
