package com.communitypulse.bench;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Section 3: signed GitHub deliveries per second through the whole local system over loopback HTTP
 * (HTTP -> webhook -> bus -> normalise -> score -> DynamoDB Local), clock stopped when the bus is idle,
 * at 1, 4 and 16 concurrent senders. The floor: the DynamoDB writes those deliveries caused (counted
 * on the wire by {@link DynamoWire}, by operation and by items per transaction), issued directly to the
 * same DynamoDB Local, through the same wire, by the same number of threads.
 */
final class Throughput {
    static final double TARGET_RATIO = 2.0;
    static final int[] LEVELS = {1, 4, 16};
    static final int PEOPLE = 200;

    private final Repo repo;
    private final int perLevel;
    private final boolean profileAlways;
    private final Path work;
    private final AtomicInteger sequence = new AtomicInteger();

    Throughput(Repo repo, int perLevel, boolean profileAlways, Path work) {
        this.repo = repo;
        this.perLevel = perLevel;
        this.profileAlways = profileAlways;
        this.work = work;
    }

    record Level(int senders, int deliveries, double seconds, double httpSeconds, double p50, double p99,
                 Map<Integer, Integer> statuses, long actions, Map<String, DynamoWire.Tally> calls, long putEvents,
                 boolean idle) {
        double rate() {
            return deliveries / seconds;
        }
    }

    record Floor(int senders, double seconds, int units) {
        double rate() {
            return units / seconds;
        }
    }

    Section run() throws Exception {
        Section section = new Section("3. Throughput end to end");
        Path outbox = Files.createDirectories(work.resolve("e2e-outbox"));
        // the hosted functions log every invocation: to a file, so the console keeps the progress lines
        PrintStream console = System.out;
        Path systemLog = work.resolve("e2e-system.log");
        System.setOut(new PrintStream(Files.newOutputStream(systemLog), true, StandardCharsets.UTF_8));
        reattachConsoleLogging();
        try {
            return measure(section, outbox, console, systemLog);
        } finally {
            System.out.flush();
            System.setOut(console);
            reattachConsoleLogging();
        }
    }

    /** log4j's console appender holds the System.out it started with (DynamoDB Local starts it early): rebuild it. */
    static void reattachConsoleLogging() {
        try {
            if (org.apache.logging.log4j.LogManager.getContext(false) instanceof org.apache.logging.log4j.core.LoggerContext context) {
                context.reconfigure();
            }
        } catch (RuntimeException | LinkageError e) {
            // logging keeps its old target: only the console gets noisier
        }
    }

    private Section measure(Section section, Path outbox, PrintStream console, Path systemLog) throws Exception {
        try (DynamoWire wire = new DynamoWire();
             LocalSystem system = LocalSystem.start(LocalSystem.Options.defaults().withPort(0).withOutbox(outbox)
                .withEnvironment(Map.of()).withoutScheduleTimer().withDynamoRoute(wire::route))) {
            String secret = system.secrets().get("GITHUB_WEBHOOK_SECRET");
            ObjectNode issue = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "issues.opened.json"));
            ObjectNode comment = (ObjectNode) Json.mapper().readTree(Samples.github(repo, "issue_comment.created.json"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            console.println("  e2e: (the system's own output goes to " + systemLog + ")");
            console.println("  e2e: warm-up, " + Math.min(300, perLevel) + " deliveries at 4 senders");
            level(system, wire, http, deliveries(system.url(), secret, issue, comment, Math.min(300, perLevel)), 4);
            List<Level> levels = new ArrayList<>();
            for (int senders : LEVELS) {
                Level level = level(system, wire, http, deliveries(system.url(), secret, issue, comment,
                        deliveriesAt(senders)), senders);
                levels.add(level);
                console.printf("  e2e: %2d senders: %.0f deliveries/s (p50 %.1f ms, p99 %.1f ms)%n", senders,
                        level.rate(), level.p50(), level.p99());
            }

            // the floor: the same DynamoDB writes, per delivery, issued directly
            Level reference = levels.get(levels.size() - 1);
            List<String> writes = reference.calls().keySet().stream().filter(DynamoWire::isWrite).toList();
            List<Floor> floors = new ArrayList<>();
            // through the wire too, so both sides pay its extra loopback hop
            DynamoDbClient floorClient = AwsClients.configure(DynamoDbClient.builder(),
                    system.environmentOf("ScoreFunction"), "DYNAMODB").build();
            for (int senders : LEVELS) {
                floors.add(floor(floorClient, system.tableName("ContributorTable"), reference, senders, deliveriesAt(senders)));
            }

            section.line("Deliveries: signed GitHub `issues` (opened) and `issue_comment` (created) deliveries (about 11-12 KB),"
                    + " alternating, from " + PEOPLE + " different senders, each with a new `X-GitHub-Delivery`; " + perLevel
                    + " at 16 senders (the target's level), " + deliveriesAt(1) + " at 1 and " + deliveriesAt(4) + " at 4 (a sender's"
                    + " pace is steady after a few dozen; the bench must stay under 10 minutes), after a warm-up of "
                    + Math.min(300, perLevel) + ". Sent over loopback HTTP/1.1 to a `LocalSystem`"
                    + " in this JVM (`java.net.http` client, one request at a time per sender); the clock stops when"
                    + " `awaitIdle` says every bus event was delivered (normalised, scored, written).");
            section.line("");
            section.line("| senders | deliveries/s (end to end) | accepted/s (HTTP only) | p50 latency | p99 latency | statuses | actions scored | floor: direct writes, deliveries/s | ratio floor/system |");
            section.line("|---:|---:|---:|---:|---:|---|---:|---:|---:|");
            double ratio16 = Double.NaN;
            for (int i = 0; i < levels.size(); i++) {
                Level l = levels.get(i);
                Floor f = floors.get(i);
                double ratio = f.rate() / l.rate();
                if (l.senders() == 16) {
                    ratio16 = ratio;
                }
                section.line(String.format("| %d | %.0f | %.0f | %.1f ms | %.1f ms | %s | %d%s | %.0f | %s |", l.senders(), l.rate(),
                        l.deliveries() / l.httpSeconds(), l.p50(), l.p99(), l.statuses(), l.actions(),
                        l.idle() ? "" : " (bus not idle!)", f.rate(), Section.ratio(ratio)));
            }
            section.line("");
            section.line("DynamoDB calls per delivery at " + reference.senders() + " senders, counted on the wire between the"
                    + " hosted functions and DynamoDB Local (`DynamoWire`, which also adds one loopback hop to every call,"
                    + " the floor's included), with the capacity units DynamoDB Local charged; EventBridge entries counted by the bus:");
            section.line("");
            section.line("| call | per delivery | items per call | capacity units per delivery |");
            section.line("|---|---:|---:|---:|");
            reference.calls().forEach((op, t) -> section.line(String.format("| DynamoDB %s | %.2f | %.2f | %.2f |", op,
                    t.calls() / (double) reference.deliveries(), t.items() / (double) t.calls(),
                    t.capacityUnits() / reference.deliveries())));
            section.line(String.format("| EventBridge PutEvents entries | %.2f | 1.00 | |", reference.putEvents() / (double) reference.deliveries()));
            section.line("");
            section.line("The floor replays exactly the counted DynamoDB writes (" + writes
                    + ", same count per delivery, same items per transaction, items of similar size, conditional puts"
                    + " like the score transaction) straight to the same DynamoDB Local, by the same number of threads,"
                    + " one delivery's writes in sequence per thread; reads (GetItem) and PutEvents are not in the floor.");
            boolean met = ratio16 <= TARGET_RATIO;
            section.target("end-to-end throughput within " + TARGET_RATIO + "x of the direct-write floor at 16 senders",
                    Section.ratio(ratio16), met, "");

            if (profileAlways || !met) {
                Path jfr = work.resolve("e2e.jfr");
                try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                    recording.setDestination(jfr);
                    recording.start();
                    level(system, wire, http, deliveries(system.url(), secret, issue, comment, Math.max(100, perLevel / 2)), 16);
                    recording.stop();
                }
                section.line("");
                section.line("### Where the end-to-end time goes (JFR, an extra " + Math.max(100, perLevel / 2)
                        + " deliveries at 16 senders, all threads of the bench JVM)");
                section.line("");
                section.line(JfrSummary.summarize(jfr, 14, null));
            }
        }
        return section;
    }

    private List<HttpRequest> deliveries(String baseUrl, String secret, ObjectNode issue, ObjectNode comment, int count)
            throws Exception {
        List<HttpRequest> requests = new ArrayList<>(count);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < count; i++) {
            int n = sequence.incrementAndGet();
            int person = n % PEOPLE;
            ObjectNode user = Json.mapper().createObjectNode();
            user.put("login", "bench-person-" + person);
            user.put("id", 7_000_000 + person);
            user.put("type", "User");
            user.put("site_admin", false);
            ObjectNode body;
            String event;
            if (n % 2 == 0) {
                body = issue.deepCopy();
                ObjectNode item = (ObjectNode) body.get("issue");
                item.put("id", 900_000_000L + n);
                item.put("number", 100_000 + n);
                item.put("created_at", now);
                item.set("user", user);
                event = "issues";
            } else {
                body = comment.deepCopy();
                ObjectNode item = (ObjectNode) body.get("comment");
                item.put("id", 800_000_000L + n);
                item.put("created_at", now);
                item.set("user", user);
                event = "issue_comment";
            }
            body.set("sender", user);
            byte[] bytes = Json.mapper().writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            Samples.githubHeaders(event, UUID.randomUUID().toString(), bytes, secret).forEach((name, value) -> {
                if (!name.equalsIgnoreCase("User-Agent")) {
                    request.header(name, value);
                }
            });
            requests.add(request.build());
        }
        return requests;
    }

    private Level level(LocalSystem system, DynamoWire wire, HttpClient http, List<HttpRequest> requests, int senders)
            throws Exception {
        Map<String, DynamoWire.Tally> callsBefore = wire.tallies();
        long eventsBefore = system.publishedEvents().size();
        long actionsBefore = actions(system);
        long[] latencies = new long[requests.size()];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    int status;
                    try {
                        status = http.send(requests.get(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies[i] = System.nanoTime() - t;
                    statuses.merge(status, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long httpDone = System.nanoTime();
        boolean idle = system.awaitIdle(300_000);
        long end = System.nanoTime();
        double[] millis = new double[latencies.length];
        for (int i = 0; i < latencies.length; i++) {
            millis[i] = latencies[i] / 1e6;
        }
        double[] sorted = Stats.sorted(millis);
        return new Level(senders, requests.size(), (end - start) / 1e9, (httpDone - start) / 1e9,
                Stats.percentile(sorted, 50), Stats.percentile(sorted, 99), new java.util.TreeMap<>(statuses),
                actions(system) - actionsBefore, DynamoWire.minus(wire.tallies(), callsBefore),
                system.publishedEvents().size() - eventsBefore, idle);
    }

    private static long actions(LocalSystem system) {
        long n = 0;
        for (JsonNode event : system.publishedEvents()) {
            if ("community.action".equals(event.path("detail-type").asText())) {
                n++;
            }
        }
        return n;
    }

    /**
     * The reference level's DynamoDB writes, replayed directly: for each delivery, its share of each
     * write operation (spread evenly), run in sequence by one of {@code senders} threads.
     */
    /** Deliveries sent at a level: all of them at 16 senders, fewer where one or four senders go slowly. */
    int deliveriesAt(int senders) {
        int share = senders >= 16 ? 5 : senders >= 4 ? 2 : 1; // fifths: 1,000 at 16 senders, 400 at 4, 200 at 1
        return Math.max(Math.min(50, perLevel), perLevel * share / 5);
    }

    /** The counted writes of {@code units} deliveries (per delivery as at the reference level), by {@code senders} threads. */
    private Floor floor(DynamoDbClient dynamo, String table, Level reference, int senders, int units) throws Exception {
        List<List<Runnable>> perDelivery = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            perDelivery.add(new ArrayList<>());
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicLong keys = new AtomicLong();
        int slot = 0;
        for (Map.Entry<String, DynamoWire.Tally> op : reference.calls().entrySet()) {
            if (!DynamoWire.isWrite(op.getKey())) {
                continue;
            }
            long counted = op.getValue().calls();
            int itemsPerCall = (int) Math.max(1, Math.round(op.getValue().items() / (double) counted));
            long calls = Math.round(counted * (double) units / reference.deliveries());
            String name = op.getKey();
            for (long c = 0; c < calls; c++) {
                perDelivery.get(slot++ % units).add(write(dynamo, table, name, itemsPerCall, run, keys));
            }
        }
        Collections.shuffle(perDelivery, new java.util.Random(3));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < units; i = next.getAndIncrement()) {
                    perDelivery.get(i).forEach(Runnable::run);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new Floor(senders, (System.nanoTime() - start) / 1e9, units);
    }

    /** One write like the system's: a ~400-byte item, conditional on absence, to keys no one else uses. */
    private static Runnable write(DynamoDbClient dynamo, String table, String operation, int items, String run, AtomicLong keys) {
        return switch (operation) {
            case "TransactWriteItems" -> () -> {
                List<TransactWriteItem> writes = new ArrayList<>();
                for (int i = 0; i < items; i++) {
                    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(item(run, keys.incrementAndGet()))
                            .conditionExpression("attribute_not_exists(pk)").build()).build());
                }
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            };
            case "UpdateItem" -> () -> dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("FLOOR#" + run + "#" + (keys.incrementAndGet() % PEOPLE)),
                            "sk", AttributeValue.fromS("PROFILE")))
                    .updateExpression("ADD score :one SET login = :login")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":login", AttributeValue.fromS("bench")))
                    .build());
            default -> () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(run, keys.incrementAndGet()))
                    .conditionExpression("attribute_not_exists(pk)").build());
        };
    }

    private static Map<String, AttributeValue> item(String run, long key) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS("FLOOR#" + run + "#" + key));
        item.put("sk", AttributeValue.fromS("2026-11-20T10:00:00Z#github:delivery-" + key));
        item.put("action_id", AttributeValue.fromS("github:" + UUID.randomUUID()));
        item.put("person", AttributeValue.fromS("github:" + (7_000_000 + key % PEOPLE)));
        item.put("login", AttributeValue.fromS("bench-person-" + key % PEOPLE));
        item.put("type", AttributeValue.fromS("comment"));
        item.put("repo", AttributeValue.fromS("Codertocat/Hello-World"));
        item.put("url", AttributeValue.fromS("https://github.com/Codertocat/Hello-World/issues/1#issuecomment-" + key));
        item.put("impact", AttributeValue.fromN("0.1"));
        item.put("ts", AttributeValue.fromS("2026-11-20T10:00:00Z"));
        item.put("expires_at", AttributeValue.fromN("1800000000"));
        return item;
    }
}
