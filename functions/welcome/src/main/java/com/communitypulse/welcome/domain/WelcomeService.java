package com.communitypulse.welcome.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeMetrics;
import com.communitypulse.welcome.platform.DiscordPoster;
import com.communitypulse.welcome.platform.DiscoursePoster;
import com.communitypulse.welcome.platform.GitHubPoster;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.Posted;
import com.communitypulse.welcome.platform.Poster;
import com.communitypulse.welcome.platform.SlackPoster;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.Person;
import com.communitypulse.welcome.store.WelcomeStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Welcomes a first-time contributor once per person, across platforms, and celebrates a person's first
 * merged pull request and first accepted answer once each. Skips bots, returning contributors (GitHub's
 * CONTRIBUTOR, MEMBER, OWNER, COLLABORATOR), erased identities, opted-out places and actions with nowhere
 * to answer; resolves the identity to its person; claims (a welcome: the platform record and the
 * person's claim in one transaction, checked against the person's other identities; a celebration:
 * {@code CELEBRATE#{milestone}#{person}}); posts (or, in a dry run, records the request); then records
 * the outcome. A permanent refusal is recorded as {@code failed} and not retried (a welcome's person
 * claim is given back, so another platform may still welcome them); a transient failure releases the
 * claim and throws, so the event is retried and finally dead-lettered. A claim held by another live
 * attempt also throws: it is not done until it records its outcome. A claim lasts as long as the
 * invocation that took it, so one left by a killed attempt has expired when Lambda retries.
 */
public final class WelcomeService {
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeService.class);
    /** GitHub's {@code author_association} values of someone who has been here before. */
    static final Set<String> RETURNING = Set.of("CONTRIBUTOR", "MEMBER", "OWNER", "COLLABORATOR");
    /** Maintainers: their merges and answers are nobody's first. */
    static final Set<String> MAINTAINERS = Set.of("MEMBER", "OWNER", "COLLABORATOR");
    /** Action type -> the milestone it may be the first of. */
    static final Map<String, String> MILESTONES = Map.of("pr_merged", "first_merge", "answer_accepted", "first_answer");
    /**
     * Past the deadline: the handler's safety margin (5 s) before the timeout, plus clock skew between
     * Lambda hosts. Well under the minute before Lambda's first retry.
     */
    static final Duration LEASE_GRACE = Duration.ofSeconds(30);

    /** What happened to one event. */
    public enum Outcome { SENT, DRY_RUN, FAILED, ALREADY_WELCOMED, BOT, OPTED_OUT, NO_TARGET, UNSUPPORTED_PLATFORM,
        RETURNING, ERASED, NOT_FIRST, NOT_A_MILESTONE }

    public record Result(Outcome outcome, String detail) {
    }

    /** One greeting on its way: a welcome or a milestone's celebration. */
    private record Greeting(String kind, String milestone, FirstContribution contribution, String person, Poster poster,
                            Welcome message, List<WelcomeStore.Key> keys) {
        String file() {
            String who = contribution.platform() + "-" + contribution.identity().replaceAll("[^A-Za-z0-9._-]", "_");
            return (milestone == null ? "welcome-" : "celebrate-" + milestone + "-") + who + ".json";
        }
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
            return skipped("Welcome", c, Outcome.BOT, "bots are never welcomed");
        }
        String association = c.context().authorAssociation();
        if (association != null && RETURNING.contains(association)) {
            return skipped("Welcome", c, Outcome.RETURNING, "GitHub says " + association + ": not new here");
        }
        Poster poster = posters.get(c.platform());
        if (poster == null) {
            return skipped("Welcome", c, Outcome.UNSUPPORTED_PLATFORM, "no way to welcome on platform " + c.platform());
        }
        String repo = c.context().repo();
        if (config.optedOut(c.platform(), repo)) {
            return skipped("Welcome", c, Outcome.OPTED_OUT, repo + " opted out of welcomes");
        }
        Optional<String> noTarget = poster.noTarget(c);
        if (noTarget.isPresent()) {
            return skipped("Welcome", c, Outcome.NO_TARGET, noTarget.get());
        }
        Person person = store.person(c.identity(), c.person());
        if (person.erased()) {
            return skipped("Welcome", c, Outcome.ERASED, "the identity was erased");
        }
        if (person.welcomed()) {
            return skipped("Welcome", c, Outcome.ALREADY_WELCOMED, "person " + person.id() + " was welcomed at "
                    + person.welcomedAt());
        }
        Welcome welcome = new Welcome(c, message(poster, c, config.templates().template(c.platform(), repo)), config.labels());
        // read before claiming: a missing or unreadable secret throws with nothing held, so Lambda's retry starts clean
        PlatformTokens credentials = tokens.get();
        String claimId = UUID.randomUUID().toString();
        WelcomeStore.Claim claim = store.claimWelcome(c, person.id(), List.copyOf(person.identities()), claimId, clock.instant(),
                leaseUntil(deadline));
        Greeting greeting = new Greeting("Welcome", null, c, person.id(), poster, welcome,
                List.of(WelcomeStore.Key.welcome(c.platform(), c.identity()), WelcomeStore.Key.person(person.id())));
        return deliver(greeting, claim, claimId, credentials, deadline);
    }

    /**
     * A {@code community.action} of type {@code pr_merged} or {@code answer_accepted}: celebrated once per
     * person and milestone, unless the person's profile already counts more than one of them.
     */
    public Result celebrate(CommunityAction action, Instant deadline) {
        FirstContribution c = FirstContribution.fromAction(action);
        String milestone = MILESTONES.get(c.context().type());
        if (milestone == null) {
            return skipped("Celebration", c, Outcome.NOT_A_MILESTONE, "type " + c.context().type() + " is no milestone");
        }
        if (c.isBot()) {
            return skipped("Celebration", c, Outcome.BOT, "bots are never celebrated");
        }
        if (action.context().isHistory()) {
            // the template's rule already leaves history out; a replayed or hand-put event must not greet either
            return skipped("Celebration", c, Outcome.NOT_FIRST, "history (backfill) is never celebrated");
        }
        String association = c.context().authorAssociation();
        if (association != null && MAINTAINERS.contains(association)) {
            return skipped("Celebration", c, Outcome.RETURNING, "GitHub says " + association + ": a maintainer's is no first");
        }
        Poster poster = posters.get(c.platform());
        if (poster == null) {
            return skipped("Celebration", c, Outcome.UNSUPPORTED_PLATFORM, "no way to post on platform " + c.platform());
        }
        String repo = c.context().repo();
        if (config.optedOut(c.platform(), repo)) {
            return skipped("Celebration", c, Outcome.OPTED_OUT, repo + " opted out of welcomes");
        }
        Optional<String> noTarget = poster.noTarget(c);
        if (noTarget.isPresent()) {
            return skipped("Celebration", c, Outcome.NO_TARGET, noTarget.get());
        }
        Person person = store.person(c.identity(), null);
        if (person.erased()) {
            return skipped("Celebration", c, Outcome.ERASED, "the identity was erased");
        }
        long earlier = person.count(c.context().type());
        if (earlier > 1) {
            // the scorer may or may not have counted this very action yet: more than one means an earlier one
            return skipped("Celebration", c, Outcome.NOT_FIRST, "the profile counts " + earlier + " " + c.context().type());
        }
        FirstContribution forPerson = new FirstContribution(person.id(), c.identity(), c.login(), c.platform(), c.kind(), c.action());
        Welcome message = new Welcome(forPerson, message(poster, forPerson,
                config.templates().milestone(milestone, c.platform(), repo)), List.of(), milestone);
        PlatformTokens credentials = tokens.get();
        String claimId = UUID.randomUUID().toString();
        WelcomeStore.Claim claim = store.claimCelebration(milestone, forPerson, person.id(), claimId, clock.instant(),
                leaseUntil(deadline));
        Greeting greeting = new Greeting("Celebration", milestone, forPerson, person.id(), poster, message,
                List.of(WelcomeStore.Key.celebration(milestone, person.id())));
        return deliver(greeting, claim, claimId, credentials, deadline);
    }

    /**
     * A claim is held until this invocation is surely over: its deadline plus {@link #LEASE_GRACE}. Lambda
     * retries a failed async event about 1 and then 3 minutes later, so the retry of a crashed or timed-out
     * attempt finds the claim expired and takes it over.
     */
    Instant leaseUntil(Instant deadline) {
        return deadline.plus(LEASE_GRACE);
    }

    private Result deliver(Greeting g, WelcomeStore.Claim claim, String claimId, PlatformTokens credentials, Instant deadline) {
        FirstContribution c = g.contribution();
        if (!claim.ours()) {
            String status = claim.existingStatus();
            String where = claim.existingPk() == null ? "?" : claim.existingPk();
            if (WelcomeStore.CLAIMED.equals(status)) {
                // Held by a live attempt (a concurrent delivery; a dead one's lease has run out). It may still
                // fail, so this is no success: throw, and Lambda retries later and finally dead-letters.
                metrics.count(g.kind() + "Retried", c.platform());
                throw new WelcomeRetryException(g.kind() + " of " + c.identity() + " on " + c.platform() + " is claimed by "
                        + "another attempt until " + claim.existingLeaseUntil() + " (" + where + "); to be retried", null);
            }
            return skipped(g.kind(), c, Outcome.ALREADY_WELCOMED, g.kind().toLowerCase() + " item is " + status + " (" + where + ")");
        }

        Posted posted;
        try {
            if (config.dryRun() || !g.poster().hasCredentials(credentials)) {
                String why = config.dryRun() ? "DRY_RUN=true" : "no " + c.platform() + " credentials configured";
                return dryRun(g, credentials, claimId, why);
            }
            posted = g.poster().post(g.message(), credentials, deadline);
        } catch (PermanentHttpFailure refused) {
            store.recordFailed(g.keys().get(0), claimId, clock.instant(), refused.getMessage(), refused.status());
            // the person was not greeted: give their claim back, so another platform still may
            g.keys().subList(1, g.keys().size()).forEach(key -> store.release(key, claimId));
            metrics.count(g.kind() + "Failed", c.platform());
            LOG.error("{} of {} on {} refused for good: {}", g.kind(), c.identity(), c.platform(), refused.getMessage());
            return new Result(Outcome.FAILED, refused.getMessage());
        } catch (RuntimeException transientFailure) { // TransientHttpFailure, or anything unexpected
            // every failure gives the claim back (a kill cannot: its lease runs out instead)
            g.keys().forEach(key -> store.release(key, claimId));
            metrics.count(g.kind() + "Retried", c.platform());
            throw new WelcomeRetryException(g.kind() + " of " + c.identity() + " on " + c.platform()
                    + " not posted, to be retried: " + transientFailure.getMessage(), transientFailure);
        }

        Instant now = clock.instant();
        for (WelcomeStore.Key key : g.keys()) {
            if (!store.recordSent(key, claimId, now, posted.id(), posted.url(), posted.note())) {
                LOG.warn("{} of {} on {} was posted but its claim {} had been taken over", g.kind(), c.identity(), c.platform(),
                        key.pk());
            }
        }
        if (g.milestone() == null) {
            try {
                store.markWelcomed(g.person(), now);
            } catch (RuntimeException e) {
                // The welcome is out and recorded; the profile stamp is a convenience, so do not retry for it.
                LOG.warn("welcomed_at not set on {}: {}", g.person(), e.getMessage());
            }
        }
        metrics.count(g.kind() + "Sent", c.platform());
        LOG.info("{} {} on {} ({})", g.milestone() == null ? "Welcomed" : "Celebrated " + g.milestone() + " of",
                c.identity(), c.platform(), posted.url() != null ? posted.url() : posted.id());
        return new Result(Outcome.SENT, posted.url() != null ? posted.url() : posted.id());
    }

    private Result dryRun(Greeting g, PlatformTokens credentials, String claimId, String why) {
        FirstContribution c = g.contribution();
        List<OutboundRequest> requests = g.poster().plan(g.message(), credentials);
        Instant now = clock.instant();
        g.keys().forEach(key -> store.recordDryRun(key, claimId, now, why, requests));
        if (config.dryRunDir() != null) {
            writeFile(config.dryRunDir(), g.file(), c, requests, why, now);
        }
        metrics.count(g.kind() + "DryRun", c.platform());
        LOG.info("Dry run: {} of {} on {} recorded, not posted ({})", g.kind().toLowerCase(), c.identity(), c.platform(), why);
        return new Result(Outcome.DRY_RUN, why);
    }

    /** One JSON file per welcome, written atomically, for a person (or a test) to read. */
    static Path writeFile(Path dir, String name, FirstContribution c, List<OutboundRequest> requests, String why, Instant now) {
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

    String message(Poster poster, FirstContribution c, String template) {
        String repo = c.context().repo();
        Map<String, String> values = new HashMap<>();
        values.put("login", c.login());
        values.put("mention", poster.mention(c));
        values.put("repo", repo == null ? "" : repo);
        values.put("contributing_url", orEmpty(config.link(repo, "contributing_url",
                config.contributingUrl() != null ? config.contributingUrl() : defaultContributingUrl(c))));
        values.put("community_url", orEmpty(config.link(repo, "community_url", config.communityUrl())));
        return WelcomeTemplates.render(template, values, poster::escape);
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

    private Result skipped(String kind, FirstContribution c, Outcome outcome, String why) {
        metrics.skipped(kind + "Skipped", c.platform(), outcome.name().toLowerCase());
        LOG.info("No {} for {} on {}: {} ({})", kind.toLowerCase(), c.identity(), c.platform(), outcome, why);
        return new Result(outcome, why);
    }
}
