package com.communitypulse.local.e2e;

import com.communitypulse.local.LocalSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and posts deliveries the way GitHub does, over real HTTP, for the end-to-end tests. */
final class Deliveries {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Deliveries() {
    }

    /** The whole system from template.yaml on a free port, with this environment, schedules fired only on demand. */
    static LocalSystem startSystem(Path outbox, Map<String, String> env)
            throws IOException {
        return LocalSystem.start(LocalSystem.Options.defaults()
                .withPort(0).withOutbox(outbox).withEnvironment(env).withoutScheduleTimer());
    }

    /** A sample from {@code events/github/}, found from the module or repository root. */
    static byte[] githubSample(String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events/github").resolve(file);
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readAllBytes(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("events/github/" + file + " not found");
    }

    static String githubSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> postGitHub(String baseUrl, String event, String deliveryId, byte[] body, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/e2e")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-GitHub-Hook-ID", "424242")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String baseUrl, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
