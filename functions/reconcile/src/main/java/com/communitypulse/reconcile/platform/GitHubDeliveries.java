package com.communitypulse.reconcile.platform;

import com.communitypulse.reconcile.domain.Delivery;
import com.communitypulse.reconcile.domain.Hook;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's webhook delivery API (REST, version 2022-11-28), for repository and organisation hooks:
 * <ul>
 * <li>{@code GET {hook}/deliveries?per_page=100}, newest first, paginated by cursor: the next page is the
 *     {@code Link} header's {@code rel="next"} URL;</li>
 * <li>{@code POST {hook}/deliveries/{delivery_id}/attempts}: redeliver, answered 202 Accepted.</li>
 * </ul>
 * Rate limiting (403 or 429 with {@code x-ratelimit-remaining: 0} or a {@code Retry-After}) is
 * {@link RateLimitedException}; any other failure to list is {@link GitHubApiException}. The token is only
 * ever sent to the configured API base URL: a {@code Link} to another origin is refused.
 */
public class GitHubDeliveries {
    static final String API_VERSION = "2022-11-28";
    static final String ACCEPT = "application/vnd.github+json";
    public static final int PER_PAGE = 100;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_MESSAGE = 200;

    private final HttpClient client;
    private final URI base;
    private final Supplier<String> token;
    private final Duration timeout;

    public GitHubDeliveries(String apiUrl, Supplier<String> token, Duration timeout) {
        String trimmed = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.base = URI.create(trimmed);
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The hook's attempts delivered at or after {@code since}, newest first, reading at most {@code maxPages} pages.
     *
     * @return the attempts and whether the listing reached {@code since} (or the end of GitHub's list)
     */
    public Listing list(Hook hook, Instant since, int maxPages) {
        List<Delivery> deliveries = new ArrayList<>();
        URI next = URI.create(base + hook.deliveriesPath() + "?per_page=" + PER_PAGE);
        int pages = 0;
        while (next != null) {
            if (pages == maxPages) {
                return new Listing(deliveries, false, pages);
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(next).GET(), hook, "list deliveries");
            pages++;
            if (response.statusCode() != 200) {
                throw failure(response, hook, "list deliveries");
            }
            JsonNode page = parse(response.body(), hook);
            boolean older = false;
            for (JsonNode item : page) {
                Delivery delivery = delivery(item);
                if (delivery.deliveredAt().isBefore(since)) {
                    older = true;
                    break;
                }
                deliveries.add(delivery);
            }
            if (older) {
                return new Listing(deliveries, true, pages);
            }
            next = nextPage(response, hook);
        }
        return new Listing(deliveries, true, pages);
    }

    /** Asks GitHub to send the delivery again (same payload, same {@code X-GitHub-Delivery}). */
    public Redelivery redeliver(Hook hook, long deliveryId) {
        URI uri = URI.create(base + hook.deliveriesPath() + "/" + deliveryId + "/attempts");
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), hook, "redeliver");
        } catch (GitHubApiException unreachable) {
            return new Redelivery(Redelivery.Kind.UNAVAILABLE, 0, unreachable.getMessage());
        }
        int status = response.statusCode();
        if (status == 202 || status == 200 || status == 201) {
            return new Redelivery(Redelivery.Kind.ACCEPTED, status, null);
        }
        Optional<Instant> limited = rateLimitReset(response);
        if (limited.isPresent() || status == 429) {
            return new Redelivery(Redelivery.Kind.RATE_LIMITED, status, "rate limited until " + limited.orElse(null));
        }
        String message = message(response.body());
        // 422 is GitHub's "Validation failed, or the endpoint has been spammed": not a verdict on the delivery
        return status >= 500 || status == 422
                ? new Redelivery(Redelivery.Kind.UNAVAILABLE, status, message)
                : new Redelivery(Redelivery.Kind.REFUSED, status, message);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Hook hook, String what) {
        request.timeout(timeout)
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", ACCEPT)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "community-pulse-reconciler");
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GitHubApiException(0, "GitHub " + what + " for hook " + hook + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubApiException(0, "GitHub " + what + " for hook " + hook + " was interrupted");
        }
    }

    private RuntimeException failure(HttpResponse<String> response, Hook hook, String what) {
        int status = response.statusCode();
        Optional<Instant> reset = rateLimitReset(response);
        if (reset.isPresent() || status == 429) {
            return new RateLimitedException("GitHub " + what + " for hook " + hook + " is rate limited (HTTP " + status
                    + ") until " + reset.orElse(null), reset.orElse(null));
        }
        String hint = switch (status) {
            case 401 -> " (the token is missing, expired or revoked)";
            case 403, 404 -> " (the token cannot read this hook: it needs admin:repo_hook / admin:org_hook, or the"
                    + " fine-grained 'Webhooks' permission, and the hook id must exist)";
            default -> "";
        };
        return new GitHubApiException(status, "GitHub " + what + " for hook " + hook + " answered HTTP " + status
                + hint + ": " + message(response.body()));
    }

    /** When a 403/429 is a rate limit: the instant it lifts (Retry-After, else x-ratelimit-reset), else empty. */
    static Optional<Instant> rateLimitReset(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        var headers = response.headers();
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Optional.of(Instant.now().plusSeconds(Long.parseLong(retryAfter.get().trim())));
            } catch (NumberFormatException notSeconds) {
                return Optional.of(Instant.now().plusSeconds(60));
            }
        }
        if (headers.firstValue("x-ratelimit-remaining").map(String::trim).filter("0"::equals).isPresent()) {
            return Optional.of(headers.firstValue("x-ratelimit-reset").map(String::trim).map(s -> {
                try {
                    return Instant.ofEpochSecond(Long.parseLong(s));
                } catch (NumberFormatException e) {
                    return null;
                }
            }).orElse(Instant.now().plusSeconds(60)));
        }
        return Optional.empty();
    }

    private URI nextPage(HttpResponse<String> response, Hook hook) {
        for (String link : response.headers().allValues("link")) {
            Matcher matcher = NEXT.matcher(link);
            if (matcher.find()) {
                URI next = URI.create(matcher.group(1));
                if (!sameOrigin(next)) {
                    throw new GitHubApiException(0, "GitHub's next page for hook " + hook + " is on another origin ("
                            + next.getScheme() + "://" + next.getAuthority() + "); the token is not sent there");
                }
                return next;
            }
        }
        return null;
    }

    private boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme()) && base.getAuthority().equalsIgnoreCase(uri.getAuthority());
    }

    private static JsonNode parse(String body, Hook hook) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isArray()) {
                throw new GitHubApiException(200, "GitHub's deliveries for hook " + hook + " are not a JSON array");
            }
            return node;
        } catch (IOException e) {
            throw new GitHubApiException(200, "GitHub's deliveries for hook " + hook + " are not JSON: " + e.getMessage());
        }
    }

    static Delivery delivery(JsonNode item) {
        String guid = item.path("guid").asText("");
        String deliveredAt = item.path("delivered_at").asText("");
        if (guid.isEmpty() || deliveredAt.isEmpty() || !item.path("id").canConvertToLong()) {
            throw new GitHubApiException(200, "a GitHub delivery lacks id, guid or delivered_at: " + abbreviate(item.toString()));
        }
        return new Delivery(item.path("id").asLong(), guid, java.time.OffsetDateTime.parse(deliveredAt).toInstant(),
                item.path("redelivery").asBoolean(false), item.path("status").asText(""), item.path("status_code").asInt(0),
                item.path("event").asText(""), item.path("action").isTextual() ? item.path("action").asText() : null);
    }

    private static String message(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return abbreviate(node.get("message").asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return abbreviate(body == null ? "" : body);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    /** A hook's listed attempts, newest first. {@code complete}: it reached the window's start or GitHub's last page. */
    public record Listing(List<Delivery> deliveries, boolean complete, int pages) {
    }

    /** How GitHub answered a redelivery request. */
    public record Redelivery(Kind kind, int status, String message) {
        public enum Kind { ACCEPTED, REFUSED, RATE_LIMITED, UNAVAILABLE }
    }

    /** GitHub could not be read (unreachable, 5xx, 401/403/404, unusable answer): the run fails and loses nothing. */
    public static class GitHubApiException extends RuntimeException {
        private final int status;

        public GitHubApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** GitHub's rate limit is spent; {@code resetAt} may be null when GitHub did not say. */
    public static class RateLimitedException extends GitHubApiException {
        private final Instant resetAt;

        public RateLimitedException(String message, Instant resetAt) {
            super(429, message);
            this.resetAt = resetAt;
        }

        public Instant resetAt() {
            return resetAt;
        }
    }
}
