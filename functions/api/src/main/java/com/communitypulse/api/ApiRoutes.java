package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.domain.Identities;
import com.communitypulse.api.domain.ResponseCache;
import com.communitypulse.api.domain.ScoreExplainer;
import com.communitypulse.api.store.BackfillReader;
import com.communitypulse.api.store.BusFactorReader;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.api.store.HealthReader;
import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read API's routes: which route a request is for, its parameters checked (a 400 with the reason), the
 * answer read through the readers and kept in the {@link ResponseCache} (only 200s, for {@link #CACHE_TTL}).
 * {@link ApiHandler} turns an {@link Answer} into the HTTP response.
 */
final class ApiRoutes {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    /** {@code page} follows the cursors from the top: at most this many Queries for one answer. */
    static final int MAX_PAGE = 100;
    static final Duration CACHE_TTL = Duration.ofSeconds(5);

    /**
     * Status and body, as cached; a JSON body unless {@code contentType} says otherwise, and {@code headers} set
     * after the defaults (an export's {@code Cache-Control: no-store}, its {@code Link}).
     */
    record Answer(int status, String body, String contentType, Map<String, String> headers) {
        static final String JSON = "application/json";

        Answer(int status, String body) {
            this(status, body, JSON, Map.of());
        }
    }

    private static final java.util.regex.Pattern REPO = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9._-]{1,100})?");

    private final ContributorReader reader;
    private final ScoreExplainer explainer;
    private final BusFactorReader busFactor;
    private final HealthReader health;
    private final BackfillReader backfills;
    private final ExportRoutes exports;
    private final AdminRoutes admin;
    private final SuggestionRoutes suggestions;
    private final Clock clock;
    private final ResponseCache<Answer> cache;
    /** DASHBOARD_PUBLIC=true: /public/leaderboard and /public/contributors/{id} answer without a key. */
    private final boolean publicMode;

    ApiRoutes(ContributorReader reader, ScoreExplainer explainer, BusFactorReader busFactor, HealthReader health,
              BackfillReader backfills, ExportRoutes exports, AdminRoutes admin, SuggestionRoutes suggestions,
              Clock clock, boolean publicMode) {
        this.suggestions = suggestions;
        this.backfills = backfills;
        this.exports = exports;
        this.admin = admin;
        this.reader = reader;
        this.explainer = explainer;
        this.busFactor = busFactor;
        this.health = health;
        this.clock = clock;
        this.publicMode = publicMode;
        this.cache = new ResponseCache<>(clock, CACHE_TTL, 1000, answer -> answer.status() == 200);
    }

    /** The answer to a read-API request (the dashboard's page and assets are served before this). */
    Answer route(APIGatewayProxyRequestEvent request) {
        String method = request.getHttpMethod() == null ? "GET" : request.getHttpMethod().toUpperCase(Locale.ROOT);
        String path = request.getPath() == null ? "" : request.getPath();
        String resource = request.getResource() == null ? path : request.getResource();
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        boolean explain = resource.equals("/contributors/{id}/explain")
                || (path.startsWith("/contributors/") && path.endsWith("/explain"));
        boolean contributor = !explain && (resource.equals("/contributors/{id}") || path.startsWith("/contributors/"));
        boolean leaderboard = resource.equals("/leaderboard") || path.equals("/leaderboard");
        boolean bus = resource.equals("/bus-factor") || path.equals("/bus-factor");
        boolean healthRoute = resource.equals("/health") || path.equals("/health");
        boolean publicRoute = resource.startsWith("/public/") || path.startsWith("/public/");
        boolean activity = resource.equals("/contributors/{id}/activity")
                || (path.startsWith("/contributors/") && path.endsWith("/activity"));
        if (ExportRoutes.handles(path, resource)) {
            return exports.route(method, path, request); // never cached: each page is read when asked for
        }
        if (SuggestionRoutes.handles(path, resource)) {
            return suggestions.route(method, query); // never cached: an accepted pair must drop out at once
        }
        if (AdminRoutes.handles(path, resource)) {
            return admin.route(method, path, request); // a write: never cached
        }
        if (publicRoute) {
            return publicRoute(method, path, resource, request, query);
        }
        if (healthRoute) {
            return method.equals("GET") ? health(query.get("weeks")) : error(405, "only GET is supported");
        }
        if (resource.equals("/backfill") || path.equals("/backfill")) {
            // not cached: an operator watching a backfill wants this moment's state
            return method.equals("GET") ? new Answer(200, backfills.read().toString()) : error(405, "only GET is supported");
        }
        if (activity) {
            if (!method.equals("GET")) {
                return error(405, "only GET is supported");
            }
            String raw = request.getPathParameters() != null && request.getPathParameters().get("id") != null
                    ? request.getPathParameters().get("id")
                    : path.substring("/contributors/".length(), path.length() - "/activity".length());
            String id = Identities.decode(raw);
            if (!Identities.valid(id)) {
                return error(400, "contributor id must be platform:id or platform:@login, e.g. github:583231");
            }
            return cache.get("activity " + id, () -> reader.activity(id)
                    .map(body -> new Answer(200, body.toString()))
                    .orElseGet(() -> error(404, "no contributor " + id)));
        }
        if (!contributor && !leaderboard && !explain && !bus) {
            return error(404, "no such route: " + path);
        }
        if (!method.equals("GET")) {
            return error(405, "only GET is supported");
        }
        if (bus) {
            return busFactor(query.get("repo"));
        }
        if (contributor || explain) {
            String raw = request.getPathParameters() != null && request.getPathParameters().get("id") != null
                    ? request.getPathParameters().get("id")
                    : path.substring("/contributors/".length(), path.length() - (explain ? "/explain".length() : 0));
            String id = Identities.decode(raw);
            if (!Identities.valid(id)) {
                return error(400, "contributor id must be platform:id or platform:@login, e.g. github:583231");
            }
            if (explain) {
                return cache.get("explain " + id, () -> reader.profileItem(id)
                        .map(profile -> new Answer(200, explainer.explain(profile,
                                java.time.YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC))).toString()))
                        .orElseGet(() -> error(404, "no contributor " + id)));
            }
            return cache.get("contributor " + id, () -> reader.contributor(id, clock.instant())
                    .map(body -> new Answer(200, body.toString()))
                    .orElseGet(() -> error(404, "no contributor " + id)));
        }
        return leaderboard(query);
    }

    private Answer leaderboard(Map<String, String> query) {
        String periodText = query.getOrDefault("period", "all");
        ContributorReader.Period period;
        try {
            period = ContributorReader.Period.valueOf(periodText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(400, "period must be week, month or all");
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        String cursor = query.get("cursor");
        int page;
        try {
            page = query.containsKey("page") ? Integer.parseInt(query.get("page").trim()) : 1;
        } catch (NumberFormatException e) {
            page = -1;
        }
        if (page < 1 || page > MAX_PAGE) {
            return error(400, "page must be a whole number from 1 to " + MAX_PAGE + " (deeper: follow next with cursor)");
        }
        if (page > 1 && cursor != null) {
            return error(400, "give page or cursor, not both");
        }
        int pageNumber = page;
        String key = "leaderboard " + new TreeMap<>(Map.of("period", period.name(), "limit", Integer.toString(limit),
                "cursor", cursor == null ? "" : cursor, "page", Integer.toString(pageNumber)));
        return cache.get(key, () -> {
            try {
                java.time.Instant now = clock.instant();
                ObjectNode body = reader.leaderboard(period, limit, cursor, now);
                // page N: follow the cursors from the top, one Query of `limit` items per page
                for (int p = 2; p <= pageNumber; p++) {
                    String next = body.path("next").isTextual() ? body.path("next").asText() : null;
                    if (next == null) {
                        int pages = p - 1;
                        return error(404, "page " + pageNumber + " is past the end of the " + period.name().toLowerCase(Locale.ROOT)
                                + " board: it has " + pages + " page" + (pages == 1 ? "" : "s") + " of " + limit);
                    }
                    body = reader.leaderboard(period, limit, next, now);
                }
                if (pageNumber > 1 && body.path("items").isEmpty()) {
                    return error(404, "page " + pageNumber + " is past the end of the " + period.name().toLowerCase(Locale.ROOT) + " board");
                }
                body.put("page", pageNumber);
                int rank = cursor == null ? (pageNumber - 1) * limit : -1;
                if (rank >= 0) {
                    for (var item : body.withArray("items")) {
                        ((ObjectNode) item).put("rank", ++rank);
                    }
                }
                return new Answer(200, body.toString());
            } catch (IllegalArgumentException e) {
                return error(400, e.getMessage());
            }
        });
    }

    private Answer health(String weeksText) {
        int weeks;
        try {
            weeks = weeksText == null ? HealthReader.DEFAULT_WEEKS : Integer.parseInt(weeksText.trim());
        } catch (NumberFormatException e) {
            weeks = -1;
        }
        if (weeks < 1 || weeks > HealthReader.MAX_WEEKS) {
            return error(400, "weeks must be a whole number from 1 to " + HealthReader.MAX_WEEKS);
        }
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int n = weeks;
        return cache.get("health " + n, () -> new Answer(200, health.read(n, now).toString()));
    }

    /**
     * The dashboard's public mode (template parameter DashboardPublicMode): the leaderboard and public profiles
     * (id, login, platform, score, tier: what the platforms already show) without an API key. Off by default:
     * then these routes are a 404 that says so.
     */
    private Answer publicRoute(String method, String path, String resource, APIGatewayProxyRequestEvent request,
                               Map<String, String> query) {
        if (!method.equals("GET")) {
            return error(405, "only GET is supported");
        }
        if (!publicMode) {
            return error(404, "public mode is off (template parameter DashboardPublicMode=false): use the read API with its key");
        }
        if (resource.equals("/public/leaderboard") || path.equals("/public/leaderboard")) {
            return leaderboard(query);
        }
        if (resource.equals("/public/contributors/{id}") || path.startsWith("/public/contributors/")) {
            String raw = request.getPathParameters() != null && request.getPathParameters().get("id") != null
                    ? request.getPathParameters().get("id") : path.substring("/public/contributors/".length());
            String id = Identities.decode(raw);
            if (!Identities.valid(id)) {
                return error(400, "contributor id must be platform:id or platform:@login, e.g. github:583231");
            }
            return cache.get("public " + id, () -> reader.contributor(id, clock.instant())
                    .map(full -> {
                        ObjectNode body = Json.mapper().createObjectNode();
                        body.put("id", full.path("id").asText()).put("login", full.path("login").asText())
                                .put("platform", full.path("platform").asText());
                        body.set("score", full.get("score"));
                        body.put("tier", full.path("tier").asText(null));
                        body.put("public", true);
                        return new Answer(200, body.toString());
                    })
                    .orElseGet(() -> error(404, "no contributor " + id)));
        }
        return error(404, "no such route: " + path);
    }

    private Answer busFactor(String repo) {
        if (repo != null && !REPO.matcher(repo).matches()) {
            return error(400, "repo must be owner/name (or a platform name for activity without a repository), e.g. octo-org/hello-world");
        }
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return cache.get("bus-factor " + (repo == null ? "" : repo), () -> busFactor.read(repo, now)
                .map(body -> new Answer(200, body.toString()))
                .orElseGet(() -> error(404, "no contributions to " + repo + " in the "
                        + BusFactor.WINDOW.toDays() + " days")));
    }

    static Answer error(int status, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", message);
        return new Answer(status, body.toString());
    }
}
