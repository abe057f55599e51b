package com.communitypulse.api;

import com.communitypulse.api.ApiRoutes.Answer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** The checks the paged admin routes make of their query string, with the same 400 answers. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** A 400 naming the parameters {@code route} does not take, or empty when there are none. */
    static Optional<Answer> unknown(Map<String, String> query, Set<String> allowed, String route) {
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(allowed);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ApiRoutes.error(400, "unknown parameter " + String.join(", ", unknown) + ": " + route
                + " takes " + String.join(", ", new TreeSet<>(allowed))));
    }

    /** {@code limit}, 1 to {@code max} ({@code fallback} when absent), or empty when it is anything else. */
    static OptionalInt limit(Map<String, String> query, int fallback, int max) {
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit").trim()) : fallback;
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        return limit < 1 || limit > max ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** The 400 for a bad {@code limit}. */
    static Answer badLimit(int fallback, int max) {
        return ApiRoutes.error(400, "limit must be a whole number from 1 to " + max + " (default " + fallback + ")");
    }
}
