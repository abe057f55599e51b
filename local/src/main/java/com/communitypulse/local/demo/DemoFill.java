package com.communitypulse.local.demo;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.local.send.Signer;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code --demo} and {@code POST /_local/demo}: fills a running local system with the demo community
 * through its own webhook routes, then reports what it sent and what the system holds.
 */
public final class DemoFill {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one fill did. */
    public record Summary(Instant anchor, DemoSender.Result sent, int contributors, int deadLetters, long millis,
                          String url) {
        public ObjectNode toJson() {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("anchor", anchor.toString()).put("deliveries", sent.total());
            json.set("by_platform", Json.mapper().valueToTree(sent.byPlatform()));
            json.put("accepted", sent.accepted()).put("duplicates", sent.duplicates()).put("answered", sent.answered());
            json.set("refused", Json.mapper().valueToTree(sent.refused()));
            json.put("contributors", contributors).put("dead_letters", deadLetters).put("millis", millis)
                    .put("idle_waits", sent.idleWaits());
            return json;
        }

        public String line() {
            Map<String, Integer> p = sent.byPlatform();
            return "demo: " + sent.total() + " deliveries (GitHub " + p.getOrDefault("github", 0)
                    + ", Discourse " + p.getOrDefault("discourse", 0) + ", Slack " + p.getOrDefault("slack", 0)
                    + ", Discord " + p.getOrDefault("discord", 0) + "; " + sent.accepted() + " new, "
                    + sent.duplicates() + " duplicates) -> " + contributors + " contributors, " + deadLetters
                    + " dead letters, in " + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0)
                    + " s; try: curl -s '" + url + "/leaderboard?period=week&limit=5'";
        }
    }

    private DemoFill() {
    }

    /** One fill at a time: a second caller waits, then finds everything there (duplicates). */
    public static synchronized Summary fill(LocalSystem system) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Clock clock = Clock.systemUTC();
        String url = system.url();
        DemoTimeline timeline = new DemoTimeline(anchor(url, clock.instant()));
        DemoSender sender = new DemoSender(url, platformSecrets(system.secrets()), () -> {
            if (!system.awaitIdle(120_000)) {
                throw new IllegalStateException("the bus did not become idle within 2 minutes");
            }
        }, clock);
        DemoSender.Result sent = sender.send(DemoScenario.deliveries(timeline));
        int contributors = get(url, "/leaderboard?period=all&limit=100").path("items").size();
        return new Summary(timeline.anchor(), sent, contributors, system.deadLetters().size(),
                (System.nanoTime() - started) / 1_000_000, url);
    }

    /**
     * The first fill's anchor when the demo is already there (grace's first action is the marker, a
     * fixed age before it), so a later fill sends the very same deliveries; else now, to the hour.
     */
    static Instant anchor(String url, Instant now) throws IOException, InterruptedException {
        JsonNode marker = get(url, "/contributors/" + DemoCast.GRACE.identity());
        String firstSeen = marker.path("first_seen").asText("");
        try {
            Instant recovered = Instant.parse(firstSeen).plus(DemoTimeline.MARKER_AGE);
            if (recovered.equals(recovered.truncatedTo(ChronoUnit.HOURS))) {
                return recovered;
            }
        } catch (DateTimeParseException notThere) {
            // no demo yet
        }
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    /** The runner's secrets by platform; Discord is signed with the private half of its public key. */
    static Map<String, String> platformSecrets(Map<String, String> runner) {
        String publicKey = runner.get("DISCORD_PUBLIC_KEY");
        String seed = LocalSystem.DEV_SECRETS.get("DISCORD_PUBLIC_KEY").equals(publicKey) ? Signer.DEV_DISCORD_SEED
                : System.getenv("DISCORD_SIGNING_SEED");
        if (seed == null) {
            throw new IllegalStateException("DISCORD_PUBLIC_KEY is set, so the demo cannot sign Discord requests: "
                    + "set DISCORD_SIGNING_SEED to the hex private seed of that key");
        }
        return Map.of("github", runner.get("GITHUB_WEBHOOK_SECRET"), "discourse", runner.get("DISCOURSE_WEBHOOK_SECRET"),
                "slack", runner.get("SLACK_SIGNING_SECRET"), "discord", seed);
    }

    private static JsonNode get(String url, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : Json.mapper().createObjectNode();
    }

    /** For {@code --demo}: prints the summary, and why, if anything was refused or dead-lettered. */
    public static void runAndPrint(LocalSystem system) {
        try {
            Summary summary = fill(system);
            System.out.println(summary.line());
            List<String> refused = summary.sent().refused();
            refused.forEach(r -> System.err.println("demo: refused " + r));
            if (summary.deadLetters() > 0) {
                System.err.println("demo: " + summary.deadLetters() + " dead letters: GET " + summary.url() + "/_local/dead-letters");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("demo: could not fill the runner: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
