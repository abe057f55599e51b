package com.communitypulse.local.send;

import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code java -jar community-pulse-local.jar send <platform> <file> [--url URL] [--event NAME] [--delivery ID]}:
 * signs a delivery the way the platform does, with the secret the runner uses (the same
 * environment variables, else the development defaults), posts it to {@code /webhooks/<platform>}
 * and prints the answer. The file is a raw body, or an API Gateway proxy event from
 * {@code events/} (its body and platform headers are taken, its old signature replaced). The
 * runner's address is {@code --url}, else {@code COMMUNITY_PULSE_URL}, else http://127.0.0.1:3000.
 * Exit status 0 on a 2xx answer, 1 otherwise, 2 on bad arguments.
 */
public final class SendCommand {
    static final String USAGE = "usage: java -jar community-pulse-local.jar send <github|discourse|slack|discord|community>"
            + " <file> [--url http://127.0.0.1:3000] [--event NAME] [--delivery ID]";

    /** The secret variable each platform's signature uses, and the runner's development default. */
    static final Map<String, String[]> SECRETS = Map.of(
            "github", devSecret("GITHUB_WEBHOOK_SECRET"),
            "discourse", devSecret("DISCOURSE_WEBHOOK_SECRET"),
            "slack", devSecret("SLACK_SIGNING_SECRET"),
            // the runner holds Discord's public key; signing needs the private seed of that pair
            "discord", new String[] {"DISCORD_SIGNING_SEED", Signer.DEV_DISCORD_SEED},
            "community", devSecret("COMMUNITY_WEBHOOK_SECRET"));

    private static String[] devSecret(String variable) {
        return new String[] {variable, LocalSystem.DEV_SECRETS.get(variable)};
    }

    private static final Set<String> SIGNATURE_HEADERS = Set.of("x-hub-signature-256", "x-hub-signature",
            "x-discourse-event-signature", "x-slack-signature", "x-slack-request-timestamp", "x-signature-ed25519",
            "x-signature-timestamp", "x-signature", "host", "content-length", "x-forwarded-proto", "x-forwarded-for");

    private SendCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault("COMMUNITY_PULSE_URL", "http://127.0.0.1:3000");
        String event = null;
        String delivery = null;
        String platform = null;
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--url" -> url = value(args, ++i, arg);
                    case "--event" -> event = value(args, ++i, arg);
                    case "--delivery" -> delivery = value(args, ++i, arg);
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        } else if (platform == null) {
                            platform = arg.toLowerCase(Locale.ROOT);
                        } else if (file == null) {
                            file = Path.of(arg);
                        } else {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                    }
                }
            }
            if (platform == null || file == null) {
                throw new IllegalArgumentException("a platform and a file are needed");
            }
            if (!SECRETS.containsKey(platform)) {
                throw new IllegalArgumentException("unknown platform " + platform);
            }
            if (platform.equals("discord") && env.containsKey("DISCORD_PUBLIC_KEY") && !env.containsKey("DISCORD_SIGNING_SEED")) {
                throw new IllegalArgumentException("DISCORD_PUBLIC_KEY is set, so the development key cannot sign: "
                        + "set DISCORD_SIGNING_SEED to the hex private seed of that key");
            }
            Delivery built = Delivery.of(platform, Files.readAllBytes(file), file.getFileName().toString(), event, delivery);
            String[] secret = SECRETS.get(platform);
            Map<String, String> headers = new LinkedHashMap<>(built.headers());
            headers.putAll(Signer.sign(platform, env.getOrDefault(secret[0], secret[1]), built.body(),
                    System.currentTimeMillis() / 1000));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/webhooks/" + platform))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(built.body()));
            headers.forEach(request::header);
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body());
            return response.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("send: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("send: " + (file != null && !Files.exists(file) ? "no such file " + file
                    : "could not reach " + url + " (is the runner started?): " + e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A body and the platform's own (unsigned) headers, from a raw body or a proxy event. */
    record Delivery(byte[] body, Map<String, String> headers) {
        static Delivery of(String platform, byte[] bytes, String fileName, String event, String deliveryId) {
            Map<String, String> headers = new LinkedHashMap<>();
            byte[] body = bytes;
            JsonNode json = parse(bytes);
            if (json != null && json.has("httpMethod") && json.has("headers")) {
                // an API Gateway proxy event from events/: post its body with its platform headers
                json.path("headers").fields().forEachRemaining(h -> {
                    if (!SIGNATURE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                        headers.put(h.getKey(), h.getValue().asText());
                    }
                });
                String text = json.path("body").asText("");
                body = json.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(text)
                        : text.getBytes(StandardCharsets.UTF_8);
                json = parse(body);
            }
            boolean form = new String(body, 0, Math.min(body.length, 8), StandardCharsets.UTF_8).startsWith("payload=");
            headers.putIfAbsent("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
            switch (platform) {
                case "github" -> {
                    putEvent(headers, "X-GitHub-Event", event, fileName.contains(".")
                            ? fileName.substring(0, fileName.indexOf('.')) : null, "github");
                    headers.put("X-GitHub-Delivery", deliveryId != null ? deliveryId : UUID.randomUUID().toString());
                    headers.putIfAbsent("X-GitHub-Hook-ID", "1");
                    headers.putIfAbsent("User-Agent", "GitHub-Hookshot/community-pulse-send");
                }
                case "discourse" -> {
                    String guess = json != null && json.fieldNames().hasNext() ? json.fieldNames().next() + "_created" : null;
                    putEvent(headers, "X-Discourse-Event", event, guess, "discourse");
                    String name = headers.get("X-Discourse-Event");
                    headers.putIfAbsent("X-Discourse-Event-Type", name.contains("_") ? name.substring(0, name.indexOf('_')) : name);
                    headers.put("X-Discourse-Event-Id", deliveryId != null ? deliveryId
                            : Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000)));
                }
                default -> {
                    // Slack, Discord and custom deliveries name their event in the body
                }
            }
            if (json == null && !form) {
                throw new IllegalArgumentException(fileName + " is not JSON (nor a GitHub form body)");
            }
            return new Delivery(body, headers);
        }

        private static void putEvent(Map<String, String> headers, String header, String given, String guess,
                                     String platform) {
            String existing = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String name = given != null ? given : existing != null ? existing : guess;
            if (name == null) {
                throw new IllegalArgumentException("cannot tell the " + platform + " event of this file: give --event");
            }
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(header));
            headers.put(header, name);
        }

        private static JsonNode parse(byte[] bytes) {
            try {
                JsonNode node = Json.mapper().readTree(bytes);
                return node != null && node.isObject() ? node : null;
            } catch (IOException notJson) {
                return null;
            }
        }
    }
}
