package com.communitypulse.local;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.event.ruler.Machine;

/**
 * The runner's EventBridge: answers {@code PutEvents} as the real service does (per-entry
 * results, 256 KB limit), matches each event against the template's rule patterns with
 * event-ruler, and invokes the function targets asynchronously with retries; an event whose target
 * still fails is kept as a dead letter, as the template's SQS dead-letter queues would keep it.
 * A rule whose target is a delivery stream hands the event to {@link LocalFirehose} at once (a file
 * append, which a retry would not help).
 */
final class LocalBus implements AutoCloseable {
    /** EventBridge's limit for one entry, envelope included. */
    static final int MAX_ENTRY_BYTES = 256 * 1024;
    /** Locally, a failing target is retried this many times at most, quickly. */
    static final int LOCAL_RETRIES = 2;

    private final Map<String, Machine> machineByBus = new HashMap<>();
    private final Map<String, LocalTemplate.Rule> ruleByName = new HashMap<>();
    private final Map<String, LocalTemplate.StreamRule> streamRuleByName = new HashMap<>();
    private final Map<String, LocalFunction> functions;
    private final LocalFirehose firehose;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "local-bus");
        t.setDaemon(true);
        return t;
    });
    private final Object idleLock = new Object();
    private int inFlight;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<JsonNode> published = new ArrayList<>();
    /** Fault injection: how many more entries from a source to refuse, as EventBridge does in a partial failure. */
    private final Map<String, Integer> refuseNext = new HashMap<>();

    LocalBus(List<LocalTemplate.Rule> rules, Map<String, LocalFunction> functions) {
        this(rules, functions, List.of(), null);
    }

    /** @param firehose where delivery-stream rules write; null leaves those rules out (nothing is written) */
    LocalBus(List<LocalTemplate.Rule> rules, Map<String, LocalFunction> functions,
             List<LocalTemplate.StreamRule> streamRules, LocalFirehose firehose) {
        this.functions = functions;
        this.firehose = firehose;
        for (LocalTemplate.Rule rule : rules) {
            addRule(rule.name(), rule.busName(), rule.pattern());
            ruleByName.put(rule.name(), rule);
        }
        if (firehose != null) {
            for (LocalTemplate.StreamRule rule : streamRules) {
                addRule(rule.name(), rule.busName(), rule.pattern());
                streamRuleByName.put(rule.name(), rule);
            }
        }
    }

    private void addRule(String name, String bus, String pattern) {
        try {
            machineByBus.computeIfAbsent(bus, b -> new Machine()).addRule(name, pattern);
        } catch (Exception e) {
            throw new IllegalStateException("rule " + name + " has a pattern event-ruler rejects: " + e.getMessage(), e);
        }
    }

    /** Handles one PutEvents request body; returns the response body. */
    ObjectNode putEvents(JsonNode request) {
        ObjectNode response = Json.mapper().createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            String error = null;
            ObjectNode envelope = null;
            try {
                envelope = envelope(entry);
                if (envelope.toString().getBytes(StandardCharsets.UTF_8).length > MAX_ENTRY_BYTES) {
                    error = "Total size of the entries in the request is over the limit.";
                }
            } catch (Exception e) {
                error = "Detail is malformed: " + e.getMessage();
            }
            if (error == null && refuse(entry.path("Source").asText())) {
                ObjectNode result = results.addObject();
                failed++;
                result.put("ErrorCode", "InternalFailure").put("ErrorMessage", "injected partial failure");
                continue;
            }
            ObjectNode result = results.addObject();
            if (error != null) {
                failed++;
                result.put("ErrorCode", "InvalidArgument").put("ErrorMessage", error);
                continue;
            }
            result.put("EventId", envelope.get("id").asText());
            route(busName(entry), envelope);
        }
        response.put("FailedEntryCount", failed);
        return response;
    }

    /** Refuses the next {@code entries} entries put with this source (FailedEntryCount > 0), for fault tests. */
    void refuseNext(String source, int entries) {
        synchronized (refuseNext) {
            refuseNext.put(source, entries);
        }
    }

    private boolean refuse(String source) {
        synchronized (refuseNext) {
            int left = refuseNext.getOrDefault(source, 0);
            if (left > 0) {
                refuseNext.put(source, left - 1);
                return true;
            }
            return false;
        }
    }

    private static String busName(JsonNode entry) {
        String bus = entry.path("EventBusName").asText("default");
        // a bus is named by its name or its ARN (arn:aws:events:region:account:event-bus/NAME)
        return bus.isEmpty() ? "default" : bus.substring(bus.lastIndexOf('/') + 1);
    }

    private static ObjectNode envelope(JsonNode entry) throws Exception {
        if (entry.path("Source").asText().isEmpty() || entry.path("DetailType").asText().isEmpty()) {
            throw new IllegalArgumentException("Source and DetailType are required");
        }
        JsonNode detail = Json.mapper().readTree(entry.path("Detail").asText("{}"));
        if (!detail.isObject()) {
            throw new IllegalArgumentException("Detail must be a JSON object");
        }
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("detail-type", entry.get("DetailType").asText());
        envelope.put("source", entry.get("Source").asText());
        envelope.put("account", LocalTemplate.ACCOUNT);
        envelope.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", LocalTemplate.REGION);
        envelope.set("resources", entry.has("Resources") ? entry.get("Resources") : Json.mapper().createArrayNode());
        envelope.set("detail", detail);
        return envelope;
    }

    private void route(String bus, ObjectNode envelope) {
        synchronized (published) {
            published.add(envelope);
        }
        Machine machine = machineByBus.get(bus);
        if (machine == null) {
            return;
        }
        List<String> matched = machine.rulesForJSONEvent(envelope);
        for (String ruleName : matched) {
            LocalTemplate.Rule rule = ruleByName.get(ruleName);
            if (rule != null) {
                deliver(rule, envelope);
            } else {
                stream(streamRuleByName.get(ruleName), envelope);
            }
        }
    }

    /** A delivery-stream target: written now; a failure is a dead letter, as the rule's DLQ would get it. */
    private void stream(LocalTemplate.StreamRule rule, JsonNode envelope) {
        try {
            firehose.put(rule, envelope);
        } catch (Exception e) {
            String error = Failures.describe(e);
            System.out.println("local bus: " + rule.name() + " could not write event " + envelope.path("id").asText()
                    + " to " + rule.streamId() + "; kept as a dead letter (" + error + ")");
            synchronized (deadLetters) {
                deadLetters.add(new DeadLetter(rule.name(), rule.streamId(), envelope, error));
            }
        }
    }

    private void deliver(LocalTemplate.Rule rule, JsonNode envelope) {
        synchronized (idleLock) {
            inFlight++;
        }
        executor.execute(() -> {
            try {
                int attempts = Math.min(rule.maxRetries(), LOCAL_RETRIES) + 1;
                Throwable last = null;
                for (int attempt = 1; attempt <= attempts; attempt++) {
                    try {
                        functions.get(rule.functionId()).invoke(envelope);
                        return;
                    } catch (Throwable e) {
                        // an Error (a class missing from the function's jar) fails the invocation like any exception
                        last = e;
                        System.out.println("local bus: " + rule.functionId() + " failed (attempt " + attempt + " of "
                                + attempts + ") on event " + envelope.path("id").asText() + ": " + Failures.withFrames(e));
                        sleep(50L << attempt);
                    }
                }
                String error = Failures.describe(last);
                System.out.println("local bus: " + rule.functionId() + " failed " + attempts
                        + " time(s) on event " + envelope.path("id").asText() + "; kept as a dead letter (" + error + ")");
                synchronized (deadLetters) {
                    deadLetters.add(new DeadLetter(rule.name(), rule.functionId(), envelope, error));
                }
            } finally {
                synchronized (idleLock) {
                    inFlight--;
                    idleLock.notifyAll();
                }
            }
        });
    }

    /** Waits until no event is being delivered; true if idle before the timeout. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (idleLock) {
            while (inFlight > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                idleLock.wait(left);
            }
            return true;
        }
    }

    List<DeadLetter> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    /** Every event put on any bus, in order: what a rule of your own would have seen. */
    List<JsonNode> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
