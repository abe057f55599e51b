package com.communitypulse.welcome.platform.http;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound HTTP to the platforms with the JDK client (built once): timeouts, retries with
 * exponential backoff and full jitter on 5xx, 429 and network errors, {@code Retry-After} and
 * GitHub's {@code x-ratelimit-*} headers honoured, and no retry of permanent 4xx.
 * Every wait is capped by {@code maxWait} and by the invocation's deadline: when the platform
 * asks for longer, it gives up with {@link TransientHttpFailure} so the event is retried later.
 */
public final class RetryingHttp {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingHttp.class);
    private static final int MAX_REASON = 200;

    /** Tuning; defaults suit a 60 s Lambda timeout. */
    public record Policy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxWait,
                         Duration connectTimeout, Duration requestTimeout) {
        public static final Policy DEFAULT = new Policy(4, Duration.ofMillis(500), Duration.ofSeconds(8),
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    private final HttpClient client;
    private final Policy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    public RetryingHttp(Policy policy, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.client = HttpClient.newBuilder()
                .connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static RetryingHttp create(Policy policy) {
        // SecureRandom is re-seeded in each SnapStart-restored environment, so jitter differs between them.
        return new RetryingHttp(policy, Sleeper.REAL, Clock.systemUTC(), new java.security.SecureRandom()::nextDouble);
    }

    /**
     * Sends until {@code check} says success, retrying transient failures.
     *
     * @return the successful response
     * @throws PermanentHttpFailure when the platform refuses for good
     * @throws TransientHttpFailure when retries or the time budget ran out
     */
    public HttpResponse<String> send(OutboundRequest request, Function<HttpResponse<String>, Verdict> check,
                                     Instant deadline) {
        return sendOnce(request, check, deadline, Optional::empty, response -> response);
    }

    /**
     * Like {@link #send} for a POST that creates something: before every attempt, the first included,
     * {@code earlier} looks for what an earlier attempt may have created, and a find is returned instead
     * of posting again. A platform can create the comment and still answer 5xx, or create it and stall
     * past the timeout; a plain retry would then post twice. A failing lookup throws, so nothing is
     * posted blind.
     */
    public <T> T sendOnce(OutboundRequest request, Function<HttpResponse<String>, Verdict> check, Instant deadline,
                          java.util.function.Supplier<Optional<T>> earlier, Function<HttpResponse<String>, T> read) {
        String target = request.method() + " " + request.displayUrl();
        String lastReason = "not sent";
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new TransientHttpFailure(target + ": no time left in this invocation (" + lastReason + ")");
            }
            Optional<T> found = earlier.get();
            if (found.isPresent()) {
                if (attempt > 1) {
                    LOG.warn("{}: attempt {} had succeeded after all ({}); not sent again", target, attempt - 1, lastReason);
                }
                return found.get();
            }
            left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new TransientHttpFailure(target + ": no time left in this invocation (" + lastReason + ")");
            }
            Verdict verdict;
            int status = 0;
            try {
                HttpResponse<String> response = sendFollowingMoves(request, min(policy.requestTimeout(), left));
                status = response.statusCode();
                verdict = check.apply(response);
                if (verdict instanceof Verdict.Success) {
                    return read.apply(response);
                }
            } catch (IOException e) {
                verdict = new Verdict.Retry(null, "network error " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientHttpFailure(target + ": interrupted", e);
            }
            if (verdict instanceof Verdict.Permanent permanent) {
                throw new PermanentHttpFailure(status, permanent.reason());
            }
            Verdict.Retry retry = (Verdict.Retry) verdict;
            lastReason = retry.reason();
            if (attempt == policy.maxAttempts()) {
                break;
            }
            Duration wait = retry.delay() != null ? retry.delay() : backoff(attempt);
            if (wait.compareTo(policy.maxWait()) > 0
                    || clock.instant().plus(wait).plusSeconds(1).isAfter(deadline)) {
                throw new TransientHttpFailure(target + ": " + lastReason + "; the platform asks to wait "
                        + wait.toSeconds() + " s, more than this invocation can");
            }
            LOG.warn("{} attempt {} failed ({}), retrying in {} ms", target, attempt, lastReason, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientHttpFailure(target + ": interrupted", e);
            }
        }
        throw new TransientHttpFailure(target + ": gave up after " + policy.maxAttempts() + " attempts (" + lastReason + ")");
    }

    /**
     * Sends, following up to 3 temporary/permanent redirects that keep the method (307, 308) on the
     * same origin: GitHub answers a write to a renamed or transferred repository with a 307 to its
     * new address. Other origins are never followed, so a token never leaves its host.
     */
    private HttpResponse<String> sendFollowingMoves(OutboundRequest request, Duration timeout)
            throws IOException, InterruptedException {
        OutboundRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<String> response = client.send(build(current, timeout), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if ((status != 307 && status != 308) || location.isEmpty() || hop == 3) {
                return response;
            }
            URI next = current.url().resolve(location.get());
            if (!sameOrigin(next, request.url())) {
                return response;
            }
            current = new OutboundRequest(current.method(), next, next.toString(), current.headers(),
                    current.secretHeaders(), current.body());
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return java.util.Objects.equals(a.getScheme(), b.getScheme()) && java.util.Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** Full jitter: a uniform wait in [0, min(maxDelay, base * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(policy.maxDelay().toMillis(),
                policy.baseDelay().toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    private static HttpRequest build(OutboundRequest request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(timeout)
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The common reading of a status: 2xx success; 429, 408 and 5xx retry (after Retry-After or the
     * rate-limit reset when given); 403 with {@code x-ratelimit-remaining: 0} or Retry-After is
     * GitHub's (primary or secondary) rate limit, so retry; any other 4xx is permanent.
     */
    public Verdict standard(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Verdict.SUCCESS;
        }
        Optional<Duration> retryAfter = retryAfter(response);
        Optional<Duration> reset = rateLimitReset(response);
        if (status == 429) {
            return new Verdict.Retry(retryAfter.or(() -> reset).orElse(null), "HTTP 429 rate limited");
        }
        if (status == 403 && (reset.isPresent() || retryAfter.isPresent())) {
            return new Verdict.Retry(retryAfter.or(() -> reset).orElse(null), "HTTP 403 rate limited");
        }
        if (status == 403 && errorMessage(response.body()).orElse("").toLowerCase().contains("secondary rate limit")) {
            // GitHub asks for at least a minute when a secondary limit comes without Retry-After.
            return new Verdict.Retry(Duration.ofMinutes(1), "HTTP 403 secondary rate limit");
        }
        if (status == 408 || status >= 500) {
            return new Verdict.Retry(retryAfter.orElse(null), "HTTP " + status);
        }
        return new Verdict.Permanent("HTTP " + status + errorMessage(response.body()).map(m -> ": " + m).orElse(""));
    }

    /** {@code Retry-After} as seconds (Discord sends decimals) or an HTTP date. */
    Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("retry-after").flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(value.trim()) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(positive(Duration.between(clock.instant(), at)));
                } catch (RuntimeException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    /** GitHub: when {@code x-ratelimit-remaining} is 0, wait until {@code x-ratelimit-reset} (epoch seconds) + 1 s. */
    Optional<Duration> rateLimitReset(HttpResponse<String> response) {
        if (!"0".equals(response.headers().firstValue("x-ratelimit-remaining").map(String::trim).orElse(null))) {
            return Optional.empty();
        }
        return response.headers().firstValue("x-ratelimit-reset").flatMap(value -> {
            try {
                Instant reset = Instant.ofEpochSecond(Long.parseLong(value.trim()));
                return Optional.of(positive(Duration.between(clock.instant(), reset)).plusSeconds(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The platform's short error text (GitHub/Discord {@code message}, Discourse {@code errors}), truncated. */
    public static Optional<String> errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            String text = null;
            if (node.hasNonNull("message")) {
                text = node.get("message").asText();
            } else if (node.has("errors") && node.get("errors").isArray() && !node.get("errors").isEmpty()) {
                JsonNode first = node.get("errors").get(0);
                text = first.isTextual() ? first.asText() : first.path("message").asText(null);
            } else if (node.hasNonNull("error")) {
                text = node.get("error").asText();
            }
            return Optional.ofNullable(text).map(t -> t.length() > MAX_REASON ? t.substring(0, MAX_REASON) : t);
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    public Clock clock() {
        return clock;
    }
}
