package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.store.TableKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local runner starts the packaged reconcile.jar with the others and runs its schedule on
 * {@code POST /_local/run/ReconcileFunction}. GitHub never redelivers by itself: here a stand-in GitHub
 * lists one failed delivery, and when asked, redelivers it, signed, to the runner's own webhook route;
 * the next run finds the webhook's claim and counts the delivery recovered.
 */
class ReconcileLocalIT {
    static final String GUID = "2f1c8a1e-c5b6-11f0-8e9a-3e1d2c4b5a69";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path outbox;

    @Test
    void theReconcilerRedeliversThroughTheRunnersWebhookAndCountsItRecovered() throws Exception {
        JsonNode sample = Json.mapper().readTree(Files.readString(
                com.communitypulse.devkit.CfnTemplate.locate(Path.of("")).getParent().resolve("events/webhook-github-pull-request-opened.json")));
        String body = sample.get("body").asText();
        List<ObjectNode> attempts = new CopyOnWriteArrayList<>();
        List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
        String[] runner = new String[1];
        try (MockWebServer github = new MockWebServer()) {
            github.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.add(request);
                    String path = request.getRequestUrl().encodedPath();
                    if (request.getMethod().equals("GET") && path.equals("/repos/octo-org/hello-world/hooks/123456789/deliveries")) {
                        ArrayNode list = Json.mapper().createArrayNode();
                        attempts.forEach(list::add);
                        return new MockResponse().setResponseCode(200).setBody(list.toString());
                    }
                    if (request.getMethod().equals("POST") && path.equals("/repos/octo-org/hello-world/hooks/123456789/deliveries/1/attempts")) {
                        int status = deliver(runner[0], body);
                        attempts.add(0, attempt(2, status, true));
                        return new MockResponse().setResponseCode(202).setBody("{}");
                    }
                    return new MockResponse().setResponseCode(404).setBody("{\"message\":\"Not Found\"}");
                }
            });
            github.start();
            attempts.add(attempt(1, 502, false)); // the stack was down
            String api = github.url("/").toString().replaceAll("/$", "");
            Map<String, String> env = Map.of("GITHUB_RECONCILE_HOOKS", "repo:octo-org/hello-world:123456789",
                    "GITHUB_TOKEN", "ghp_local", "GITHUB_API_URL", api);
            try (LocalSystem system = LocalSystem.start(new LocalSystem.Options(0, null, outbox, null, env, Map.of(), false, false,
                    java.util.function.UnaryOperator.identity()))) {
                runner[0] = system.url();
                JsonNode first = run(system);
                assertEquals(1, first.path("redelivery_requested").asInt(), first.toString());
                RecordedRequest post = requests.stream().filter(r -> r.getMethod().equals("POST")).findFirst().orElseThrow();
                assertEquals("Bearer ghp_local", post.getHeader("Authorization"));
                assertEquals("2022-11-28", post.getHeader("X-GitHub-Api-Version"));
                assertEquals(202, attempts.get(0).get("status_code").asInt(), "the runner's webhook took the redelivery");

                JsonNode second = run(system);
                assertEquals(1, second.path("recovered").asInt(), second.toString());
                assertEquals(0, second.path("redelivery_requested").asInt(), second.toString());
                var item = system.dynamo().getItem(g -> g.tableName(system.tableName("ContributorTable")).key(Map.of(
                        TableKeys.PK, AttributeValue.builder().s(TableKeys.ingest(TableKeys.isoWeek(Instant.now()))).build(),
                        TableKeys.SK, AttributeValue.builder().s(TableKeys.INGEST).build()))).item();
                assertEquals("1", item.get(TableKeys.INGEST_SEEN).n());
                assertEquals("1", item.get(TableKeys.INGEST_RECOVERED).n());
            }
        }
    }

    private static JsonNode run(LocalSystem system) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.url() + "/_local/run/ReconcileFunction"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode node = Json.mapper().readTree(response.body());
        assertEquals("ReconcileFunction", node.path("function").asText());
        return node.get("result");
    }

    private static ObjectNode attempt(long id, int status, boolean redelivery) {
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("id", id);
        item.put("guid", GUID);
        item.put("delivered_at", Instant.now().minusSeconds(3600 - id).toString());
        item.put("redelivery", redelivery);
        item.put("status", status < 300 ? "OK" : "Invalid HTTP Response: " + status);
        item.put("status_code", status);
        item.put("event", "pull_request");
        item.put("action", "opened");
        return item;
    }

    /** What GitHub does on a redelivery: the same body and X-GitHub-Delivery, signed with the hook's secret. */
    private static int deliver(String runner, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LocalSystem.DEV_SECRETS.get("GITHUB_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            return HTTP.send(HttpRequest.newBuilder(URI.create(runner + "/webhooks/github"))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request")
                    .header("X-GitHub-Delivery", GUID).header("X-GitHub-Hook-ID", "123456789")
                    .header("X-Hub-Signature-256", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
