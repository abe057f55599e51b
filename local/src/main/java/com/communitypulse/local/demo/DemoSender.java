package com.communitypulse.local.demo;

import com.communitypulse.local.send.Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Posts the demo's deliveries to the runner's webhook routes over HTTP, each signed as its platform
 * signs it, with the runner's own secrets. A delivery that touches a person or thread still being
 * processed waits until the bus is idle first, so every person's actions are scored in time order
 * (who is new, who answered first) while unrelated ones go side by side.
 */
public final class DemoSender {
    /** Waits until the runner's bus has delivered everything. */
    @FunctionalInterface
    public interface Idle {
        void await() throws InterruptedException;
    }

    /** What the runner answered: per platform, and every delivery that was not answered 2xx. */
    public record Result(Map<String, Integer> byPlatform, int accepted, int duplicates, int answered,
                         List<String> refused, int idleWaits) {
        public int total() {
            return byPlatform.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> secrets;
    private final Idle idle;
    private final Clock clock;

    /** {@code secrets}: platform ({@code github}, ...) to its secret; Discord's is the private seed. */
    public DemoSender(String baseUrl, Map<String, String> secrets, Idle idle, Clock clock) {
        this.baseUrl = baseUrl;
        this.secrets = Map.copyOf(secrets);
        this.idle = idle;
        this.clock = clock;
    }

    public Result send(List<DemoDelivery> deliveries) throws IOException, InterruptedException {
        Map<String, Integer> byPlatform = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int answered = 0;
        List<List<DemoDelivery>> waves = waves(deliveries);
        for (List<DemoDelivery> wave : waves) {
            // a wave shares no person or thread, so its deliveries go at once and are scored side by side
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (DemoDelivery delivery : wave) {
                answers.add(HTTP.sendAsync(request(delivery), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < wave.size(); i++) {
                DemoDelivery delivery = wave.get(i);
                HttpResponse<String> response = join(answers.get(i));
                byPlatform.merge(delivery.platform(), 1, Integer::sum);
                int status = response.statusCode();
                if (status / 100 != 2) {
                    refused.add(delivery.label() + ": " + status + " " + response.body());
                } else if (status == 202) {
                    accepted++;
                } else if (response.body().contains("\"duplicate\"")) {
                    duplicates++;
                } else {
                    answered++; // Discord's commands are answered at once with their reply (200, type 4)
                }
            }
            idle.await();
        }
        return new Result(byPlatform, accepted, duplicates, answered, refused, waves.size());
    }

    /** Cuts the time-ordered deliveries into runs in which no person or thread appears twice. */
    static List<List<DemoDelivery>> waves(List<DemoDelivery> deliveries) {
        List<List<DemoDelivery>> waves = new ArrayList<>();
        List<DemoDelivery> wave = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (DemoDelivery delivery : deliveries) {
            if (delivery.keys().stream().anyMatch(keys::contains)) {
                waves.add(wave);
                wave = new ArrayList<>();
                keys.clear();
            }
            wave.add(delivery);
            keys.addAll(delivery.keys());
        }
        if (!wave.isEmpty()) {
            waves.add(wave);
        }
        return waves;
    }

    private static HttpResponse<String> join(CompletableFuture<HttpResponse<String>> answer) throws IOException,
            InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private HttpRequest request(DemoDelivery delivery) {
        String secret = secrets.get(delivery.platform());
        if (secret == null) {
            throw new IllegalStateException("no secret for " + delivery.platform());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/" + delivery.platform()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        // Slack and Discord sign the current time, checked within 5 minutes; the action's own time is in the body
        Signer.sign(delivery.platform(), secret, delivery.body(), clock.instant().getEpochSecond()).forEach(request::header);
        return request.build();
    }
}
