package com.communitypulse.api;

import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.store.SuggestionReader;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /admin/identities/suggestions?limit=&cursor=}: pairs of people that are probably one, for a maintainer to
 * accept (docs/admin.md, Suggestions). Read only; never cached (a pair accepted a moment ago must drop out).
 */
final class SuggestionRoutes {
    static final String PATH = "/admin/identities/suggestions";
    static final int DEFAULT_LIMIT = 20;
    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");

    private final SuggestionReader reader;

    SuggestionRoutes(SuggestionReader reader) {
        this.reader = reader;
    }

    static boolean handles(String path, String resource) {
        return PATH.equals(resource) || PATH.equals(path);
    }

    Answer route(String method, Map<String, String> query) {
        if (!method.equals("GET")) {
            return ApiRoutes.error(405, "only GET is supported");
        }
        Set<String> unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            return ApiRoutes.error(400, "unknown parameter " + String.join(", ", unknown) + ": this route takes cursor, limit");
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit").trim()) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > SuggestionReader.MAX_LIMIT) {
            return ApiRoutes.error(400, "limit must be a whole number from 1 to " + SuggestionReader.MAX_LIMIT
                    + " (default " + DEFAULT_LIMIT + ")");
        }
        String cursor = query.get("cursor");
        String after;
        try {
            after = cursor == null ? null : SuggestionReader.decodeCursor(cursor);
        } catch (IllegalArgumentException e) {
            return ApiRoutes.error(400, e.getMessage() + ": leave it out for the first page, then pass next");
        }
        return new Answer(200, reader.page(limit, after).toString(), Answer.JSON, Map.of("Cache-Control", "no-store"));
    }
}
