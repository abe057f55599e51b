package com.communitypulse.bench;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.digest.DigestHandler;
import com.communitypulse.digest.DigestService;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.IsoWeek;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.store.TableKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Section 5: the digest of a week with many actions, before and after ten times more history is
 * loaded around it. Items are shaped as {@link TableKeys} documents them and bulk-loaded with
 * BatchWriteItem into DynamoDB Local (load time measured separately); the digest runs through its
 * own public service ({@code DigestHandler.service(...).run}, forced) with every read asking for
 * {@code ReturnConsumedCapacity TOTAL}.
 */
final class DigestAtScale {
    private final int weekActions;
    private final int contributors;
    private final int historyActions;
    private final int loaders;
    private final int loadBudgetSeconds;

    /**
     * @param historyActions    history items wanted (issue 9: ten times the week)
     * @param loadBudgetSeconds the history load is scaled down to what the week's load rate says fits in this time
     */
    DigestAtScale(int weekActions, int contributors, int historyActions, int loaders, int loadBudgetSeconds) {
        this.weekActions = weekActions;
        this.contributors = contributors;
        this.historyActions = historyActions;
        this.loaders = loaders;
        this.loadBudgetSeconds = loadBudgetSeconds;
    }

    record Result(String label, long tableItems, double seconds, double readUnits, long requests, long itemsRead,
                  long bytesRead, Map<String, Long> operations, long withoutCapacity, String status,
                  LocalDate firstDay, LocalDate lastDay) {
    }

    Section run() throws Exception {
        Section section = new Section("5. Digest at scale");
        IsoWeek week = IsoWeek.endedBefore(Instant.now());
        Instant asOf = week.end().plusSeconds(9 * 3600);
        // the digest's read window, learnt from the DAY# partitions its first run queries
        LocalDate windowStart = week.minusWeeks(FigureCalculator.WEEKS_BEFORE).monday();
        int windowDays = 0;
        List<Result> results = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        String scaledDown = null;
        int historyLoaded = 0;
        try (DynamoDbLocal local = DynamoDbLocal.startInMemory(); StubAws ses = new StubAws(Map.of());
             DynamoDbClient loader = client(local.endpoint(), null)) {
            String table = "DigestBench";
            TableCreator.create(loader, table, CfnTemplate.properties(
                    CfnTemplate.load(Repo.locate().template()).resources().get("ContributorTable")));
            Random random = new Random(47);

            long t = System.nanoTime();
            List<Map<String, AttributeValue>> weekItems = new ArrayList<>();
            for (int p = 0; p < contributors; p++) {
                weekItems.add(profile(p));
            }
            int threads = Math.max(1, weekActions / 8);
            for (int i = 0; i < weekActions; i++) {
                Instant ts = week.start().plusMillis((long) (random.nextDouble() * 7 * 86_400_000L));
                weekItems.add(activity(random, i, ts, random.nextInt(contributors), threads));
            }
            for (int n = 0; n < threads; n++) {
                weekItems.add(thread(random, n, week.start().minusSeconds(3600).plusMillis((long) (random.nextDouble() * 6 * 86_400_000L)),
                        random.nextInt(contributors)));
            }
            long loaded = load(loader, table, weekItems);
            double weekLoad = (System.nanoTime() - t) / 1e9;
            loads.add(String.format("the week: %,d items (%,d activity, %,d profiles, %,d threads) in %.1f s (%.0f items/s)",
                    loaded, weekActions, contributors, threads, weekLoad, loaded / weekLoad));
            System.out.println("  digest: " + loads.get(loads.size() - 1));
            Result weekOnly = digest(local, ses, table, week, asOf, "the week only", loaded);
            results.add(weekOnly);
            windowStart = weekOnly.firstDay();
            windowDays = (int) java.time.temporal.ChronoUnit.DAYS.between(weekOnly.firstDay(), weekOnly.lastDay()) + 1;

            // history is loaded in chunks until it is all there or the load budget is spent
            if (historyActions > 0) {
                t = System.nanoTime();
                long before = windowStart.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                long span = 52L * 7 * 86_400; // the year before the read window
                long more = 0;
                int chunk = 25_000;
                while (more < historyActions && (System.nanoTime() - t) / 1e9 < loadBudgetSeconds) {
                    List<Map<String, AttributeValue>> historyItems = new ArrayList<>();
                    for (int i = 0; i < Math.min(chunk, historyActions - more); i++) {
                        Instant ts = Instant.ofEpochSecond(before - 60 - (long) (random.nextDouble() * span));
                        historyItems.add(activity(random, weekActions + more + i, ts, random.nextInt(contributors * 3), threads));
                    }
                    more += load(loader, table, historyItems);
                }
                historyLoaded = (int) more;
                double historyLoad = (System.nanoTime() - t) / 1e9;
                if (more < historyActions) {
                    scaledDown = String.format("History scaled down from %,d to %,d items (%.1fx the week): loading stops"
                            + " after the %d s load budget (`--digest-history`, `--digest-load-budget`); at the %.0f items/s"
                            + " reached, %,d items would take %.0f s.", historyActions, more, more / (double) weekActions,
                            loadBudgetSeconds, more / historyLoad, historyActions, historyActions / (more / historyLoad));
                    System.out.println("  digest: " + scaledDown);
                }
                loads.add(String.format("history: %,d activity items over the 52 weeks before the read window in %.1f s (%.0f items/s)",
                        more, historyLoad, more / historyLoad));
                System.out.println("  digest: " + loads.get(loads.size() - 1));
                results.add(digest(local, ses, table, week, asOf, String.format("the week + %,d history", more),
                        loaded + more));
            }
        }

        section.line("The week " + week.id() + ": " + String.format("%,d", weekActions) + " actions by "
                + String.format("%,d", contributors) + " contributors (activity items `DAY#<date>` / `<ts>#<id>`, one PROFILE"
                + " per contributor, a THREAD item per issue/PR with first responses), shaped as `TableKeys` documents them."
                + " History: " + String.format("%,d", historyLoaded) + " activity items (" + (weekActions == 0 ? "-"
                : String.format("%.1fx", historyLoaded / (double) weekActions)) + " the week) by 3x as many people, spread"
                + " over the year before the digest's read window (the " + windowDays + " days from " + windowStart
                + " to the week's Sunday: the DAY# partitions its first run queried). Bulk load with BatchWriteItem (25 items per call, " + loaders + " threads) into DynamoDB"
                + " Local in the bench JVM:");
        section.line("");
        loads.forEach(l -> section.line("- " + l));
        section.line("");
        if (scaledDown != null) {
            section.line(scaledDown);
            section.line("");
        }
        section.line("The digest: `DigestHandler.service(env, dynamo, ses, clock).run(week, force)` (reads, figures, chart,"
                + " HTML/text MIME, SES v2 SendEmail to a loopback stub), every read with `ReturnConsumedCapacity TOTAL`:");
        section.line("");
        section.line("| table holds | items | digest time | read units (DynamoDB's figure) | read requests | items read | MB read | result |");
        section.line("|---|---:|---:|---:|---|---:|---:|---|");
        for (Result r : results) {
            section.line(String.format("| %s | %,d | %.1f s | %.1f%s | %s | %,d | %.1f | %s |", r.label(), r.tableItems(), r.seconds(),
                    r.readUnits(), r.withoutCapacity() > 0 ? " (" + r.withoutCapacity() + " responses without a figure)" : "",
                    r.operations(), r.itemsRead(), r.bytesRead() / 1e6, r.status()));
        }
        if (!results.isEmpty() && windowDays > 7) {
            Result a = results.get(0);
            section.line("");
            section.line(String.format("The digest reads %d days of activity (one Query per DAY# partition, paginated), not only"
                    + " the week's 7: %.3f read units per item read here, so in a community as busy every week as"
                    + " this one it would read about %,.0f units (%.1fx this run's) for the %d days.",
                    windowDays, a.readUnits() / Math.max(1, a.itemsRead()),
                    a.readUnits() * windowDays / 7.0, windowDays / 7.0, windowDays));
        }
        if (results.size() == 2) {
            Result a = results.get(0);
            Result b = results.get(1);
            boolean same = Math.abs(b.readUnits() - a.readUnits()) <= Math.max(1, a.readUnits() * 0.01)
                    && b.itemsRead() == a.itemsRead();
            section.target("digest reads proportional to the week's activity, not history",
                    String.format("%.1f -> %.1f read units, %,d -> %,d items read with %.1fx the data", a.readUnits(),
                            b.readUnits(), a.itemsRead(), b.itemsRead(), b.tableItems() / (double) a.tableItems()), same, "");
        }
        return section;
    }

    private Result digest(DynamoDbLocal local, StubAws ses, String table, IsoWeek week, Instant asOf, String label,
                          long tableItems) {
        ReadCapacity capacity = new ReadCapacity();
        Env env = new Env(Map.of("TABLE_NAME", table, "DIGEST_SENDER", "pulse@example.org",
                "DIGEST_RECIPIENTS", "maintainers@example.org", "AWS_REGION", "us-east-1"));
        try (DynamoDbClient dynamo = client(local.endpoint(), capacity);
             SesV2Client sesClient = SesV2Client.builder().endpointOverride(URI.create(ses.url())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            DigestService service = DigestHandler.service(env, dynamo, sesClient, Clock.systemUTC());
            long t = System.nanoTime();
            DigestService.Result result = service.run(new DigestService.Request(asOf, Optional.of(week.id()), true));
            double seconds = (System.nanoTime() - t) / 1e9;
            Map<String, Long> ops = new java.util.TreeMap<>();
            capacity.byOperation.forEach((k, v) -> ops.put(k, v.sum()));
            System.out.printf("  digest (%s): %.1f s, %.1f read units, %s%n", label, seconds, capacity.units.sum(), ops);
            return new Result(label, tableItems, seconds, capacity.units.sum(), capacity.requests.sum(),
                    capacity.itemsRead.sum(), capacity.bytesRead.sum(), ops, capacity.withoutCapacity.sum(),
                    result.status().name(), capacity.days.stream().min(LocalDate::compareTo).orElse(week.monday()),
                    capacity.days.stream().max(LocalDate::compareTo).orElse(week.sunday()));
        }
    }

    private long load(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        List<Future<?>> futures = new ArrayList<>();
        for (int l = 0; l < loaders; l++) {
            futures.add(pool.submit(() -> {
                for (long start = next.getAndAdd(25); start < items.size(); start = next.getAndAdd(25)) {
                    List<WriteRequest> batch = new ArrayList<>();
                    for (long i = start; i < Math.min(items.size(), start + 25); i++) {
                        batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.get((int) i)).build()).build());
                    }
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    while (!pending.isEmpty()) {
                        BatchWriteItemResponse response = dynamo.batchWriteItem(BatchWriteItemRequest.builder()
                                .requestItems(pending).build());
                        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                    }
                    written.addAndGet(batch.size());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return written.get();
    }

    private static final String[] TYPES = {"comment", "comment", "comment", "comment", "issue_opened", "pr_opened",
            "pr_merged", "pr_reviewed", "review_comment", "pr_closed", "docs_edited", "issue_closed"};

    private static Map<String, AttributeValue> activity(Random random, long n, Instant ts, int person, int threads) {
        String type = TYPES[random.nextInt(TYPES.length)];
        String id = "github:bench-" + n + ":" + type;
        double impact = switch (type) {
            case "pr_merged" -> 0.6;
            case "issue_opened" -> 0.3;
            case "comment", "review_comment" -> random.nextInt(5) == 0 ? 0.4 : 0.1;
            default -> 0.1;
        };
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableKeys.PK, s(TableKeys.day(ts.atZone(ZoneOffset.UTC).toLocalDate())));
        item.put(TableKeys.SK, s(TableKeys.activitySortKey(ts.toString(), id)));
        item.put("action_id", s(id));
        item.put("person", s("github:" + (1_000_000 + person)));
        item.put("actor", s("github:" + (1_000_000 + person)));
        item.put("login", s("contributor-" + person));
        item.put("kind", s("user"));
        item.put("platform", s("github"));
        item.put("type", s(type));
        item.put("repo", s("octo-org/hello-world"));
        item.put("impact", AttributeValue.fromN(Double.toString(impact)));
        item.put("ts", s(ts.toString()));
        item.put("first", AttributeValue.fromBool(random.nextInt(20) == 0));
        item.put("thread", s("github:octo-org/hello-world#" + random.nextInt(Math.max(1, threads))));
        item.put("url", s("https://github.com/octo-org/hello-world/issues/" + n));
        item.put(TableKeys.TTL, AttributeValue.fromN(Long.toString(ts.getEpochSecond() + 400L * 86_400)));
        item.put(TableKeys.EVENTS_PUBLISHED, AttributeValue.fromBool(true));
        return item;
    }

    private static Map<String, AttributeValue> thread(Random random, int n, Instant opened, int author) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        String id = "github:octo-org/hello-world#" + n;
        item.put(TableKeys.PK, s(TableKeys.thread(id)));
        item.put(TableKeys.SK, s("THREAD"));
        item.put("thread", s(id));
        item.put("platform", s("github"));
        item.put("repo", s("octo-org/hello-world"));
        item.put("opened_at", s(opened.toString()));
        item.put("author", s("github:" + (1_000_000 + author)));
        item.put("author_login", s("contributor-" + author));
        item.put("url", s("https://github.com/octo-org/hello-world/issues/" + n));
        if (random.nextInt(10) < 7) {
            int responder = random.nextInt(50);
            item.put("first_response_at", s(opened.plusSeconds(60 + random.nextInt(3 * 86_400)).toString()));
            item.put("first_responder", s("github:" + (1_000_000 + responder)));
        }
        return item;
    }

    private static Map<String, AttributeValue> profile(int person) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        String id = "github:" + (1_000_000 + person);
        item.put(TableKeys.PK, s(TableKeys.person(id)));
        item.put(TableKeys.SK, s(TableKeys.PROFILE));
        item.put("id", s(id));
        item.put("login", s("contributor-" + person));
        item.put("platform", s("github"));
        item.put("kind", s("user"));
        item.put("tier", s(person < 50 ? "Maintainer" : person < 1000 ? "Contributor" : "User"));
        item.put("score", AttributeValue.fromN("1.5"));
        item.put("version", AttributeValue.fromN("3"));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** DynamoDB's item size: attribute names plus values (strings and numbers by length, booleans 1 byte). */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().length();
            AttributeValue v = e.getValue();
            bytes += v.s() != null ? v.s().length() : v.n() != null ? v.n().length() : 1;
        }
        return bytes;
    }

    private static DynamoDbClient client(URI endpoint, ExecutionInterceptor interceptor) {
        var builder = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(java.time.Duration.ofMinutes(2)).build());
        if (interceptor != null) {
            builder.overrideConfiguration(c -> c.addExecutionInterceptor(interceptor));
        }
        return builder.build();
    }
}
