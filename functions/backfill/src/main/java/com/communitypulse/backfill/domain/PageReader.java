package com.communitypulse.backfill.domain;

import com.communitypulse.backfill.domain.HistoryMapper.Author;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.store.BackfillStore;
import com.communitypulse.backfill.store.BackfillStore.PageMark;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step's reading: the rate-limit window, the repository, then page after page at the state's cursor. A page
 * is read whole, mapped whole (a malformed item refuses it before anything of it is published), published, and
 * only then are its ETag and the cursor after it recorded; the caller saves the state.
 */
final class PageReader {
    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);
    /** The webhook's bus budget for a detail (DetailProjection there); the backfill's payloads are far smaller. */
    static final int MAX_DETAIL_BYTES = 240 * 1024;
    private static final Pattern PAGE_NUMBER = Pattern.compile("[?&]page=(\\d+)");

    private final BackfillState state;
    private final GitHubRest github;
    private final BackfillStore store;
    private final EventPublisher publisher;
    private final BackfillService.Settings settings;
    private final Clock clock;
    private final Instant deadline;
    private final RateBudget budget;
    private final GitHubRest.Spend spend = new GitHubRest.Spend();
    private int recordedSpend;
    private JsonNode repository;
    private int pages;
    private int items;
    private int events;

    PageReader(BackfillState state, GitHubRest github, BackfillStore store, EventPublisher publisher,
               BackfillService.Settings settings, Clock clock, Instant deadline) {
        this.state = state;
        this.github = github;
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.deadline = deadline;
        this.budget = new RateBudget(settings.rateShare(), state.rateFloor, state.rateReset, state.rateRemaining);
    }

    /** The rate limit (a free look-up) and the repository (conditional: a 304 when it has not changed). */
    void openWindow() {
        github.lookUpLimit(budget, spend);
        String etag = settings.conditionalRequests() && state.repositoryJson != null ? state.repositoryEtag : null;
        GitHubRest.Page answer = github.get("/repos/" + state.source, GitHubRest.JSON, etag, budget, spend, deadline);
        if (answer.unchanged()) {
            try {
                repository = Json.mapper().readTree(state.repositoryJson);
            } catch (IOException e) {
                throw new IllegalStateException("the stored repository is not JSON", e);
            }
            return;
        }
        if (!answer.body().isObject() || !answer.body().hasNonNull("full_name")) {
            throw new GitHubRest.Refused(200, "GitHub's repository " + state.source + " has no full_name");
        }
        repository = HistoryMapper.repository(answer.body());
        state.repositoryJson = repository.toString();
        state.repositoryEtag = answer.etag();
    }

    /** Reads, maps and publishes the page at the cursor, and moves the cursor past it. */
    void readPage() {
        Instant began = clock.instant();
        Cursor cursor = state.cursor;
        String page = cursor.page();
        Optional<PageMark> mark = settings.conditionalRequests()
                ? store.pageMark(state.platform, state.source, page) : Optional.empty();
        String accept = cursor.phase() == Phase.STARS ? GitHubRest.STAR_JSON : GitHubRest.JSON;
        if (cursor.phase() == Phase.REVIEWS && budget.remaining() != null && budget.left() < Phase.REVIEW_PAGE + 1
                && budget.reset() != null && clock.instant().isBefore(budget.reset())) {
            // a reviews page is read whole or not at all: not begun when the share cannot pay for all its PRs
            throw new GitHubRest.Limited("the backfill's share of the rate limit cannot pay for a page of reviews until "
                    + budget.reset(), budget.reset(), false);
        }
        GitHubRest.Page answer = github.get(page, accept, mark.map(PageMark::etag).orElse(null), budget, spend, deadline);
        if (answer.unchanged() && mark.isPresent()) {
            pages++;
            state.pages++;
            state.pagesUnchanged++;
            state.cursor = mark.get().next();
            state.phasePagesLeft = Math.max(0, state.phasePagesLeft - 1);
            state.busySeconds += seconds(began);
            return;
        }
        if (!answer.body().isArray()) {
            throw new GitHubRest.Refused(200, "GitHub's page " + page + " is not a JSON list");
        }
        List<Cursor.Seen> seen = new ArrayList<>();
        List<RawDelivery> deliveries = new ArrayList<>();
        List<Author> authors = new ArrayList<>();
        List<JsonNode> comments = new ArrayList<>();
        List<JsonNode> pulls = new ArrayList<>();
        int fresh = 0;
        for (JsonNode item : answer.body()) {
            Cursor.Seen at = seen(item, cursor.phase());
            seen.add(at);
            if (cursor.alreadyRead(at)) {
                continue; // read on the page before: GitHub's since is inclusive
            }
            fresh++;
            switch (cursor.phase()) {
                case ISSUES -> {
                    deliveries.addAll(HistoryMapper.issue(item, repository, clock.instant()));
                    authors.add(HistoryMapper.author(item));
                }
                case COMMENTS, REVIEW_COMMENTS -> comments.add(item);
                case REVIEWS -> pulls.add(item);
                case STARS -> deliveries.add(HistoryMapper.star(item, repository, clock.instant()));
                case DONE -> throw new IllegalStateException("no page to read when done");
            }
        }
        if (!comments.isEmpty()) {
            deliveries.addAll(commentDeliveries(comments, cursor.phase() == Phase.REVIEW_COMMENTS));
        }
        if (cursor.phase() == Phase.REVIEWS) {
            fresh = 0; // a reviews page's items are its reviews, not the PRs that list them
            for (JsonNode pull : pulls) {
                List<JsonNode> reviews = reviews(pull);
                fresh += reviews.size();
                for (JsonNode review : reviews) {
                    HistoryMapper.review(review, pull, repository, clock.instant()).ifPresent(deliveries::add);
                }
            }
        }
        if (state.runSince != null) {
            // an item updated since may have happened long before: its older actions were counted already
            deliveries.removeIf(d -> {
                Instant at = HistoryMapper.happenedAt(d);
                return at != null && at.isBefore(state.runSince);
            });
        }
        publish(deliveries);
        if (!authors.isEmpty()) {
            store.saveAuthors(state.platform, state.source, authors, clock.instant());
        }
        Cursor next = cursor.after(seen, answer.next(), state.source, state.runSince);
        if (answer.etag() != null && settings.conditionalRequests()) {
            store.savePageMark(state.platform, state.source, page, new PageMark(answer.etag(), next, fresh));
        }
        pages++;
        state.pages++;
        items += fresh;
        state.itemsFetched += fresh;
        state.cursor = next;
        state.phasePagesLeft = next.phase() != cursor.phase() ? 0 : Math.max(0, answer.lastPage() - pageNumber(answer.next()) + 1);
        state.busySeconds += seconds(began);
    }

    /** A PR's reviews, every page of them (a PR with more than 100 reviews is rare), skipped when gone. */
    private List<JsonNode> reviews(JsonNode pull) {
        if (!pull.path("number").canConvertToLong()) {
            throw new HistoryMapper.MalformedItem("a pull request has no number");
        }
        if (state.runSince != null && updatedBefore(pull, state.runSince)) {
            return List.of(); // not updated since: no review submitted since (a review updates its PR)
        }
        List<JsonNode> reviews = new ArrayList<>();
        String page = "/repos/" + state.source + "/pulls/" + pull.path("number").asLong() + "/reviews?per_page=" + Phase.PER_PAGE;
        while (page != null) {
            GitHubRest.Page answer;
            try {
                answer = github.get(page, GitHubRest.JSON, null, budget, spend, deadline);
            } catch (GitHubRest.Refused gone) {
                if (gone.status() != 404 && gone.status() != 410) {
                    throw gone;
                }
                LOG.info("backfill {}: PR #{} is gone ({}): its reviews are skipped", state.source, pull.path("number"), gone.status());
                return List.of();
            }
            if (!answer.body().isArray()) {
                throw new GitHubRest.Refused(200, "GitHub's page " + page + " is not a JSON list");
            }
            answer.body().forEach(reviews::add);
            page = answer.next();
        }
        return reviews;
    }

    private static boolean updatedBefore(JsonNode item, Instant since) {
        try {
            return OffsetDateTime.parse(item.path("updated_at").asText("")).toInstant().isBefore(since);
        } catch (DateTimeException e) {
            return false; // no time to judge by: read it
        }
    }

    /**
     * The page's comments (on issues, or review comments on PRs' diffs), each on the thread of its issue or PR
     * (authors read from the table, else from GitHub: a PR is an issue there too).
     */
    private List<RawDelivery> commentDeliveries(List<JsonNode> comments, boolean onDiffs) {
        Set<Long> numbers = new LinkedHashSet<>();
        for (JsonNode comment : comments) {
            numbers.add(number(comment, onDiffs));
        }
        Map<Long, Author> authors = new LinkedHashMap<>(store.authors(state.platform, state.source, numbers));
        List<Author> fetched = new ArrayList<>();
        for (Long number : numbers) {
            if (!authors.containsKey(number)) {
                try {
                    GitHubRest.Page issue = github.get("/repos/" + state.source + "/issues/" + number, GitHubRest.JSON, null,
                            budget, spend, deadline);
                    Author author = HistoryMapper.author(issue.body());
                    authors.put(number, author);
                    fetched.add(author);
                } catch (GitHubRest.Refused gone) {
                    if (gone.status() != 404 && gone.status() != 410) {
                        throw gone;
                    }
                    LOG.info("backfill {}: issue #{} is gone ({}): its comments are skipped", state.source, number, gone.status());
                }
            }
        }
        if (!fetched.isEmpty()) {
            store.saveAuthors(state.platform, state.source, fetched, clock.instant());
        }
        List<RawDelivery> deliveries = new ArrayList<>();
        for (JsonNode comment : comments) {
            Author parent = authors.get(number(comment, onDiffs));
            if (parent == null) {
                state.skipped++;
                continue;
            }
            deliveries.add(onDiffs ? HistoryMapper.reviewComment(comment, parent, repository, clock.instant())
                    : HistoryMapper.comment(comment, parent, repository, clock.instant()));
        }
        return deliveries;
    }

    private static long number(JsonNode comment, boolean onDiffs) {
        return onDiffs
                ? HistoryMapper.pullNumber(comment).orElseThrow(() ->
                        new HistoryMapper.MalformedItem("a review comment has no pull_request_url ending in /pulls/{number}"))
                : HistoryMapper.issueNumber(comment).orElseThrow(() ->
                        new HistoryMapper.MalformedItem("a comment has no issue_url ending in /issues/{number}"));
    }

    private void publish(List<RawDelivery> deliveries) {
        List<BusEvent> batch = new ArrayList<>(deliveries.size());
        for (RawDelivery delivery : deliveries) {
            String detail;
            try {
                detail = Json.mapper().writeValueAsString(delivery);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise a delivery", e);
            }
            if (detail.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL_BYTES) {
                state.skipped++;
                LOG.warn("backfill {}: {} is over the bus limit even cut down; skipped", state.source, delivery.deliveryId());
                continue;
            }
            batch.add(new BusEvent(Sources.WEBHOOK, delivery.platform() + "." + delivery.event(), detail));
        }
        publisher.publish(batch);
        events += batch.size();
        state.eventsPublished += batch.size();
    }

    /** An item's id and time in its list's order: issues and comments by {@code updated_at}, stars by {@code starred_at}. */
    static Cursor.Seen seen(JsonNode item, Phase phase) {
        if (item == null || !item.isObject()) {
            throw new HistoryMapper.MalformedItem("a list item is not a JSON object");
        }
        JsonNode id = phase == Phase.STARS ? item.path("user").path("id") : item.path("id");
        if (!id.canConvertToLong()) {
            throw new HistoryMapper.MalformedItem("a " + phase.name().toLowerCase() + " item has no numeric id");
        }
        String text = item.path(phase.timeField()).asText("");
        try {
            return new Cursor.Seen(id.asLong(), OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException e) {
            throw new HistoryMapper.MalformedItem("a " + phase.name().toLowerCase() + " item has no " + phase.timeField());
        }
    }

    private static int pageNumber(String path) {
        if (path == null) {
            return 0;
        }
        Matcher matcher = PAGE_NUMBER.matcher(path);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private double seconds(Instant began) {
        return Duration.between(began, clock.instant()).toMillis() / 1000.0;
    }

    /** Adds the requests spent since the last call, and the budget's view, to the state. */
    void recordSpend() {
        state.requests += spend.counted() - recordedSpend;
        recordedSpend = spend.counted();
        state.rateRemaining = budget.remaining();
        state.rateFloor = budget.floor();
        state.rateReset = budget.reset();
    }

    GitHubRest.Spend spend() {
        return spend;
    }

    int pages() {
        return pages;
    }

    int items() {
        return items;
    }

    int events() {
        return events;
    }
}
