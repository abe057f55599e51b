package com.communitypulse.backfill.platform;

import com.communitypulse.backfill.domain.RateBudget;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API (version 2022-11-28) as the backfill reads it: {@code GET} only, one page at a time, within a
 * {@link RateBudget} checked before every request. It sends {@code If-None-Match} when it has the page's ETag (a
 * 304 costs no rate limit), retries a 5xx or a broken connection twice (0.5 s, then 1 s), waits out a secondary
 * limit's {@code Retry-After} when it is short, and tells the caller everything else as an exception:
 * {@link Limited} (wait until {@code resumeAt}), {@link Unavailable} (try again later), {@link Refused} (401, 403
 * without rate-limit headers, 404, an unusable answer: an operator must act). The token is only ever sent to the
 * configured base URL: a {@code Link} to another origin is refused.
 *
 * <p>The token is a plain one, or a GitHub App's installation token ({@link GitHubToken.App}): those are minted
 * per repository ({@link InstallationTokens}), so a step reads through {@link #forRepository}. A 401 to an
 * installation token (revoked before it expired) drops it and the request is sent once more with a fresh one.
 */
public class GitHubRest {
    static final String API_VERSION = "2022-11-28";
    static final String USER_AGENT = "community-pulse-backfill";
    public static final String JSON = "application/vnd.github+json";
    /** The stargazers list with {@code starred_at}. */
    public static final String STAR_JSON = "application/vnd.github.star+json";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern LAST = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?last\"?");
    private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");
    private static final int ATTEMPTS = 3;
    private static final int MAX_MESSAGE = 200;

    private final HttpClient client;
    private final URI base;
    private final GitHubToken token;
    /** The repository this view reads (its App installation); null for the unbound instance. */
    private final String repository;
    private final InstallationTokens installations;
    private final Duration timeout;
    private final Duration maxWait;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Sleeps between attempts; tests pass their own. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** With a plain token, asked for before each request. */
    public GitHubRest(String apiUrl, Supplier<String> token, Duration timeout, Duration maxWait, Clock clock, Sleeper sleeper) {
        this(apiUrl, GitHubToken.supplied(token), timeout, maxWait, clock, sleeper);
    }

    /** With a plain token or a GitHub App's credentials ({@link GitHubToken#fromEnv}). */
    public GitHubRest(String apiUrl, GitHubToken token, Duration timeout, Duration maxWait, Clock clock, Sleeper sleeper) {
        String trimmed = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.base = URI.create(trimmed);
        this.token = token;
        this.repository = null;
        this.timeout = timeout;
        this.maxWait = maxWait;
        this.clock = clock;
        this.sleeper = sleeper;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.installations = new InstallationTokens(client, base, timeout, clock);
    }

    private GitHubRest(GitHubRest unbound, String repository) {
        this.base = unbound.base;
        this.token = unbound.token;
        this.repository = repository;
        this.timeout = unbound.timeout;
        this.maxWait = unbound.maxWait;
        this.clock = unbound.clock;
        this.sleeper = unbound.sleeper;
        this.client = unbound.client;
        this.installations = unbound.installations;
    }

    /**
     * This client for one repository's reads ({@code owner/name}), every request of a step included (the rate-limit
     * look-up too): a GitHub App's token is its installation's. The connection pool and the App's cached tokens are
     * shared with this instance.
     */
    public GitHubRest forRepository(String repository) {
        return new GitHubRest(this, repository);
    }

    /**
     * One answer: {@code body} null on a 304; {@code next} the {@code Link rel="next"} as a path below the base URL,
     * null on the last page; {@code lastPage} the {@code rel="last"} page number, 0 when not given.
     */
    public record Page(int status, JsonNode body, String etag, String next, int lastPage) {
        public boolean unchanged() {
            return status == 304;
        }
    }

    /**
     * What one invocation spent: counted requests (not 304s, not the rate-limit look-up, not an installation
     * token's 401 that was sent again with a fresh one) and all requests. A GitHub App's installation look-ups and
     * token mints are in neither: they are the app's (its JWT), not the installation's limit ({@link InstallationTokens}).
     */
    public static final class Spend {
        private int counted;
        private int sent;

        public int counted() {
            return counted;
        }

        public int sent() {
            return sent;
        }
    }

    /** The rate limit now, from {@code GET /rate_limit}, which GitHub does not count. */
    public void lookUpLimit(RateBudget budget, Spend spend) {
        HttpResponse<String> response = send(path("/rate_limit"), JSON, null, spend);
        observe(response, budget);
    }

    /**
     * {@code GET path} (a path and query below the base URL), conditional on {@code etag} when given.
     *
     * @param deadline no waiting (Retry-After, back-off) past it: the caller stops and resumes later instead
     */
    public Page get(String path, String accept, String etag, RateBudget budget, Spend spend, Instant deadline) {
        URI uri = path(path);
        for (int attempt = 1; ; attempt++) {
            if (!budget.allowsRequest(clock.instant())) {
                throw new Limited("the backfill's share of the rate limit is spent until " + budget.reset(), budget.reset(), false);
            }
            HttpResponse<String> response;
            try {
                response = send(uri, accept, etag, spend);
            } catch (Unavailable unreachable) {
                if (attempt == ATTEMPTS) {
                    throw unreachable;
                }
                backOff(attempt, deadline, unreachable);
                continue;
            }
            observe(response, budget);
            int status = response.statusCode();
            if (status != 304) {
                spend.counted++;
            }
            if (status == 200) {
                return new Page(200, parse(response.body(), path), response.headers().firstValue("etag").orElse(null),
                        link(response, NEXT), lastPage(response));
            }
            if (status == 304) {
                return new Page(304, null, etag, null, 0);
            }
            Optional<Instant> limited = rateLimited(response);
            if (limited.isPresent()) {
                Duration wait = Duration.between(clock.instant(), limited.get());
                boolean secondary = response.headers().firstValue("retry-after").isPresent();
                if (secondary && attempt < ATTEMPTS && wait.compareTo(maxWait) <= 0
                        && clock.instant().plus(wait).isBefore(deadline)) {
                    sleep(wait.isNegative() ? Duration.ZERO : wait);
                    continue;
                }
                throw new Limited("GitHub rate limited " + path + " (HTTP " + status + ") until " + limited.get(), limited.get(),
                        secondary);
            }
            if (status >= 500) {
                Unavailable failure = new Unavailable("GitHub answered HTTP " + status + " for " + path);
                if (attempt == ATTEMPTS) {
                    throw failure;
                }
                backOff(attempt, deadline, failure);
                continue;
            }
            String hint = switch (status) {
                case 401 -> " (the token is missing, expired or revoked)";
                case 403 -> " (the token may not read this repository)";
                case 404 -> " (no such repository, or the token cannot see it)";
                default -> "";
            };
            throw new Refused(status, "GitHub answered HTTP " + status + " for " + path + hint + ": " + message(response.body()));
        }
    }

    private void backOff(int attempt, Instant deadline, Unavailable failure) {
        Duration wait = Duration.ofMillis(500L << (attempt - 1));
        if (!clock.instant().plus(wait).isBefore(deadline)) {
            // no time left in this step to wait: the next step tries the page again
            throw new Limited(failure.getMessage() + "; tried again in the next step", clock.instant().plus(wait), true);
        }
        sleep(wait);
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for GitHub");
        }
    }

    /** A request with the token; with an installation token GitHub said 401 to, once more with a fresh one. */
    private HttpResponse<String> send(URI uri, String accept, String etag, Spend spend) {
        GitHubToken.Credentials credentials = token.credentials();
        String bearer = bearer(credentials);
        HttpResponse<String> response = send(uri, accept, etag, bearer, spend);
        if (response.statusCode() == 401 && credentials instanceof GitHubToken.App) {
            installations.forget(bearer);
            response = send(uri, accept, etag, bearer(credentials), spend);
        }
        return response;
    }

    private String bearer(GitHubToken.Credentials credentials) {
        return credentials instanceof GitHubToken.App app ? installations.token(app, repository)
                : ((GitHubToken.Plain) credentials).token();
    }

    private HttpResponse<String> send(URI uri, String accept, String etag, String bearer, Spend spend) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", USER_AGENT);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        spend.sent++;
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("GitHub " + uri.getPath() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("GitHub " + uri.getPath() + " was interrupted");
        }
    }

    private static void observe(HttpResponse<String> response, RateBudget budget) {
        var headers = response.headers();
        Optional<Integer> remaining = headers.firstValue("x-ratelimit-remaining").flatMap(GitHubRest::integer);
        Optional<Instant> reset = headers.firstValue("x-ratelimit-reset").flatMap(GitHubRest::integer)
                .map(Instant::ofEpochSecond);
        remaining.ifPresent(r -> budget.observe(r, reset.orElse(null)));
    }

    /** When a 403/429 is a rate limit: the instant it lifts (Retry-After, else x-ratelimit-reset), else empty. */
    Optional<Instant> rateLimited(HttpResponse<String> response) {
        return rateLimited(response, clock);
    }

    static Optional<Instant> rateLimited(HttpResponse<String> response, Clock clock) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        var headers = response.headers();
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            long seconds = integer(retryAfter.get()).map(Integer::longValue).orElse(60L);
            return Optional.of(clock.instant().plusSeconds(seconds));
        }
        if (headers.firstValue("x-ratelimit-remaining").map(String::trim).filter("0"::equals).isPresent()) {
            return Optional.of(headers.firstValue("x-ratelimit-reset").flatMap(GitHubRest::integer)
                    .map(Instant::ofEpochSecond).orElse(clock.instant().plusSeconds(60)));
        }
        return status == 429 ? Optional.of(clock.instant().plusSeconds(60)) : Optional.empty();
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private URI path(String path) {
        return URI.create(base + path);
    }

    /** A {@code Link} target as a path below the base URL; another origin is refused. */
    private String link(HttpResponse<String> response, Pattern rel) {
        for (String link : response.headers().allValues("link")) {
            Matcher matcher = rel.matcher(link);
            if (matcher.find()) {
                String target = matcher.group(1);
                if (!target.startsWith(base.toString() + "/")) {
                    throw new Refused(0, "GitHub's next page is outside " + base + "; the token is not sent there");
                }
                return target.substring(base.toString().length());
            }
        }
        return null;
    }

    private int lastPage(HttpResponse<String> response) {
        String last = link(response, LAST);
        if (last == null) {
            return 0;
        }
        Matcher page = PAGE.matcher(last);
        return page.find() ? Integer.parseInt(page.group(1)) : 0;
    }

    private static JsonNode parse(String body, String path) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !(node.isArray() || node.isObject())) {
                throw new Refused(200, "GitHub's answer for " + path + " is not JSON");
            }
            return node;
        } catch (IOException e) {
            throw new Refused(200, "GitHub's answer for " + path + " is not JSON: " + abbreviate(e.getMessage()));
        }
    }

    static String message(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return abbreviate(node.get("message").asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // the raw text below
        }
        return abbreviate(body == null ? "" : body);
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    /**
     * GitHub (or the backfill's share of it) is rate limited until {@code resumeAt}; {@code secondary} when GitHub
     * said {@code Retry-After} (a secondary limit, usually short) rather than that the hourly limit is spent.
     */
    public static class Limited extends RuntimeException {
        private final Instant resumeAt;
        private final boolean secondary;

        public Limited(String message, Instant resumeAt, boolean secondary) {
            super(message);
            this.resumeAt = resumeAt;
            this.secondary = secondary;
        }

        public Instant resumeAt() {
            return resumeAt;
        }

        public boolean secondary() {
            return secondary;
        }
    }

    /** GitHub could not be reached or kept failing (5xx): the same page is tried again later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** GitHub refused (401, 403, 404, ...) or answered something unusable: the backfill stops until an operator acts. */
    public static class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
