package com.communitypulse.welcome.domain;

import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.welcome.WelcomeConfig;
import com.communitypulse.welcome.WelcomeMetrics;
import com.communitypulse.welcome.platform.GitHubLabels;
import com.communitypulse.welcome.platform.PlatformTokens;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.store.Person;
import com.communitypulse.welcome.store.WelcomeStore;
import com.communitypulse.welcome.triage.TriageConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage by scope: a live {@code issue_opened} or {@code pr_opened} on GitHub gets the labels of
 * {@code TRIAGE_CONFIG} whose keywords its title or body has or (a pull request) whose globs its changed
 * files match, and a first-time contributor's pull request the {@code first_time_contributor_label}.
 * One add-labels call, only when there is something to add; labels are never removed. Adding a label
 * twice changes nothing on GitHub, so a redelivered event needs no marker: it posts the same set again.
 * Bots, history (any {@code context.origin}) and other platforms are left alone. A permanent refusal is
 * logged and counted ({@code TriageFailed}) and the event succeeds; a transient failure throws, so Lambda
 * retries the event and finally dead-letters it. The welcome's {@code DRY_RUN} (or no GitHub credentials)
 * records the call instead.
 */
public final class TriageService {
    private static final Logger LOG = LoggerFactory.getLogger(TriageService.class);
    /** The action types triaged: what opens an issue or a pull request. */
    public static final Set<String> TYPES = Set.of(ActionTypes.ISSUE_OPENED, ActionTypes.PR_OPENED);
    /** GitHub's {@code author_association} of a first-timer. */
    static final Set<String> FIRST_TIMERS = Set.of("FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER");

    public enum Outcome { LABELLED, DRY_RUN, NOTHING_TO_ADD, FAILED, OFF, NOT_TRIAGED, UNSUPPORTED_PLATFORM, BOT, HISTORY,
        NO_TARGET }

    /** What happened, and the labels added (or that would have been, in a dry run). */
    public record Result(Outcome outcome, List<String> labels, String detail) {
    }

    private final TriageConfig triage;
    private final WelcomeConfig config;
    private final WelcomeStore store;
    private final Supplier<PlatformTokens> tokens;
    private final GitHubLabels github;
    private final WelcomeMetrics metrics;
    private final Clock clock;

    public TriageService(TriageConfig triage, WelcomeConfig config, WelcomeStore store, Supplier<PlatformTokens> tokens,
                         GitHubLabels github, WelcomeMetrics metrics, Clock clock) {
        this.triage = triage;
        this.config = config;
        this.store = store;
        this.tokens = tokens;
        this.github = github;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Result label(CommunityAction action, Instant deadline) {
        if (!triage.enabled()) {
            return new Result(Outcome.OFF, List.of(), "TRIAGE_CONFIG is empty");
        }
        FirstContribution c = FirstContribution.fromAction(action);
        String type = c.context().type();
        if (!TYPES.contains(type)) {
            return skipped(c, Outcome.NOT_TRIAGED, "type " + type + " opens no issue or pull request");
        }
        if (!"github".equals(c.platform())) {
            return skipped(c, Outcome.UNSUPPORTED_PLATFORM, "triage labels GitHub issues and pull requests only");
        }
        if (c.isBot()) {
            return skipped(c, Outcome.BOT, "a bot's issues and pull requests are not triaged");
        }
        if (c.context().origin() != null) {
            // the template's rule already leaves history out; a replayed or hand-put event must not label either
            return skipped(c, Outcome.HISTORY, "history (" + c.context().origin() + ") is not triaged");
        }
        Optional<GitHubLabels.Target> found = GitHubLabels.target(c);
        if (found.isEmpty()) {
            return skipped(c, Outcome.NO_TARGET, "no issue or pull request in the action (thread " + c.context().thread() + ")");
        }
        GitHubLabels.Target target = found.get();
        boolean pullRequest = ActionTypes.PR_OPENED.equals(type);
        String where = target.repo() + "#" + target.number();
        PlatformTokens credentials = tokens.get();
        try {
            if (!github.hasCredentials(credentials)) {
                // nothing can be read either: record what would be asked
                List<OutboundRequest> plan = new ArrayList<>(List.of(github.issueRequest(target, null)));
                if (pullRequest && triage.readsFiles()) {
                    plan.add(github.filesRequest(target, null));
                }
                plan.add(github.labelsRequest(target, List.of("<the labels matched by the reads above>"), null));
                return dryRun(c, target, List.of(), plan, "no github credentials configured: not read, not labelled");
            }
            String token = github.token(credentials, target, deadline);
            GitHubLabels.Issue issue = github.issue(target, token, deadline);
            List<String> files = pullRequest && triage.readsFiles() ? github.changedFiles(target, token, deadline) : List.of();
            Set<String> labels = new LinkedHashSet<>(triage.labelsFor(issue.title(), issue.body(), files));
            if (pullRequest && triage.firstTimeContributorLabel() != null && firstTimer(c)) {
                labels.add(triage.firstTimeContributorLabel());
            }
            List<String> toAdd = List.copyOf(labels);
            if (toAdd.isEmpty()) {
                return skipped(c, Outcome.NOTHING_TO_ADD, "no label of TRIAGE_CONFIG matches " + where
                        + (pullRequest ? " (" + files.size() + " files)" : ""));
            }
            if (config.dryRun()) {
                return dryRun(c, target, toAdd, List.of(github.labelsRequest(target, toAdd, token)), "DRY_RUN=true");
            }
            github.addLabels(target, toAdd, token, deadline);
            metrics.count("TriageLabelled", c.platform());
            LOG.info("Triage labelled {} with {}", where, toAdd);
            return new Result(Outcome.LABELLED, toAdd, where);
        } catch (PermanentHttpFailure refused) {
            // retrying cannot help (no permission, gone): say so and let the event succeed
            metrics.count("TriageFailed", c.platform());
            LOG.error("Triage of {} refused for good: {}", where, refused.getMessage());
            return new Result(Outcome.FAILED, List.of(), refused.getMessage());
        } catch (RuntimeException transientFailure) { // TransientHttpFailure, or anything unexpected
            metrics.count("TriageRetried", c.platform());
            throw new WelcomeRetryException("triage of " + where + " not done, to be retried: " + transientFailure.getMessage(),
                    transientFailure);
        }
    }

    /**
     * GitHub says so ({@code is_first_contribution}, from {@code FIRST_TIME_CONTRIBUTOR} / {@code FIRST_TIMER}); or
     * GitHub gives no verdict ({@code NONE} or nothing) and the person's profile counts no earlier pull request
     * (at most this one: the scorer handles the same event in parallel) and no merge.
     */
    boolean firstTimer(FirstContribution c) {
        var context = c.context();
        String association = context.authorAssociation();
        if (Boolean.TRUE.equals(context.isFirstContribution()) || (association != null && FIRST_TIMERS.contains(association))) {
            return true;
        }
        if (association != null && !"NONE".equals(association)) {
            return false; // CONTRIBUTOR, MEMBER, OWNER, COLLABORATOR, MANNEQUIN
        }
        Person person = store.person(c.identity(), null);
        return !person.erased() && person.count(ActionTypes.PR_OPENED) <= 1 && person.count(ActionTypes.PR_MERGED) == 0;
    }

    private Result dryRun(FirstContribution c, GitHubLabels.Target target, List<String> labels, List<OutboundRequest> requests,
                          String why) {
        if (config.dryRunDir() != null) {
            WelcomeService.writeFile(config.dryRunDir(), "triage-github-" + target.repo().replace('/', '_') + "-"
                    + target.number() + ".json", c, requests, why, clock.instant());
        }
        metrics.count("TriageDryRun", c.platform());
        LOG.info("Dry run: triage of {}#{} recorded, not labelled ({}): {}", target.repo(), target.number(), why, labels);
        return new Result(Outcome.DRY_RUN, labels, why);
    }

    private Result skipped(FirstContribution c, Outcome outcome, String why) {
        metrics.skipped("TriageSkipped", c.platform(), outcome.name().toLowerCase());
        LOG.info("No triage for {} on {}: {} ({})", c.identity(), c.platform(), outcome, why);
        return new Result(outcome, List.of(), why);
    }
}
