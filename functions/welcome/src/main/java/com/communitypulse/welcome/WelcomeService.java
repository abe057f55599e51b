package com.communitypulse.welcome;

import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.http.OutboundRequest;
import com.communitypulse.welcome.http.PermanentHttpFailure;
import com.communitypulse.welcome.http.RetryingHttp;
import com.communitypulse.welcome.platform.DiscordPoster;
import com.communitypulse.welcome.platform.DiscoursePoster;
import com.communitypulse.welcome.platform.GitHubPoster;
import com.communitypulse.welcome.platform.Posted;
import com.communitypulse.welcome.platform.Poster;
import com.communitypulse.welcome.platform.SlackPoster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Welcomes a first-time contributor once per platform: skips bots, opted-out places and actions
 * with nowhere to answer; claims the welcome item; posts (or, in a dry run, records the request);
 * then records the outcome. A permanent refusal is recorded as {@code failed} and not retried; a
 * transient failure releases the claim and throws, so the event is retried and finally dead-lettered.
 */
public final class WelcomeService {
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeService.class);

    /** What happened to one event. */
    public enum Outcome { SENT, DRY_RUN, FAILED, ALREADY_WELCOMED, IN_PROGRESS, BOT, OPTED_OUT, NO_TARGET, UNSUPPORTED_PLATFORM }

    public record Result(Outcome outcome, String detail) {
    }

    private final WelcomeConfig config;
    private final WelcomeStore store;
    private final Supplier<PlatformTokens> tokens;
    private final Map<String, Poster> posters;
    private final WelcomeMetrics metrics;
    private final Clock clock;

    public WelcomeService(WelcomeConfig config, WelcomeStore store, Supplier<PlatformTokens> tokens,
                          List<Poster> posters, WelcomeMetrics metrics, Clock clock) {
        this.config = config;
        this.store = store;
        this.tokens = tokens;
        Map<String, Poster> byPlatform = new HashMap<>();
        posters.forEach(p -> byPlatform.put(p.platform(), p));
        this.posters = Map.copyOf(byPlatform);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The four platforms' posters over one HTTP client. */
    public static List<Poster> posters(WelcomeConfig config, RetryingHttp http) {
        return List.of(
                new GitHubPoster(config.githubApiUrl(), config.userAgent(), http),
                new DiscoursePoster(config.discourseBaseUrl(), config.userAgent(), http),
                new DiscordPoster(config.userAgent(), http),
                new SlackPoster(config.slackApiUrl(), config.userAgent(), http));
    }

    public Result welcome(FirstContribution c, Instant deadline) {
        if (c.isBot()) {
            return skipped(c, Outcome.BOT, "bots are never welcomed");
        }
        Poster poster = posters.get(c.platform());
        if (poster == null) {
            return skipped(c, Outcome.UNSUPPORTED_PLATFORM, "no way to welcome on platform " + c.platform());
        }
        String repo = c.context().repo();
        if (config.optedOut(c.platform(), repo)) {
            return skipped(c, Outcome.OPTED_OUT, repo + " opted out of welcomes");
        }
        Optional<String> noTarget = poster.noTarget(c);
        if (noTarget.isPresent()) {
            return skipped(c, Outcome.NO_TARGET, noTarget.get());
        }
        PlatformTokens credentials = tokens.get();
        Welcome welcome = new Welcome(c, message(poster, c), config.labels());

        String claimId = UUID.randomUUID().toString();
        WelcomeStore.Claim claim = store.claim(c, claimId, clock.instant());
        if (!claim.ours()) {
            String status = claim.existingStatus();
            // A fresh claim belongs to a live invocation: it records the outcome, or releases and throws
            // so its own event is retried. Either way this delivery has nothing to do.
            return skipped(c, WelcomeStore.CLAIMED.equals(status) ? Outcome.IN_PROGRESS : Outcome.ALREADY_WELCOMED,
                    "welcome item is " + status);
        }

        if (config.dryRun() || !poster.hasCredentials(credentials)) {
            String why = config.dryRun() ? "DRY_RUN=true" : "no " + c.platform() + " credentials configured";
            return dryRun(poster, welcome, credentials, claimId, why);
        }

        Posted posted;
        try {
            posted = poster.post(welcome, credentials, deadline);
        } catch (PermanentHttpFailure refused) {
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            attributes.put("failed_at", AttributeValue.fromS(clock.instant().toString()));
            attributes.put("reason", AttributeValue.fromS(refused.getMessage()));
            attributes.put("http_status", AttributeValue.fromN(Integer.toString(refused.status())));
            store.finish(c, claimId, WelcomeStore.FAILED, attributes);
            metrics.count("WelcomeFailed", c.platform());
            LOG.error("Welcome of {} on {} refused for good: {}", c.identity(), c.platform(), refused.getMessage());
            return new Result(Outcome.FAILED, refused.getMessage());
        } catch (RuntimeException transientFailure) { // TransientHttpFailure, or anything unexpected
            store.release(c, claimId);
            metrics.count("WelcomeRetried", c.platform());
            throw new WelcomeRetryException("Welcome of " + c.identity() + " on " + c.platform()
                    + " not posted, to be retried: " + transientFailure.getMessage(), transientFailure);
        }

        Instant now = clock.instant();
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("sent_at", AttributeValue.fromS(now.toString()));
        if (posted.id() != null) {
            attributes.put("response_id", AttributeValue.fromS(posted.id()));
        }
        if (posted.url() != null) {
            attributes.put("response_url", AttributeValue.fromS(posted.url()));
        }
        if (posted.note() != null) {
            attributes.put("note", AttributeValue.fromS(posted.note()));
        }
        if (!store.finish(c, claimId, WelcomeStore.SENT, attributes)) {
            LOG.warn("Welcome of {} on {} was posted but its claim had been taken over", c.identity(), c.platform());
        }
        try {
            store.markWelcomed(c.person(), now);
        } catch (RuntimeException e) {
            // The welcome is out and recorded; the profile stamp is a convenience, so do not retry for it.
            LOG.warn("welcomed_at not set on {}: {}", c.person(), e.getMessage());
        }
        metrics.count("WelcomeSent", c.platform());
        LOG.info("Welcomed {} on {} ({})", c.identity(), c.platform(), posted.url() != null ? posted.url() : posted.id());
        return new Result(Outcome.SENT, posted.url() != null ? posted.url() : posted.id());
    }

    private Result dryRun(Poster poster, Welcome welcome, PlatformTokens credentials, String claimId, String why) {
        FirstContribution c = welcome.contribution();
        List<OutboundRequest> requests = poster.plan(welcome, credentials);
        List<AttributeValue> recorded = new ArrayList<>();
        for (OutboundRequest r : requests) {
            recorded.add(AttributeValue.fromM(Map.of(
                    "method", AttributeValue.fromS(r.method()),
                    "url", AttributeValue.fromS(r.displayUrl()),
                    "body", AttributeValue.fromS(r.body()))));
        }
        Instant now = clock.instant();
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("recorded_at", AttributeValue.fromS(now.toString()));
        attributes.put("dry_run_reason", AttributeValue.fromS(why));
        attributes.put("requests", AttributeValue.fromL(recorded));
        store.finish(c, claimId, WelcomeStore.DRY_RUN, attributes);
        if (config.dryRunDir() != null) {
            writeFile(config.dryRunDir(), c, requests, why, now);
        }
        metrics.count("WelcomeDryRun", c.platform());
        LOG.info("Dry run: welcome of {} on {} recorded, not posted ({})", c.identity(), c.platform(), why);
        return new Result(Outcome.DRY_RUN, why);
    }

    /** One JSON file per welcome, written atomically, for a person (or a test) to read. */
    static Path writeFile(Path dir, FirstContribution c, List<OutboundRequest> requests, String why, Instant now) {
        ObjectNode file = Json.mapper().createObjectNode();
        file.put("status", WelcomeStore.DRY_RUN);
        file.put("reason", why);
        file.put("recorded_at", now.toString());
        file.put("platform", c.platform());
        file.put("identity", c.identity());
        file.put("person", c.person());
        file.put("login", c.login());
        var array = file.putArray("requests");
        for (OutboundRequest r : requests) {
            ObjectNode node = array.addObject();
            node.put("method", r.method());
            node.put("url", r.displayUrl());
            node.set("headers", Json.mapper().valueToTree(r.safeHeaders()));
            node.set("body", parsed(r.body()));
        }
        String name = "welcome-" + c.platform() + "-" + c.identity().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".welcome", ".tmp");
            Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(file),
                    StandardCharsets.UTF_8);
            Path target = dir.resolve(name);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            // The record in the table is the source of truth; the file is a convenience.
            LOG.warn("Dry-run file {} not written: {}", name, e.getMessage());
            return null;
        }
    }

    private static JsonNode parsed(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }

    String message(Poster poster, FirstContribution c) {
        String repo = c.context().repo();
        Map<String, String> values = new HashMap<>();
        values.put("login", c.login());
        values.put("mention", poster.mention(c));
        values.put("repo", repo == null ? "" : repo);
        values.put("contributing_url", orEmpty(config.link(repo, "contributing_url",
                config.contributingUrl() != null ? config.contributingUrl() : defaultContributingUrl(c))));
        values.put("community_url", orEmpty(config.link(repo, "community_url", config.communityUrl())));
        return WelcomeTemplates.render(config.templates().template(c.platform(), repo), values, poster::escape);
    }

    /** GitHub's {@code /contribute} page exists for every repository (contributing guide and good first issues). */
    static String defaultContributingUrl(FirstContribution c) {
        if (!"github".equals(c.platform()) || c.context().repo() == null) {
            return null;
        }
        String host = "https://github.com";
        if (c.context().url() != null) {
            try {
                URI url = URI.create(c.context().url());
                if (url.getScheme() != null && url.getHost() != null) {
                    host = url.getScheme() + "://" + url.getHost();
                }
            } catch (IllegalArgumentException ignored) {
                // keep github.com
            }
        }
        return host + "/" + c.context().repo() + "/contribute";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private Result skipped(FirstContribution c, Outcome outcome, String why) {
        metrics.count("WelcomeSkipped", c.platform());
        LOG.info("No welcome for {} on {}: {} ({})", c.identity(), c.platform(), outcome, why);
        return new Result(outcome, why);
    }
}
