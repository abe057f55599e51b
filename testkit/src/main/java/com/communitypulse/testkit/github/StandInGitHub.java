package com.communitypulse.testkit.github;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for GitHub's REST API at the HTTP level (JDK HttpServer) with one repository of generated history:
 * issues and PRs (merged, closed, open), comments, stargazers, and with {@link #withReviews} PRs' reviews and
 * review comments. It pages by {@code Link} ({@code next}, {@code last}),
 * applies {@code since} inclusively and orders by {@code updated_at} as GitHub does, answers {@code If-None-Match}
 * with a free 304, keeps a rate limit ({@code x-ratelimit-*}; 403 with remaining 0 when spent), and can fail on
 * purpose: one secondary-limit 403 with {@code Retry-After}, one 502, a page that is not JSON. With {@link #asApp}
 * it is a GitHub App's view instead: the app's endpoints (JWT), and installation tokens in place of {@link #TOKEN}.
 */
public final class StandInGitHub implements AutoCloseable {
    static {
        // the JDK server writes headers and body apart; with Nagle on, each answer waits ~40 ms for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    public static final String TOKEN = "ghp_standIn";
    public final String repository;
    private final HttpServer server;
    private final List<ObjectNode> issues = new ArrayList<>();
    private final List<ObjectNode> comments = new ArrayList<>();
    private final List<ObjectNode> stars = new ArrayList<>();
    private final Map<Long, List<ObjectNode>> reviews = new LinkedHashMap<>();
    private final List<ObjectNode> reviewComments = new ArrayList<>();
    private int people = 1;
    private int limit = 5000;
    private int remaining = 5000;
    private long reset = Instant.now().plusSeconds(3600).getEpochSecond();
    /** Requests GitHub would count against the limit (not 304s, not /rate_limit). */
    public final AtomicInteger counted = new AtomicInteger();
    public final AtomicInteger unchanged = new AtomicInteger();
    public final List<String> paths = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The {@code Authorization} of each request for the repository's data (the app's endpoints' are in {@link App}). */
    public final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile App app;
    private volatile Predicate<String> secondaryLimitOnce;
    private volatile Predicate<String> badGatewayOnce;
    private volatile Predicate<String> malformed;

    public StandInGitHub(String repository) throws IOException {
        this.repository = repository;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Generates history: {@code issueCount} issues and PRs (every third a PR: merged, closed unmerged, open in turn),
     * {@code commentsEach} comments on every other one, {@code starCount} stars; {@code tied} issues share one
     * {@code updated_at} second (so a page's worth of them tests the cursor). Users are 1..{@code people}.
     */
    public StandInGitHub generate(int issueCount, int commentsEach, int starCount, int people, int tied) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        this.people = people;
        long commentId = 9_000_000;
        for (int n = 1; n <= issueCount; n++) {
            Instant created = start.plusSeconds(n * 3600L);
            Instant updated = n <= tied ? start.plusSeconds(7_000_000) : created.plusSeconds(1800);
            ObjectNode issue = Json.mapper().createObjectNode();
            issue.put("id", 5_000_000L + n).put("number", n).put("title", "thing " + n)
                    .put("html_url", "https://github.com/" + repository + (n % 3 == 0 ? "/pull/" : "/issues/") + n)
                    .put("created_at", created.toString()).put("updated_at", updated.toString())
                    .put("author_association", "NONE");
            issue.set("user", user(1 + n % people));
            boolean pr = n % 3 == 0;
            int kind = (n / 3) % 3;
            issue.put("state", pr && kind == 2 ? "open" : n % 2 == 0 ? "closed" : "open");
            if (pr) {
                ObjectNode links = issue.putObject("pull_request");
                links.put("html_url", "https://github.com/" + repository + "/pull/" + n);
                if (kind == 0) {
                    links.put("merged_at", created.plusSeconds(600).toString());
                    issue.put("state", "closed");
                    issue.put("closed_at", created.plusSeconds(600).toString());
                } else {
                    links.putNull("merged_at");
                    if (kind == 1) {
                        issue.put("state", "closed");
                        issue.put("closed_at", created.plusSeconds(900).toString());
                    }
                }
            }
            issues.add(issue);
            if (n % 2 == 1) {
                for (int c = 0; c < commentsEach; c++) {
                    ObjectNode comment = Json.mapper().createObjectNode();
                    Instant at = created.plusSeconds(60L * (c + 1));
                    comment.put("id", ++commentId).put("html_url", "https://github.com/" + repository + "/issues/" + n
                            + "#issuecomment-" + commentId)
                            .put("issue_url", "https://api.github.com/repos/" + repository + "/issues/" + n)
                            .put("created_at", at.toString()).put("updated_at", at.toString())
                            .put("author_association", "CONTRIBUTOR").put("body", "x".repeat(c == 0 ? 1200 : 40));
                    comment.set("user", user(1 + (n + c + 1) % people));
                    comments.add(comment);
                }
            }
        }
        for (int s = 1; s <= starCount; s++) {
            ObjectNode star = Json.mapper().createObjectNode();
            star.put("starred_at", start.plusSeconds(s * 600L).toString());
            star.set("user", user(10_000 + s));
            stars.add(star);
        }
        issues.sort(Comparator.comparing((ObjectNode i) -> i.get("updated_at").asText()).thenComparing(i -> i.get("id").asLong()));
        comments.sort(Comparator.comparing((ObjectNode i) -> i.get("updated_at").asText()).thenComparing(i -> i.get("id").asLong()));
        return this;
    }

    /** Review states in turn; a pending review is not submitted yet, an empty {@code COMMENTED} one wraps line comments. */
    static final List<String> REVIEW_STATES = List.of("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "COMMENTED", "PENDING",
            "DISMISSED");

    /**
     * Adds to every PR {@code reviewsEach} reviews (states in {@link #REVIEW_STATES} turn; the third is an empty
     * {@code COMMENTED} one) and {@code reviewCommentsEach} review comments, all before the PR's {@code updated_at}.
     */
    public StandInGitHub withReviews(int reviewsEach, int reviewCommentsEach) {
        long reviewId = 80_000_000;
        long commentId = 20_000_000;
        for (ObjectNode issue : issues) {
            if (!issue.has("pull_request")) {
                continue;
            }
            long n = issue.get("number").asLong();
            Instant created = Instant.parse(issue.get("created_at").asText());
            List<ObjectNode> ofPull = new ArrayList<>();
            for (int r = 0; r < reviewsEach; r++) {
                String state = REVIEW_STATES.get(r % REVIEW_STATES.size());
                ObjectNode review = Json.mapper().createObjectNode();
                review.put("id", ++reviewId).put("state", state).put("body", r % REVIEW_STATES.size() == 2 ? "" : "review " + r)
                        .put("html_url", "https://github.com/" + repository + "/pull/" + n + "#pullrequestreview-" + reviewId)
                        .put("pull_request_url", "https://api.github.com/repos/" + repository + "/pulls/" + n)
                        .put("author_association", "MEMBER").put("commit_id", "abc" + n);
                if (!"PENDING".equals(state)) {
                    review.put("submitted_at", created.plusSeconds(120L * (r + 1)).toString());
                }
                review.set("user", user(1 + (n + r + 7) % people));
                ofPull.add(review);
            }
            reviews.put(n, ofPull);
            for (int c = 0; c < reviewCommentsEach; c++) {
                Instant at = created.plusSeconds(30L * (c + 1));
                ObjectNode comment = Json.mapper().createObjectNode();
                comment.put("id", ++commentId).put("path", "src/Main.java").put("pull_request_review_id", reviewId)
                        .put("html_url", "https://github.com/" + repository + "/pull/" + n + "#discussion_r" + commentId)
                        .put("pull_request_url", "https://api.github.com/repos/" + repository + "/pulls/" + n)
                        .put("created_at", at.toString()).put("updated_at", at.toString())
                        .put("author_association", "CONTRIBUTOR").put("body", "line " + c);
                comment.set("user", user(1 + (n + c + 3) % people));
                reviewComments.add(comment);
            }
        }
        reviewComments.sort(Comparator.comparing((ObjectNode i) -> i.get("updated_at").asText()).thenComparing(i -> i.get("id").asLong()));
        return this;
    }

    /** Deliveries the backfill publishes: one per action, and the empty reviews the normaliser ignores as it does live. */
    public int expectedDeliveries() {
        return expectedActions() + (int) reviews.values().stream().flatMap(List::stream)
                .filter(r -> !"PENDING".equals(r.get("state").asText()) && !counts(r)).count();
    }

    /** A review the normaliser counts: submitted, and not an empty {@code COMMENTED} wrapper. */
    static boolean counts(ObjectNode review) {
        String state = review.get("state").asText();
        return !"PENDING".equals(state) && !("COMMENTED".equals(state) && review.get("body").asText().isBlank());
    }

    static ObjectNode user(long id) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.put("login", "person" + id).put("id", id).put("type", "User");
        return user;
    }

    /** The actions the normaliser should make of this history, counted independently of the backfill. */
    public int expectedActions() {
        int actions = comments.size() + stars.size() + reviewComments.size();
        actions += (int) reviews.values().stream().flatMap(List::stream).filter(StandInGitHub::counts).count();
        for (ObjectNode issue : issues) {
            actions++;
            if (issue.has("pull_request") && "closed".equals(issue.get("state").asText())) {
                actions++; // merged or closed unmerged
            }
        }
        return actions;
    }

    public int items() {
        return issues.size() + comments.size() + stars.size() + reviewComments.size()
                + reviews.values().stream().mapToInt(List::size).sum();
    }

    /** {@link #items()} by the list the backfill reads them from, in its order: what a page of each costs is told apart. */
    public Map<String, Integer> itemsByList() {
        Map<String, Integer> lists = new LinkedHashMap<>();
        lists.put("issues", issues.size());
        lists.put("comments", comments.size());
        lists.put("review comments", reviewComments.size());
        lists.put("reviews", reviews.values().stream().mapToInt(List::size).sum());
        lists.put("stars", stars.size());
        return lists;
    }

    public List<ObjectNode> issues() {
        return issues;
    }

    public synchronized void rateLimit(int newLimit, int newRemaining, Instant newReset) {
        limit = newLimit;
        remaining = newRemaining;
        reset = newReset.getEpochSecond();
    }

    public synchronized int remaining() {
        return remaining;
    }

    public void secondaryLimitOnce(Predicate<String> path) {
        secondaryLimitOnce = path;
    }

    public void badGatewayOnce(Predicate<String> path) {
        badGatewayOnce = path;
    }

    public void malformed(Predicate<String> path) {
        malformed = path;
    }

    /**
     * Makes this a GitHub App's view of GitHub: app {@code appId} (its JWTs checked against {@code publicKey} by
     * {@code clock}) is installed as {@code installationId} on this repository, and the repository's data is read
     * with the installation tokens it mints (an hour's life by {@code clock}), no longer with {@link #TOKEN}.
     */
    public App asApp(String appId, PublicKey publicKey, long installationId, Clock clock) {
        app = new App(appId, publicKey, installationId, clock);
        return app;
    }

    /** The GitHub App side: {@code GET /repos/{o}/{r}/installation}, {@code POST /app/installations/{id}/access_tokens}. */
    public final class App {
        /** What the app's endpoints saw. {@code verified}: the JWT was the app's, signed with its key, and current. */
        public record Request(String method, String path, String authorization, String accept, String apiVersion,
                              boolean verified) {
        }

        public final String appId;
        public final long installationId;
        public final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        private final PublicKey publicKey;
        private final Clock clock;
        private final Map<String, Instant> expiresByToken = new ConcurrentHashMap<>();
        private final AtomicInteger minted = new AtomicInteger();

        private App(String appId, PublicKey publicKey, long installationId, Clock clock) {
            this.appId = appId;
            this.publicKey = publicKey;
            this.installationId = installationId;
            this.clock = clock;
        }

        /** Installation tokens minted so far; the n-th is {@code ghs_standIn<n>}. */
        public int minted() {
            return minted.get();
        }

        /** Revokes every token minted so far (GitHub answers 401 to them from now on). */
        public void revokeAll() {
            expiresByToken.clear();
        }

        boolean live(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            Instant expires = expiresByToken.get(authorization.substring("Bearer ".length()));
            return expires != null && clock.instant().isBefore(expires);
        }

        /** Answers the app's own endpoints; false for anything else. */
        boolean answered(HttpExchange exchange, String path) throws IOException {
            String method = exchange.getRequestMethod();
            boolean lookUp = path.matches("/repos/[^/]+/[^/]+/installation");
            boolean mint = path.matches("/app/installations/[^/]+/access_tokens");
            if (!lookUp && !mint) {
                return false;
            }
            var headers = exchange.getRequestHeaders();
            String authorization = headers.getFirst("Authorization");
            boolean verified = verified(authorization);
            requests.add(new Request(method, path, authorization, headers.getFirst("Accept"),
                    headers.getFirst("X-GitHub-Api-Version"), verified));
            // the app's own (JWT) rate limit, nearly spent: a client that took it for the installation's would stop
            Map<String, String> appLimit = Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "1",
                    "x-ratelimit-reset", String.valueOf(clock.instant().plusSeconds(3600).getEpochSecond()));
            if (!verified) {
                send(exchange, 401, "{\"message\":\"A JSON web token could not be decoded\"}", null, appLimit);
            } else if (lookUp && method.equals("GET")) {
                if (!path.equals("/repos/" + repository + "/installation")) {
                    send(exchange, 404, "{\"message\":\"Not Found\"}", null, appLimit);
                    return true;
                }
                ObjectNode installation = Json.mapper().createObjectNode();
                installation.put("id", installationId).put("app_id", Long.parseLong(appId));
                installation.putObject("account").put("login", repository.substring(0, repository.indexOf('/')));
                send(exchange, 200, installation.toString(), null, appLimit);
            } else if (mint && method.equals("POST")) {
                if (!path.equals("/app/installations/" + installationId + "/access_tokens")) {
                    send(exchange, 404, "{\"message\":\"Not Found\"}", null, appLimit);
                    return true;
                }
                String token = "ghs_standIn" + minted.incrementAndGet();
                Instant expires = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
                expiresByToken.put(token, expires);
                ObjectNode answer = Json.mapper().createObjectNode();
                answer.put("token", token).put("expires_at", expires.toString()).put("repository_selection", "all");
                answer.putObject("permissions").put("issues", "read").put("metadata", "read").put("pull_requests", "read");
                send(exchange, 201, answer.toString(), null, appLimit);
            } else {
                send(exchange, 404, "{\"message\":\"Not Found\"}", null, appLimit);
            }
            return true;
        }

        /** GitHub's checks of an app's JWT: RS256 with the app's key, {@code iss} the app, current, at most 10 minutes. */
        private boolean verified(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            String jwt = authorization.substring("Bearer ".length());
            try {
                if (!AppKeys.verifies(jwt, publicKey) || !"RS256".equals(AppKeys.part(jwt, 0).path("alg").asText())) {
                    return false;
                }
                var claims = AppKeys.part(jwt, 1);
                long now = clock.instant().getEpochSecond();
                long iat = claims.path("iat").asLong(Long.MAX_VALUE);
                long exp = claims.path("exp").asLong(0);
                return appId.equals(claims.path("iss").asText()) && iat <= now + 60 && exp > now && exp - iat <= 600;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** Adds a comment (a live one, after the backfill). */
    public void addIssue(ObjectNode issue) {
        issues.add(issue);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String full = query == null ? path : path + "?" + query;
            paths.add(full);
            App asApp = app;
            if (asApp != null && asApp.answered(exchange, path)) {
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            if (asApp != null ? !asApp.live(authorization) : !("Bearer " + TOKEN).equals(authorization)) {
                send(exchange, 401, "{\"message\":\"Bad credentials\"}", null, Map.of());
                return;
            }
            if (path.equals("/rate_limit")) {
                synchronized (this) {
                    send(exchange, 200, "{\"resources\":{\"core\":{\"remaining\":" + remaining + "}}}", null, rateHeaders());
                }
                return;
            }
            Predicate<String> secondary = secondaryLimitOnce;
            if (secondary != null && secondary.test(full)) {
                secondaryLimitOnce = null;
                Map<String, String> headers = new LinkedHashMap<>(rateHeaders());
                headers.put("Retry-After", "1");
                send(exchange, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}", null, headers);
                return;
            }
            synchronized (this) {
                if (remaining <= 0) {
                    send(exchange, 403, "{\"message\":\"API rate limit exceeded\"}", null, rateHeaders());
                    return;
                }
            }
            Predicate<String> gateway = badGatewayOnce;
            if (gateway != null && gateway.test(full)) {
                badGatewayOnce = null;
                count();
                send(exchange, 502, "<h1>502 Bad Gateway</h1>", null, Map.of());
                return;
            }
            Answer answer = answer(path, params(query), exchange.getRequestHeaders().getFirst("Accept"));
            if (answer == null) {
                count();
                send(exchange, 404, "{\"message\":\"Not Found\"}", null, rateHeaders());
                return;
            }
            Predicate<String> bad = malformed;
            String body = bad != null && bad.test(full) ? "[{\"id\": 1, \"upd" : answer.body;
            String etag = "\"" + sha(body) + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                unchanged.incrementAndGet();
                send(exchange, 304, null, etag, rateHeaders());
                return;
            }
            count();
            Map<String, String> headers = new LinkedHashMap<>(rateHeaders());
            if (answer.link != null) {
                headers.put("Link", answer.link);
            }
            send(exchange, 200, body, etag, headers);
        }
    }

    private synchronized void count() {
        counted.incrementAndGet();
        remaining--;
    }

    private synchronized Map<String, String> rateHeaders() {
        return Map.of("x-ratelimit-limit", String.valueOf(limit), "x-ratelimit-remaining", String.valueOf(Math.max(0, remaining)),
                "x-ratelimit-reset", String.valueOf(reset));
    }

    private record Answer(String body, String link) {
    }

    private Answer answer(String path, Map<String, String> params, String accept) {
        String base = "/repos/" + repository;
        if (path.equals(base)) {
            ObjectNode repo = Json.mapper().createObjectNode();
            repo.put("id", 1296269).put("name", repository.substring(repository.indexOf('/') + 1)).put("full_name", repository)
                    .put("html_url", "https://github.com/" + repository).put("private", false);
            repo.putObject("owner").put("login", repository.substring(0, repository.indexOf('/'))).put("id", 1);
            return new Answer(repo.toString(), null);
        }
        if (path.startsWith(base + "/issues/") && path.substring((base + "/issues/").length()).matches("\\d+")) {
            long number = Long.parseLong(path.substring((base + "/issues/").length()));
            return issues.stream().filter(i -> i.get("number").asLong() == number).findFirst()
                    .map(i -> new Answer(i.toString(), null)).orElse(null);
        }
        if (path.startsWith(base + "/pulls/") && path.endsWith("/reviews")) {
            String number = path.substring((base + "/pulls/").length(), path.length() - "/reviews".length());
            List<ObjectNode> ofPull = number.matches("\\d+") ? reviews.get(Long.parseLong(number)) : null;
            if (ofPull == null && number.matches("\\d+") && pull(Long.parseLong(number)) != null) {
                ofPull = List.of();
            }
            if (ofPull == null) {
                return null;
            }
            return page(ofPull, path, params);
        }
        List<ObjectNode> list;
        if (path.equals(base + "/pulls")) {
            list = issues.stream().filter(i -> i.has("pull_request"))
                    .sorted(Comparator.comparing((ObjectNode i) -> i.get("created_at").asText()).thenComparing(i -> i.get("id").asLong()))
                    .map(StandInGitHub::asPull).toList();
        } else if (path.equals(base + "/pulls/comments")) {
            list = since(reviewComments, params.get("since"));
        } else if (path.equals(base + "/issues")) {
            list = since(issues, params.get("since"));
        } else if (path.equals(base + "/issues/comments")) {
            list = since(comments, params.get("since"));
        } else if (path.equals(base + "/stargazers")) {
            list = stars;
            if (!"application/vnd.github.star+json".equals(accept)) {
                throw new IllegalStateException("stargazers without the star media type have no starred_at");
            }
        } else {
            return null;
        }
        return page(list, path, params);
    }

    private ObjectNode pull(long number) {
        return issues.stream().filter(i -> i.has("pull_request") && i.get("number").asLong() == number).findFirst().orElse(null);
    }

    /** An issue item that is a PR, as {@code GET /pulls} lists it (its own id, {@code merged_at} at the top). */
    private static ObjectNode asPull(ObjectNode issue) {
        ObjectNode pull = Json.mapper().createObjectNode();
        pull.put("id", 7_000_000L + issue.get("number").asLong());
        for (String field : List.of("number", "title", "state", "user", "created_at", "updated_at", "closed_at",
                "author_association")) {
            if (issue.has(field)) {
                pull.set(field, issue.get(field));
            }
        }
        pull.set("html_url", issue.get("pull_request").get("html_url"));
        pull.set("merged_at", issue.get("pull_request").get("merged_at"));
        return pull;
    }

    private Answer page(List<ObjectNode> list, String path, Map<String, String> params) {
        int perPage = Integer.parseInt(params.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(params.getOrDefault("page", "1"));
        int from = Math.min(list.size(), (page - 1) * perPage);
        int to = Math.min(list.size(), from + perPage);
        ArrayNode body = Json.mapper().createArrayNode();
        list.subList(from, to).forEach(body::add);
        int last = Math.max(1, (list.size() + perPage - 1) / perPage);
        String link = null;
        if (page < last) {
            String self = url() + path + "?" + withPage(params, page + 1);
            String end = url() + path + "?" + withPage(params, last);
            link = "<" + self + ">; rel=\"next\", <" + end + ">; rel=\"last\"";
        }
        return new Answer(body.toString(), link);
    }

    private static List<ObjectNode> since(List<ObjectNode> list, String since) {
        if (since == null) {
            return list;
        }
        Instant from = Instant.parse(since);
        return list.stream().filter(i -> !Instant.parse(i.get("updated_at").asText()).isBefore(from)).toList();
    }

    private static String withPage(Map<String, String> params, int page) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put("page", String.valueOf(page));
        StringBuilder out = new StringBuilder();
        copy.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body, String etag, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (etag != null) {
            exchange.getResponseHeaders().add("ETag", etag);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
