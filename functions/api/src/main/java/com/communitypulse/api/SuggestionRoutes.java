package com.communitypulse.api;

import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.store.SuggestionReader;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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
        Optional<Answer> unknown = QueryParameters.unknown(query, PARAMETERS, "this route");
        if (unknown.isPresent()) {
            return unknown.get();
        }
        OptionalInt limit = QueryParameters.limit(query, DEFAULT_LIMIT, SuggestionReader.MAX_LIMIT);
        if (limit.isEmpty()) {
            return QueryParameters.badLimit(DEFAULT_LIMIT, SuggestionReader.MAX_LIMIT);
        }
        String cursor = query.get("cursor");
        String after;
        try {
            after = cursor == null ? null : SuggestionReader.decodeCursor(cursor);
        } catch (IllegalArgumentException e) {
            return ApiRoutes.error(400, e.getMessage() + ": leave it out for the first page, then pass next");
        }
        return new Answer(200, reader.page(limit.getAsInt(), after).toString(), Answer.JSON, Map.of("Cache-Control", "no-store"));
    }
}
