package com.communitypulse.bench;

import com.communitypulse.backfill.BackfillHandler;
import com.communitypulse.backfill.BackfillMetrics;
import com.communitypulse.backfill.domain.BackfillService;
import com.communitypulse.backfill.domain.BackfillState;
import com.communitypulse.backfill.platform.GitHubRest;
import com.communitypulse.backfill.platform.GitHubToken;
import com.communitypulse.backfill.store.DynamoDbBackfillStore;
import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.normalise.NormaliseHandler;
import com.communitypulse.normalise.NormaliseMetrics;
import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.score.ScoreAction;
import com.communitypulse.score.ScoreHandler;
import com.communitypulse.score.ScoreMetrics;
import com.communitypulse.score.ScoringService;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.store.ErasedIdentities;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.testkit.github.StandInGitHub;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Section 7: a GitHub backfill of a 10,000-issue repository (issues and PRs, comments, review comments, reviews,
 * stars) from testkit's {@link StandInGitHub}, then what it published recorded in the contributor table. The
 * backfill runs in this JVM as {@code BackfillIT} wires it (its handler, {@code GitHubRest},
 * {@code DynamoDbBackfillStore}), each {@code backfill.continue} it publishes handed back to it; its deliveries are
 * then taken, as EventBridge's rules would take them, through the real {@code NormaliseHandler} and
 * {@code ScoreHandler} on worker threads into DynamoDB Local. The two parts run one after the other, each measured
 * alone (deployed they run side by side on separate Lambdas). DynamoDB calls are counted by an SDK interceptor on
 * each side's own client ({@link DynamoCalls}): the backfill's (checkpoints, page marks, authors) and the scorer's.
 * Then the same window again, which should publish nothing and cost no counted GitHub request.
 */
final class BackfillThroughput {
    static final String REPOSITORY = "octo-org/hello-world";
    static final String TABLE = "contributors";
    /** Raised from GitHub's 5,000 an hour so the rate budget never stops the run (the text prices the real one). */
    static final int RATE_LIMIT = 1_000_000;
    static final int GITHUB_LIMIT = 5_000;
    static final double RATE_SHARE = 0.5;

    /** The repository's history, as {@code StandInGitHub.generate(...).withReviews(...)} makes it. */
    record Shape(int issues, int commentsEach, int stars, int people, int tied, int reviewsEach, int reviewCommentsEach) {
    }

    /** A repository of {@code issues} issues and PRs, its other lists in proportion. */
    static Shape shape(int issues) {
        return new Shape(issues, 2, issues / 5, Math.max(10, issues / 10), Math.min(150, issues / 10), 2, 1);
    }

    /** The backfill's part of a run of the window: what it read and published, and what that cost. */
    record Fetch(String label, int steps, double seconds, long items, long pages, long pagesUnchanged, long deliveries,
                 int counted, int unchanged, List<String> paths, Map<String, DynamoCalls.Tally> calls, String status,
                 String lastError) {
        Map<String, Integer> requestsByList() {
            return byList(paths);
        }
    }

    /** The recording of what a run published: normalised, scored, written. */
    record Recording(int deliveries, long delivered, long actions, long recorded, long redelivered, long attempts,
                     long failures, String firstFailure, double seconds, Map<String, DynamoCalls.Tally> calls,
                     Map<String, Long> scorerEvents) {
        boolean complete() {
            return delivered == deliveries;
        }
    }

    private final Repo repo;
    private final Shape shape;
    private final int workers;
    private final Duration stepTime;
    private final Duration recordBudget;
    private final boolean profile;
    private final Path work;

    /**
     * @param recordBudget how long the recording may take before it stops (zero: until everything is recorded)
     * @param profile      a JFR profile of the recording, appended to the section
     */
    BackfillThroughput(Repo repo, Shape shape, int workers, Duration stepTime, Duration recordBudget, boolean profile,
                       Path work) {
        this.repo = repo;
        this.shape = shape;
        this.workers = workers;
        this.stepTime = stepTime;
        this.recordBudget = recordBudget;
        this.profile = profile;
        this.work = work;
    }

    Section run() throws Exception {
        // DynamoDB Local and anything else that prints: to a file, so the console keeps the progress lines
        PrintStream console = System.out;
        Path log = work.resolve("backfill-system.log");
        System.setOut(new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8));
        Throughput.reattachConsoleLogging();
        try {
            return measure(console, log);
        } finally {
            System.out.flush();
            System.setOut(console);
            Throughput.reattachConsoleLogging();
        }
    }

    private Section measure(PrintStream console, Path log) throws Exception {
        Section section = new Section("7. Backfill throughput");
        Machine machine = Machine.describe();
        String loadAtStart = Machine.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DynamoCalls backfillCalls = new DynamoCalls(BackfillThroughput::backfillPurpose);
        DynamoCalls scorerCalls = new DynamoCalls(BackfillThroughput::scorerPurpose);
        console.println("  backfill: (DynamoDB Local's output goes to " + log + ")");
        try (DynamoDbLocal local = DynamoDbLocal.startInMemory();
             DynamoDbClient admin = local.client();
             DynamoDbClient backfillDynamo = local.client(backfillCalls);
             DynamoDbClient scorerDynamo = local.client(scorerCalls);
             StandInGitHub github = new StandInGitHub(REPOSITORY)
                     .generate(shape.issues(), shape.commentsEach(), shape.stars(), shape.people(), shape.tied())
                     .withReviews(shape.reviewsEach(), shape.reviewCommentsEach());
             Recorder recorder = new Recorder(scorerDynamo, workers)) {
            TableCreator.create(admin, TABLE, CfnTemplate.properties(
                    CfnTemplate.load(repo.template()).resources().get(TableCreator.CONTRIBUTOR_TABLE)));
            github.rateLimit(RATE_LIMIT, RATE_LIMIT, Instant.now().plusSeconds(3600));
            Map<String, Integer> itemsByList = github.itemsByList();
            int expectedActions = github.expectedActions();
            int expectedDeliveries = github.expectedDeliveries();
            console.printf("  backfill: %,d items %s; %,d deliveries, %,d actions by the stand-in's count%n", github.items(),
                    itemsByList, expectedDeliveries, expectedActions);

            Bus bus = new Bus();
            DynamoDbBackfillStore store = new DynamoDbBackfillStore(backfillDynamo, TABLE);
            GitHubRest rest = new GitHubRest(github.url(), GitHubToken.of(StandInGitHub.TOKEN), Duration.ofSeconds(10),
                    Duration.ofSeconds(5), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
            BackfillService service = new BackfillService(new BackfillService.Settings(RATE_SHARE, Duration.ZERO,
                    Duration.ofSeconds(5), true), rest, store, bus, BackfillMetrics.NONE, Clock.systemUTC());
            BackfillHandler handler = new BackfillHandler(service, stepTime, Clock.systemUTC());

            Path backfillJfr = work.resolve("backfill-first-run.jfr");
            Fetch first = profiled(backfillJfr, () -> fetch("first run", handler, store, github, bus, backfillCalls));
            console.printf("  backfill (first run): %,d items in %.1f s over %d steps (%.0f items/s), %,d deliveries,"
                            + " %,d counted GitHub requests (%.1f per 1,000 items)%n", first.items(), first.seconds(),
                    first.steps(), first.items() / first.seconds(), first.deliveries(), first.counted(),
                    first.counted() * 1000.0 / Math.max(1, first.items()));
            Path recordingJfr = work.resolve("backfill-recording.jfr");
            List<BusEvent> published = bus.drain();
            Recording recording = profiled(recordingJfr, () -> recorder.record(published, recordBudget, scorerCalls));
            console.printf("  backfill (recording): %,d of %,d deliveries, %,d actions recorded in %.1f s (%.0f actions/s)%s%n",
                    recording.delivered(), recording.deliveries(), recording.recorded(), recording.seconds(),
                    recording.recorded() / recording.seconds(), recording.complete() ? "" : ", stopped by the budget");
            Fetch again = fetch("the same window again", handler, store, github, bus, backfillCalls);
            int publishedAgain = bus.drain().size();
            console.printf("  backfill (the same window again): %,d items, %,d deliveries, %,d counted GitHub requests,"
                    + " %,d answered 304, in %.1f s%n", again.items(), publishedAgain, again.counted(), again.unchanged(),
                    again.seconds());
            double floor = replay(github, first.paths());
            console.printf("  backfill (floor): the first run's %,d requests replayed by a bare HTTP client in %.1f s%n",
                    first.paths().size(), floor);
            long tableItems = admin.scanPaginator(r -> r.tableName(TABLE).select("COUNT")).stream()
                    .mapToLong(p -> p.count()).sum();
            write(section, machine, startedAt, loadAtStart, Machine.loadAverage(), first, floor, recording, again, itemsByList,
                    github.items(), expectedDeliveries, expectedActions, tableItems);
            if (profile) {
                section.line("");
                section.line("### Where the first run's time goes (JFR, all threads of the bench JVM: the stand-in's and DynamoDB Local's too)");
                section.line("");
                section.line(JfrSummary.summarize(backfillJfr, 14, null));
                section.line("");
                section.line("### Where the recording's time goes (JFR, all threads of the bench JVM)");
                section.line("");
                section.line(JfrSummary.summarize(recordingJfr, 14, null));
            }
        }
        return section;
    }

    /** {@code work}, under a JFR recording to {@code jfr} when profiling. */
    private <T> T profiled(Path jfr, java.util.concurrent.Callable<T> work) throws Exception {
        if (!profile) {
            return work.call();
        }
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
            recording.setDestination(jfr);
            recording.start();
            T result = work.call();
            recording.stop();
            return result;
        }
    }

    /** One run of the window: the request, then each {@code backfill.continue} it publishes, until there is none. */
    private Fetch fetch(String label, BackfillHandler handler, DynamoDbBackfillStore store, StandInGitHub github, Bus bus,
                        DynamoCalls calls) {
        Map<String, DynamoCalls.Tally> before = calls.tallies();
        int countedBefore = github.counted.get();
        int unchangedBefore = github.unchanged.get();
        int pathsBefore = github.paths.size();
        long started = System.nanoTime();
        handler.handleRequest(Map.of("source", Sources.BACKFILL, "detail-type", Sources.BACKFILL_REQUESTED,
                "detail", Map.of("platform", "github", "repository", REPOSITORY)), null);
        int steps = 1;
        for (BusEvent next = bus.nextContinue(); next != null; next = bus.nextContinue()) {
            handler.handleRequest(envelope(next), null);
            steps++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        BackfillState state = store.state("github", REPOSITORY).orElseThrow();
        List<String> paths;
        synchronized (github.paths) {
            paths = new ArrayList<>(github.paths.subList(pathsBefore, github.paths.size()));
        }
        return new Fetch(label, steps, seconds, state.itemsFetched, state.pages, state.pagesUnchanged, bus.published(),
                github.counted.get() - countedBefore, github.unchanged.get() - unchangedBefore, paths,
                DynamoCalls.minus(calls.tallies(), before), state.status.name().toLowerCase(), state.lastError);
    }

    private void write(Section section, Machine machine, Instant startedAt, String loadAtStart, String loadAtEnd,
                       Fetch first, double floor, Recording rec, Fetch again, Map<String, Integer> itemsByList, int totalItems,
                       int expectedDeliveries, int expectedActions, long tableItems) {
        int prs = shape.issues() / 3;
        section.line(String.format("Run %s with `--only=backfill` on %d cores (%s, %s, %s); load average at start %s, at"
                        + " end %s.", startedAt, machine.cores(), machine.cpuModel(), machine.memory(), machine.jdk(),
                loadAtStart, loadAtEnd));
        section.line("");
        section.line(String.format("The repository: testkit's `StandInGitHub` (JDK HttpServer on loopback: `Link` pages,"
                        + " `since`, ETags and free 304s, `x-ratelimit-*`), `generate(%d, %d, %d, %d, %d).withReviews(%d, %d)`:"
                        + " %,d issues and PRs (every third a PR: merged, closed, open in turn), %d comments on every other"
                        + " one, %,d stars, and on each of the %,d PRs %d reviews and %d review comment, by %,d people:"
                        + " **%,d items**, which make %,d deliveries and **%,d actions** by the stand-in's own count.",
                shape.issues(), shape.commentsEach(), shape.stars(), shape.people(), shape.tied(), shape.reviewsEach(),
                shape.reviewCommentsEach(), shape.issues(), shape.commentsEach(), shape.stars(), prs, shape.reviewsEach(),
                shape.reviewCommentsEach(), shape.people(), totalItems, expectedDeliveries, expectedActions));
        section.line("");
        section.line(String.format("**The backfill** runs in this JVM as `BackfillIT` wires it: `BackfillHandler` over"
                        + " `BackfillService`, `GitHubRest` and `DynamoDbBackfillStore` on DynamoDB Local (the template's"
                        + " table, in this JVM), rate share %.1f, conditional requests on, steps cut at %d s (deployed:"
                        + " 240 s), each `backfill.continue` it publishes handed back to it; its deliveries are held as the bus"
                        + " would hold them. GitHub's rate limit is raised to %,d so the budget never stops it (the last"
                        + " paragraph prices the real one). **The recording** then takes every delivery, in a shuffled order"
                        + " (EventBridge promises none, and a recording cut short is a fair sample of every list), through"
                        + " the real `NormaliseHandler` and each action through the real `ScoreHandler` (`ScoringService`,"
                        + " `DynamoDbContributorStore`, `ErasedIdentities`: what the two rules' targets run) on %d worker"
                        + " threads%s. One after the other, so each is measured alone; deployed, they run side by side on"
                        + " separate Lambdas and the slower sets the pace.",
                RATE_SHARE, stepTime.toSeconds(), RATE_LIMIT, workers, recordBudget.isZero() ? ""
                        : String.format(", for at most %d s (`--backfill-record-budget`)", recordBudget.toSeconds())));
        section.line("");
        section.line("| run | items read | deliveries published | steps | time | items/s | counted GitHub requests | per 1,000 items | answered 304 (free) | pages (unchanged) | status |");
        section.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Fetch f : List.of(first, again)) {
            section.line(String.format("| %s | %,d | %,d | %d | %.1f s | %s | %,d | %s | %,d | %,d (%,d) | %s |", f.label(),
                    f.items(), f.deliveries(), f.steps(), f.seconds(), f.items() == 0 ? "-" : String.format("%,.0f", f.items() / f.seconds()),
                    f.counted(), f.items() == 0 ? "-" : String.format("%.1f", f.counted() * 1000.0 / f.items()),
                    f.unchanged(), f.pages(), f.pagesUnchanged(), f.status() + (f.lastError() == null ? "" : ": " + f.lastError())));
        }
        section.line("");
        section.line(String.format("Floor: the first run's %,d requests to the stand-in replayed one at a time by a bare"
                        + " `java.net.http` client (the same answers, read and dropped: nothing parsed, stored or published)"
                        + " take %.1f s. Of the backfill's %.1f s, that much is the stand-in answering and the round trips,"
                        + " the other %.1f s the backfill's own work: parsing and mapping the pages, serialising the"
                        + " deliveries, and its %,d DynamoDB calls, answered by DynamoDB Local on the same cores (%s the"
                        + " floor; `--profile` shows where).", first.paths().size(), floor, first.seconds(),
                first.seconds() - floor, DynamoCalls.calls(first.calls().values()), Section.ratio(first.seconds() / floor)));
        section.line("");
        section.line("| recording | deliveries | actions normalised | actions recorded | time | deliveries/s | actions recorded/s | score attempts per action | failures | the scorer's own events |");
        section.line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        section.line(String.format("| first run's | %,d of %,d | %,d | %,d%s | %.1f s | %,.0f | **%,.0f** | %.2f | %d%s | %s |",
                rec.delivered(), rec.deliveries(), rec.actions(), rec.recorded(),
                rec.redelivered() > 0 ? String.format(" (+%,d found recorded)", rec.redelivered()) : "", rec.seconds(),
                rec.delivered() / rec.seconds(), rec.recorded() / rec.seconds(),
                rec.attempts() / (double) Math.max(1, rec.recorded() + rec.redelivered()), rec.failures(),
                rec.firstFailure() == null ? "" : " (" + rec.firstFailure() + ")",
                rec.scorerEvents().isEmpty() ? "none (history greets nobody)" : rec.scorerEvents().toString()));
        section.line("");

        double actionsPerSecond = rec.recorded() / rec.seconds();
        double recordAll = rec.complete() ? rec.seconds() : expectedActions / actionsPerSecond;
        boolean allPublished = first.deliveries() == expectedDeliveries;
        StringBuilder verdict = new StringBuilder();
        verdict.append(allPublished ? String.format("The first run published exactly the stand-in's %,d deliveries", expectedDeliveries)
                : String.format("**The first run published %,d deliveries, the stand-in counts %,d**", first.deliveries(), expectedDeliveries));
        if (rec.complete()) {
            verdict.append(rec.recorded() == expectedActions && rec.failures() == 0
                    ? String.format(", and all %,d actions were recorded once (%,d items in the table afterwards).", expectedActions, tableItems)
                    : String.format("; **%,d of the stand-in's %,d actions recorded, %d failures**.", rec.recorded(), expectedActions, rec.failures()));
        } else {
            verdict.append(String.format("; the recording stopped at its budget with %,d of them done (%.0f%%), so recording"
                            + " all %,d actions would take about %.0f s at that pace.", rec.delivered(),
                    100.0 * rec.delivered() / rec.deliveries(), expectedActions, recordAll));
        }
        verdict.append(again.deliveries() == 0 && again.counted() == 0
                ? String.format(" The same window again published nothing and cost **0 counted GitHub requests** (%,d answered"
                + " 304; the rate-limit look-up is free) in %.1f s.", again.unchanged(), again.seconds())
                : String.format(" **The same window again published %,d deliveries and cost %,d counted GitHub requests.**",
                again.deliveries(), again.counted()));
        section.line(verdict.toString());
        section.line("");
        section.line(String.format("So here: **%,.0f items/s read and published** by the backfill, **%,.0f actions recorded/s**"
                        + " by the recording, which is the slower part (DynamoDB Local's transactions: one TransactWriteItems"
                        + " of ~6 items per action, as in section 3). The whole repository, read and recorded one part after"
                        + " the other on these cores: %.0f s + %.0f s, **%,.0f items recorded per second** (%,.0f actions/s).",
                first.items() / first.seconds(), actionsPerSecond, first.seconds(), recordAll,
                totalItems / (first.seconds() + recordAll), expectedActions / (first.seconds() + recordAll)));
        section.line("");

        section.line("GitHub requests of the first run by list (from the stand-in's log of paths, 304s and the free"
                + " rate-limit look-ups included):");
        section.line("");
        section.line("| list | items | requests | per 1,000 of its items |");
        section.line("|---|---:|---:|---:|");
        Map<String, Integer> requests = first.requestsByList();
        Map<String, Integer> items = new LinkedHashMap<>();
        items.put(ISSUES, itemsByList.get("issues"));
        items.put(COMMENTS, itemsByList.get("comments"));
        items.put(REVIEW_COMMENTS, itemsByList.get("review comments"));
        items.put(PULLS, 0);
        items.put(REVIEWS, itemsByList.get("reviews"));
        items.put(STARS, itemsByList.get("stars"));
        items.put(ISSUE_LOOKUPS, 0);
        items.put(REPOSITORY_GET, 0);
        items.put(RATE_LIMIT_GET, 0);
        requests.keySet().stream().filter(k -> !items.containsKey(k)).forEach(k -> items.put(k, 0));
        for (Map.Entry<String, Integer> e : items.entrySet()) {
            int n = requests.getOrDefault(e.getKey(), 0);
            section.line(String.format("| %s | %s | %,d | %s |", e.getKey(), e.getValue() == 0 ? "" : String.format("%,d", e.getValue()),
                    n, e.getValue() == 0 ? "" : String.format("%.1f", n * 1000.0 / e.getValue())));
        }
        int reviewPhase = requests.getOrDefault(PULLS, 0) + requests.getOrDefault(REVIEWS, 0);
        int withoutReviewItems = totalItems - itemsByList.get("reviews");
        int withoutReviews = first.counted() - reviewPhase;
        section.line("");
        section.line(String.format("**%.1f counted GitHub requests per 1,000 items** (%,d for %,d items). Without the reviews"
                        + " phase (its `/pulls` pages and one `/reviews` request per PR; GitHub's REST API has no list of a"
                        + " repository's reviews) and its %,d reviews: **%.1f per 1,000 items** (%,d for %,d).",
                first.counted() * 1000.0 / totalItems, first.counted(), totalItems, itemsByList.get("reviews"),
                withoutReviews * 1000.0 / withoutReviewItems, withoutReviews, withoutReviewItems));
        section.line("");

        section.line("DynamoDB requests, as the SDK makes them (retries aside), counted on each side's own client;"
                + " \"refused\": a condition or a transaction cancelled (the scorer's profile changed under a concurrent"
                + " score of the same person, and it scored again):");
        section.line("");
        section.line("| part | for | call | calls | per item read | per action recorded | items per call | refused |");
        section.line("|---|---|---|---|---:|---:|---:|---:|");
        rows(section, "backfill, first run", first.calls(), first.items(), 0);
        rows(section, "recording", rec.calls(), 0, rec.recorded());
        rows(section, "backfill, same window again", again.calls(), 0, 0);
        long backfill = DynamoCalls.calls(first.calls().values());
        long scorer = DynamoCalls.calls(rec.calls().values());
        double perAction = scorer / (double) Math.max(1, rec.recorded());
        double actionsPerItem = expectedActions / (double) totalItems;
        section.line("");
        section.line(String.format("The backfill's own: **%.3f DynamoDB requests per item** (%,d for %,d items over %,d"
                        + " pages: each page's mark read and written and the state saved, the authors of a page of issues"
                        + " written, and read back by each page of comments). The scorer's: **%.2f per action recorded**."
                        + " Together, for this repository's %.2f actions per item: **%.2f DynamoDB requests per item**. The"
                        + " same window again: %,d requests (%.1f per page: its mark read, the state saved).",
                backfill / (double) first.items(), backfill, first.items(), first.pages(), perAction, actionsPerItem,
                backfill / (double) first.items() + perAction * actionsPerItem, DynamoCalls.calls(again.calls().values()),
                DynamoCalls.calls(again.calls().values()) / (double) Math.max(1, again.pages())));
        section.line("");
        double hours = first.counted() / (GITHUB_LIMIT * RATE_SHARE);
        section.line(String.format("Against GitHub the pace is GitHub's (a page takes it 0.3 to 1 s; here a request took"
                        + " ~%.0f ms on average, everything else included) and the rate budget bounds a run: at the"
                        + " default share (%.1f) of a token's %,d an hour, this repository's %,d requests are %.1f hours of"
                        + " budget, %.1f without the reviews phase.",
                first.seconds() * 1000 / Math.max(1, first.counted()), RATE_SHARE, GITHUB_LIMIT, first.counted(), hours,
                withoutReviews / (GITHUB_LIMIT * RATE_SHARE)));
    }

    private static void rows(Section section, String part, Map<String, DynamoCalls.Tally> tallies, long items, long actions) {
        tallies.forEach((key, t) -> {
            String[] parts = key.split("\\|");
            section.line(String.format("| %s | %s | %s | %,d | %s | %s | %.1f | %s |", part, parts[0], parts[1], t.calls(),
                    items == 0 ? "" : String.format("%.3f", t.calls() / (double) items),
                    actions == 0 ? "" : String.format("%.3f", t.calls() / (double) actions),
                    t.items() / (double) t.calls(), t.failed() == 0 ? "" : String.format("%,d", t.failed())));
        });
        long calls = DynamoCalls.calls(tallies.values());
        section.line(String.format("| %s | **all** | | **%,d** | %s | %s | | |", part, calls,
                items == 0 ? "" : String.format("**%.3f**", calls / (double) items),
                actions == 0 ? "" : String.format("**%.3f**", calls / (double) actions)));
    }

    /** The requests replayed in order by a bare client (the stand-in's answers read and dropped): the seconds they take. */
    static double replay(StandInGitHub github, List<String> paths) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long started = System.nanoTime();
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(github.url() + path)).GET()
                    .header("Authorization", "Bearer " + StandInGitHub.TOKEN)
                    .header("Accept", path.contains("/stargazers") ? GitHubRest.STAR_JSON : GitHubRest.JSON).build();
            int status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("the stand-in answered " + status + " to the replay of " + path);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static final String ISSUES = "issues and PRs (`/issues`)";
    static final String COMMENTS = "comments (`/issues/comments`)";
    static final String REVIEW_COMMENTS = "review comments (`/pulls/comments`)";
    static final String PULLS = "PRs listed for their reviews (`/pulls`)";
    static final String REVIEWS = "reviews (`/pulls/{n}/reviews`, one per PR)";
    static final String STARS = "stars (`/stargazers`)";
    static final String ISSUE_LOOKUPS = "an issue looked up for its comments (`/issues/{n}`)";
    static final String REPOSITORY_GET = "the repository (`/repos/{o}/{r}`, once a step; 304 after the first)";
    static final String RATE_LIMIT_GET = "rate limit (`/rate_limit`, free)";

    /** The stand-in's requests by the list they read. */
    static Map<String, Integer> byList(List<String> paths) {
        Map<String, Integer> out = new TreeMap<>();
        String base = "/repos/" + REPOSITORY;
        for (String full : paths) {
            String path = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
            String list;
            if (path.equals("/rate_limit")) {
                list = RATE_LIMIT_GET;
            } else if (path.equals(base)) {
                list = REPOSITORY_GET;
            } else if (path.equals(base + "/issues")) {
                list = ISSUES;
            } else if (path.equals(base + "/issues/comments")) {
                list = COMMENTS;
            } else if (path.equals(base + "/pulls/comments")) {
                list = REVIEW_COMMENTS;
            } else if (path.equals(base + "/pulls")) {
                list = PULLS;
            } else if (path.startsWith(base + "/pulls/") && path.endsWith("/reviews")) {
                list = REVIEWS;
            } else if (path.equals(base + "/stargazers")) {
                list = STARS;
            } else if (path.startsWith(base + "/issues/")) {
                list = ISSUE_LOOKUPS;
            } else {
                list = "other: `" + path + "`";
            }
            out.merge(list, 1, Integer::sum);
        }
        return out;
    }

    /** The backfill's items (TableKeys): its state item, each page's mark, the authors of issues and PRs. */
    static String backfillPurpose(List<String> keys) {
        String key = keys.isEmpty() ? "" : keys.get(0);
        if (key.equals("BACKFILL") || key.startsWith("BACKFILL ")) {
            return "checkpoint (state item)";
        } else if (key.contains(" ETAG#")) {
            return "page marks";
        } else if (key.contains(" AUTHOR#")) {
            return "authors";
        }
        return "other";
    }

    /** The scorer's: the erasure check, the profile read, the one transaction, the activity's events flag. */
    static String scorerPurpose(List<String> keys) {
        if (keys.isEmpty()) {
            return "other";
        }
        if (keys.stream().allMatch(k -> k.startsWith("ERASED#"))) {
            return "erasure check";
        }
        if (keys.size() > 1) {
            return "the action's transaction";
        }
        String key = keys.get(0);
        if (key.startsWith("PERSON#")) {
            return "profile";
        } else if (key.startsWith("DAY#")) {
            return "activity (events published)";
        }
        return key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
    }

    /** The envelope EventBridge hands a target: the detail as an object. */
    static Map<String, Object> envelope(BusEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", event.detailType());
        envelope.put("source", event.source());
        envelope.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            envelope.put("detail", Json.mapper().readValue(event.detail(), new TypeReference<Map<String, Object>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("a bus detail that is not JSON", e);
        }
        return envelope;
    }

    /** The bus as the backfill sees it: its deliveries held for the recording, its continue events for the driver. */
    static final class Bus implements EventPublisher {
        private final List<BusEvent> deliveries = new ArrayList<>();
        private final Deque<BusEvent> continues = new ArrayDeque<>();

        @Override
        public synchronized void publish(List<BusEvent> batch) {
            for (BusEvent event : batch) {
                if (Sources.BACKFILL_CONTINUE.equals(event.detailType())) {
                    continues.add(event);
                } else {
                    deliveries.add(event);
                }
            }
        }

        synchronized BusEvent nextContinue() {
            return continues.poll();
        }

        /** Deliveries published since the last drain. */
        synchronized long published() {
            return deliveries.size();
        }

        synchronized List<BusEvent> drain() {
            List<BusEvent> out = new ArrayList<>(deliveries);
            deliveries.clear();
            return out;
        }
    }

    /**
     * What EventBridge's two rules do with a delivery: the normaliser's handler, then the scorer's on each action it
     * publishes. One pair of handlers per worker thread, as each Lambda instance has its own.
     */
    static final class Recorder implements AutoCloseable {
        private final ExecutorService pool;
        private final int workers;
        private final ThreadLocal<NormaliseHandler> handlers;
        private final LongAdder actions = new LongAdder();
        private final LongAdder recorded = new LongAdder();
        private final LongAdder redelivered = new LongAdder();
        private final LongAdder attempts = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final Map<String, LongAdder> scorerEvents = new ConcurrentHashMap<>();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();

        Recorder(DynamoDbClient dynamo, int workers) {
            this.workers = workers;
            this.pool = Executors.newFixedThreadPool(workers);
            ScoreMetrics scoreMetrics = new ScoreMetrics() {
                @Override
                public void actionScored(boolean wasRecorded, int attemptCount, int eventsPublished) {
                    (wasRecorded ? recorded : redelivered).increment();
                    attempts.add(attemptCount);
                }

                @Override
                public void actionDroppedErased() {
                }

                @Override
                public void tierReviewed(int demoted) {
                }
            };
            NormaliseMetrics normaliseMetrics = new NormaliseMetrics() {
                @Override
                public void published(String event, int count) {
                    actions.add(count);
                }

                @Override
                public void ignored(String event) {
                }

                @Override
                public void unmappable(String event) {
                    failures.increment();
                    firstFailure.compareAndSet(null, "unmappable: " + event);
                }
            };
            // the scorer's own events (first contributions, tier changes, high impact) would go on to the welcome: counted only
            EventPublisher scorerBus = batch -> batch.forEach(e ->
                    scorerEvents.computeIfAbsent(e.detailType(), k -> new LongAdder()).increment());
            this.handlers = ThreadLocal.withInitial(() -> {
                ScoringService scoring = new ScoringService(new DynamoDbContributorStore(dynamo, TABLE), scorerBus,
                        new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
                ScoreHandler score = new ScoreHandler(new ScoreAction(scoring,
                        new ErasedIdentities(dynamo, TABLE, ErasedIdentities.DEFAULT_SALT), scoreMetrics), null);
                EventPublisher toScore = batch -> batch.forEach(action -> score.handleRequest(envelope(action), null));
                return new NormaliseHandler(new Normaliser(NormaliserConfig.defaults()), toScore, normaliseMetrics);
            });
        }

        Recording record(List<BusEvent> published, Duration budget, DynamoCalls calls) throws Exception {
            List<BusEvent> order = new ArrayList<>(published);
            Collections.shuffle(order, new Random(7));
            Map<String, DynamoCalls.Tally> before = calls.tallies();
            long actionsBefore = actions.sum();
            long recordedBefore = recorded.sum();
            long redeliveredBefore = redelivered.sum();
            long attemptsBefore = attempts.sum();
            long failuresBefore = failures.sum();
            AtomicInteger next = new AtomicInteger();
            LongAdder delivered = new LongAdder();
            long started = System.nanoTime();
            long deadline = budget.isZero() ? Long.MAX_VALUE : started + budget.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < order.size() && System.nanoTime() < deadline;
                         i = next.getAndIncrement()) {
                        try {
                            handlers.get().handleRequest(envelope(order.get(i)), null);
                        } catch (RuntimeException e) {
                            failures.increment();
                            firstFailure.compareAndSet(null, e.toString());
                        }
                        delivered.increment();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> events = new TreeMap<>();
            scorerEvents.forEach((k, v) -> events.put(k, v.sum()));
            return new Recording(order.size(), delivered.sum(), actions.sum() - actionsBefore, recorded.sum() - recordedBefore,
                    redelivered.sum() - redeliveredBefore, attempts.sum() - attemptsBefore, failures.sum() - failuresBefore,
                    firstFailure.get(), seconds, DynamoCalls.minus(calls.tallies(), before), events);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
