package com.communitypulse.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5,000 signed deliveries from GitHub, Slack and custom sources, plus 250 stars (each a
 * {@code star} and a {@code watch} delivery, as GitHub sends them) and about 5% of GitHub bodies
 * replayed under a fresh delivery id, sent by 16 concurrent senders over loopback through the local
 * runner; 20% of them sent two or three times with the same delivery id (Slack's as real retries,
 * each signed when sent), interleaved with 500 hostile requests. Afterwards every
 * contributor's score and counts equal an expectation computed independently, hostile requests
 * left no trace on the bus, and nothing answered 5xx. A copy sent while another copy of the same
 * delivery is still being published gets 409 (retry later), never a 2xx, and the platform's later
 * retry of it is acknowledged. First-timers are welcomed on a GitHub stand-in that creates every
 * third comment and still answers 502 (as GitHub may): each newcomer has exactly one welcome.
 */
class LoadAndRedeliveryIT {
    static final int GENUINE = 5_000;
    static final int HOSTILE = 500;
    static final int SENDERS = 16;
    static final int PEOPLE_PER_PLATFORM = 40;
    static final int STARS = 250;

    @TempDir
    static Path outbox;
    static LocalSystem system;
    static MockWebServer github;
    /** Every third welcome comment is created and still answered 502, as GitHub may. */
    static final GitHubThreads threads = new GitHubThreads(3);

    @BeforeAll
    static void start() throws Exception {
        github = new MockWebServer();
        github.setDispatcher(threads);
        github.start();
        system = Deliveries.startSystem(outbox, Map.of("GITHUB_API_URL", github.url("/").toString().replaceAll("/$", ""),
                "GITHUB_TOKEN", "ghp_loadToken"));
    }

    @AfterAll
    static void stop() throws Exception {
        system.close();
        github.close();
    }

    @Test
    void everyGenuineActionCountsExactlyOnceAndHostileRequestsLeaveNoTrace() throws Exception {
        Traffic traffic = new Traffic(system.url(), 20261124L);
        Random random = new Random(7);
        List<Traffic.Delivery> genuine = new ArrayList<>();
        for (int i = 0; i < GENUINE; i++) {
            genuine.add(traffic.genuine(PEOPLE_PER_PLATFORM));
        }
        // GitHub sends every star twice (star created, watch started: one action); and a signed body can be
        // replayed by anyone under a fresh X-GitHub-Delivery, which GitHub does not sign
        for (int i = 0; i < STARS; i++) {
            genuine.addAll(traffic.githubStar(random.nextInt(PEOPLE_PER_PLATFORM)));
        }
        List<Traffic.Delivery> replays = new ArrayList<>();
        for (Traffic.Delivery d : genuine) {
            if (d.platform().equals("github") && d.type() != null && random.nextInt(20) == 0) {
                replays.add(Traffic.replayedWithFreshId(d, 1));
            }
        }
        genuine.addAll(replays);
        List<Traffic.Delivery> sends = new ArrayList<>(genuine);
        for (Traffic.Delivery d : genuine) {
            if (random.nextInt(5) == 0) { // 20% redelivered once or twice more
                int extra = 1 + random.nextInt(2);
                for (int k = 1; k <= extra; k++) {
                    sends.add(redelivery(traffic, d, k));
                }
            }
        }
        for (int i = 0; i < HOSTILE; i++) {
            sends.add(traffic.hostile(i));
        }
        Collections.shuffle(sends, random);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        // A copy that reaches the webhook while another copy of it is still being published is answered
        // 409 in_progress (retry): only the platform's later retry may be acknowledged.
        List<Traffic.Delivery> racing = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> sentPerKey = new ConcurrentHashMap<>();
        sends.forEach(d -> sentPerKey.computeIfAbsent(d.platform() + " " + d.key(), k -> new AtomicInteger()).incrementAndGet());
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Traffic.Delivery d : sends) {
            futures.add(senders.submit(() -> {
                HttpResponse<String> response = Deliveries.HTTP.send(d.request(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                boolean hostile = d.actor() == null;
                boolean copyRacing = !hostile && response.statusCode() == 409
                        && sentPerKey.get(d.platform() + " " + d.key()).get() > 1;
                if (copyRacing) {
                    racing.add(d);
                }
                boolean ok = hostile ? response.statusCode() / 100 == 4 : response.statusCode() / 100 == 2 || copyRacing;
                if (!ok && problems.size() < 20) {
                    problems.add(d.platform() + " " + d.key() + " -> " + response.statusCode() + " " + response.body());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        senders.shutdown();
        // The platforms' later retries (Slack's come 1 and 5 minutes on, re-signed; GitHub's are manual, the
        // same request), sent once every first copy has been answered: each must now be acknowledged.
        for (Traffic.Delivery d : racing) {
            HttpResponse<String> later = Deliveries.HTTP.send(redelivery(traffic, d, 3).request(),
                    HttpResponse.BodyHandlers.ofString());
            if (later.statusCode() / 100 != 2 && problems.size() < 20) {
                problems.add("later retry of " + d.platform() + " " + d.key() + " -> " + later.statusCode() + " " + later.body());
            }
        }
        assertTrue(system.awaitIdle(300_000), "the bus did not drain");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("load: %d requests (%d genuine, of them %d star/watch pairs and %d replayed bodies; %d redeliveries,"
                        + " %d hostile) in %.1f s, %.0f req/s, statuses %s, "
                        + "%d copies answered 409 while their first was publishing, each acknowledged on a later retry%n",
                sends.size(), genuine.size(), STARS, replays.size(), sends.size() - genuine.size() - HOSTILE, HOSTILE, seconds, sends.size() / seconds, statuses,
                racing.size());
        // where the time went, per function: invocations and mean handler time
        system.usage().forEach((id, u) -> System.out.printf("load: %s %d invocations, %.1f ms mean%n", id, u.invocations(), u.meanMillis()));

        assertTrue(problems.isEmpty(), "unexpected answers: " + problems);
        assertTrue(statuses.keySet().stream().noneMatch(s -> s >= 500), "5xx answers: " + statuses);
        assertEquals(0, system.deadLetters().size(), () -> "dead letters: " + system.deadLetters().subList(0,
                Math.min(3, system.deadLetters().size())));

        List<Traffic.Delivery> unique = Traffic.uniqueOnly(genuine);
        long webhookEvents = system.publishedEvents().stream()
                .filter(e -> e.path("source").asText().equals("community-pulse.webhook")).count();
        assertEquals(unique.size(), webhookEvents, "each genuine delivery reaches the bus once, hostile ones never");

        Map<String, Traffic.Expected> expected = Traffic.expectations(unique);
        List<String> mismatches = new ArrayList<>();
        List<String> welcomed = new ArrayList<>();
        for (Map.Entry<String, Traffic.Expected> e : expected.entrySet()) {
            HttpResponse<String> response = Deliveries.get(system.url(), "/contributors/" + e.getKey());
            if (response.statusCode() != 200) {
                mismatches.add(e.getKey() + " -> " + response.statusCode());
                continue;
            }
            JsonNode profile = Json.mapper().readTree(response.body().getBytes(StandardCharsets.UTF_8));
            if (e.getKey().startsWith("github:") && profile.path("welcomed").asBoolean()) {
                welcomed.add(e.getKey().substring("github:".length()));
            }
            if (Math.abs(profile.get("score").asDouble() - e.getValue().score) > 1e-6) {
                mismatches.add(e.getKey() + " score " + profile.get("score") + " expected " + e.getValue().score);
            }
            for (Map.Entry<String, Integer> count : e.getValue().counts.entrySet()) {
                int actual = profile.path("counts").path(count.getKey()).asInt(-1);
                if (actual != count.getValue()) {
                    mismatches.add(e.getKey() + " " + count.getKey() + " " + actual + " expected " + count.getValue());
                }
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
                + mismatches.subList(0, Math.min(10, mismatches.size())));

        // every welcome exactly once on GitHub, though a third of the posts were created and answered 502
        Map<String, Integer> welcomes = new java.util.TreeMap<>();
        Pattern marker = Pattern.compile("<!-- community-pulse:welcome:github:(\\d+) -->");
        for (String body : threads.bodies()) {
            Matcher m = marker.matcher(body);
            if (m.find()) {
                welcomes.merge(m.group(1), 1, Integer::sum);
            }
        }
        System.out.printf("load: %d GitHub newcomers welcomed, %d welcome posts answered 502 after being created%n",
                welcomed.size(), threads.badAnswers());
        assertTrue(threads.badAnswers() > 0, "some posts were answered 502");
        assertFalse(welcomed.isEmpty(), "GitHub newcomers were welcomed");
        assertEquals(new java.util.TreeSet<>(welcomed), welcomes.keySet(), "one welcome comment per welcomed newcomer");
        assertTrue(welcomes.values().stream().allMatch(n -> n == 1), "no newcomer welcomed twice: " + welcomes);
    }

    /** The same delivery again: GitHub and custom sources resend it as it was; Slack re-signs a retry. */
    private static Traffic.Delivery redelivery(Traffic traffic, Traffic.Delivery original, int attempt) throws Exception {
        if (!original.platform().equals("slack")) {
            return original;
        }
        return new Traffic.Delivery(original.platform(), original.key(),
                at -> traffic.slackRequest(original.body(), at, Integer.toString(attempt)), original.body(), original.actor(),
                original.type(), original.impact());
    }
}
