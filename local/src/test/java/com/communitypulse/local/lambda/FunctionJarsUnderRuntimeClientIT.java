package com.communitypulse.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.devkit.lambda.AwsStandIn;
import com.communitypulse.devkit.lambda.LambdaProcess;
import com.communitypulse.devkit.lambda.RuntimeApiStandIn;
import com.communitypulse.devkit.lambda.RuntimeApiStandIn.Kind;
import com.communitypulse.devkit.lambda.RuntimeApiStandIn.Outcome;
import com.communitypulse.local.LocalTemplate;
import com.communitypulse.local.LocalTemplate.FunctionSpec;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each deployable function jar, alone, under AWS's own Lambda runtime interface client: a fresh JVM
 * per function with the jar extracted as its task root, only the runtime client on the classpath,
 * the template's handler and environment, and loopback stand-ins for the Runtime API and for AWS.
 * A class missing from a jar, a wrong Handler or an input type the runtime cannot deserialise is an
 * init error or an invocation error here, as it would be on Lambda.
 *
 * <p>{@code -Dric.runs=5} runs every function five times (five cold starts) and prints the median
 * init and first-response times next to a trivial handler's.
 */
class FunctionJarsUnderRuntimeClientIT {
    private static final int RUNS = Integer.getInteger("ric.runs", 1);
    private static final String GITHUB_SECRET = "it-github-webhook-secret";
    private static final long WAIT_SECONDS = 90;

    private static Path root;
    private static LocalTemplate template;
    private static DynamoDbLocal dynamo;
    private static DynamoDbClient table;
    private static AwsStandIn aws;
    private static List<Path> runtimeClasspath;
    private static Path trivialJar;
    private static final Map<String, List<long[]>> figures = new LinkedHashMap<>();
    private static final Map<Path, Path> taskRoots = new LinkedHashMap<>();

    /** One cold start and its invocations: times in ms, and each invocation's log lines. */
    record Run(long initMillis, List<Outcome> outcomes, List<List<String>> logs, String requestIds) {
    }

    @BeforeAll
    static void start() throws Exception {
        root = CfnTemplate.locate(Path.of("")).toAbsolutePath().getParent();
        dynamo = DynamoDbLocal.startInMemory();
        table = dynamo.client();
        aws = new AwsStandIn()
                .secret("community-pulse/github-webhook", GITHUB_SECRET)
                .secret("community-pulse/platform-tokens", "{\"github_token\":\"ghp_it_token\"}")
                .answer("POST /repos/", 201, "{\"id\":1}")
                .answer("GET /repos/", 200, "[]");
        // the welcome posts to GitHub: its API base is a template parameter, pointed at the stand-in
        template = new LocalTemplate(CfnTemplate.load(root.resolve("template.yaml")), Map.of("GitHubApiUrl", aws.endpoint(),
                "GitHubReconcileHooks", "repo:octo-org/hello-world:77"));
        TableCreator.createContributorTable(table, "ContributorTable");
        runtimeClasspath = runtimeClientClasspath();
        trivialJar = jarOf(TrivialHandler.class);
    }

    @AfterAll
    static void stop() throws IOException {
        if (!figures.isEmpty()) {
            StringBuilder t = new StringBuilder(String.format("%nLambda runtime client, median of %d cold starts (%d cores)%n",
                    RUNS, Runtime.getRuntime().availableProcessors()));
            t.append(String.format("%-22s %10s %20s%n", "function", "init ms", "first response ms"));
            figures.forEach((name, runs) -> t.append(String.format("%-22s %10d %20d%n", name,
                    median(runs, 0), median(runs, 1))));
            System.out.print(t);
            Files.writeString(root.resolve("local/target/ric-figures.txt"), t);
        }
        for (Path taskRoot : taskRoots.values()) {
            LambdaProcess.delete(taskRoot);
        }
        if (aws != null) {
            aws.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @Test
    void theTemplateHasTheEightFunctionsThisTestRuns() {
        assertEquals(List.of("WebhookFunction", "NormaliseFunction", "ScoreFunction", "WelcomeFunction",
                        "DigestFunction", "ReconcileFunction", "BackfillFunction", "ApiFunction"),
                template.functions().stream().map(FunctionSpec::logicalId).toList(),
                "every function in template.yaml must be run under the runtime client here");
    }

    @Test
    void aTrivialHandlerAnswersUnderTheRuntimeClient() {
        FunctionSpec trivial = new FunctionSpec("Trivial", TrivialHandler.class.getName() + "::handleRequest",
                Map.of(), 20, 1024, "community-pulse-trivial", null);
        for (int i = 0; i < RUNS; i++) {
            Run run = run(trivial, trivialJar, "{}");
            Outcome outcome = run.outcomes().get(0);
            assertEquals("\"ok " + run.requestIds() + "\"", outcome.body(), "the trivial handler's answer");
            record("(trivial handler)", run);
        }
    }

    @Test
    void aHandlerClassMissingFromTheJarFailsTheFirstInvocation() {
        // the runtime client reports a class it cannot find at the first event, not as an init error
        FunctionSpec wrong = new FunctionSpec("Trivial", "com.communitypulse.local.lambda.NoSuchHandler::handleRequest",
                Map.of(), 20, 1024, "community-pulse-trivial", null);
        Outcome outcome = start(wrong, trivialJar, "{}").outcomes().get(0);
        assertEquals(Kind.ERROR, outcome.kind(), "a missing handler class is an /error: " + outcome);
        assertTrue(outcome.body().contains("ClassNotFoundException"), "naming the missing class: " + outcome.body());
    }

    @Test
    void theWebhookAnswers202ToASignedGitHubDelivery() throws Exception {
        FunctionSpec spec = function("WebhookFunction");
        for (int i = 0; i < RUNS; i++) {
            String deliveryId = UUID.randomUUID().toString(); // a new delivery each run: a repeat would be a duplicate
            ObjectNode event = (ObjectNode) event("webhook-github-pull-request-opened.json");
            ObjectNode headers = (ObjectNode) event.get("headers");
            headers.put("X-GitHub-Delivery", deliveryId);
            headers.put("X-Hub-Signature-256", "sha256=" + hmacSha256(GITHUB_SECRET, event.get("body").asText()));
            aws.clear();

            Run run = run(spec, event.toString());
            JsonNode response = Json.mapper().readTree(run.outcomes().get(0).body());
            assertEquals(202, response.path("statusCode").asInt(), "a correctly signed delivery is accepted: " + response);
            assertEquals(1, aws.calls("secretsmanager.GetSecretValue").size(), "the secret comes from Secrets Manager");
            List<AwsStandIn.Call> published = aws.calls("AWSEvents.PutEvents");
            assertEquals(1, published.size(), "the delivery is put on the bus once");
            assertTrue(published.get(0).body().contains(deliveryId), "the bus event carries the delivery id");
            // the runtime client puts Lambda-Runtime-Trace-Id in a system property per invocation; the entry
            // carries it, so EventBridge's targets join the API's trace instead of sampling traces of their own
            assertTrue(Json.mapper().readTree(published.get(0).body()).path("Entries").get(0).path("TraceHeader").asText()
                    .matches("Root=1-[0-9a-f]+-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1"), published.get(0).body());
            assertLogsCarryTheLambdaContext(spec, run);
            assertSomeLineHas(run, Map.of("delivery_id", deliveryId));
            record(spec.logicalId(), run);
        }
    }

    @Test
    void normalisePutsTheDeliverysActionsOnTheBus() throws Exception {
        FunctionSpec spec = function("NormaliseFunction");
        JsonNode event = event("normalise-github-pull-request-merged.json");
        String deliveryId = event.path("detail").path("delivery_id").asText();
        for (int i = 0; i < RUNS; i++) {
            aws.clear();
            Run run = run(spec, event.toString());
            assertEquals("null", run.outcomes().get(0).body(), "a void handler answers JSON null");
            List<AwsStandIn.Call> published = aws.calls("AWSEvents.PutEvents");
            assertEquals(1, published.size(), "the actions are put on the bus");
            assertTrue(published.get(0).body().contains("community.action"), "as community.action events: "
                    + published.get(0).body());
            assertLogsCarryTheLambdaContext(spec, run);
            assertSomeLineHas(run, Map.of("delivery_id", deliveryId));
            record(spec.logicalId(), run);
        }
    }

    @Test
    void scoreWritesTheContributorToDynamoDb() throws Exception {
        FunctionSpec spec = function("ScoreFunction");
        JsonNode event = event("score-pr-merged.json");
        String actionId = event.path("detail").path("id").asText();
        for (int i = 0; i < RUNS; i++) {
            Run run = run(spec, event.toString());
            assertEquals("null", run.outcomes().get(0).body(), "a void handler answers JSON null");
            assertLogsCarryTheLambdaContext(spec, run);
            assertSomeLineHas(run, Map.of("action_id", actionId));
            record(spec.logicalId(), run);
        }
        assertFalse(table.scan(s -> s.tableName("ContributorTable")).items().stream()
                        .filter(item -> item.get("pk").s().contains("github:583231")).toList().isEmpty(),
                "the scored contributor github:583231 is in the table");
    }

    @Test
    void welcomePostsTheFirstTimersWelcomeOnGitHub() throws Exception {
        FunctionSpec spec = function("WelcomeFunction");
        JsonNode event = event("welcome-github-pr.json");
        String actionId = event.path("detail").path("action").path("id").asText();
        aws.clear();
        for (int i = 0; i < RUNS; i++) {
            Run run = run(spec, event.toString());
            assertEquals("null", run.outcomes().get(0).body(), "a void handler answers JSON null");
            assertLogsCarryTheLambdaContext(spec, run);
            assertSomeLineHas(run, Map.of("action_id", actionId));
            record(spec.logicalId(), run);
        }
        assertEquals(1, aws.calls("POST /repos/octo-org/hello-world/issues/7/comments").size(),
                "one welcome comment on the PR, however often the event came: " + aws.calls());
    }

    @Test
    void theDigestSendsTheWeeklyEmailThroughSes() throws Exception {
        FunctionSpec spec = function("DigestFunction");
        aws.clear();
        for (int i = 0; i < RUNS; i++) {
            Run run = run(spec, event("digest-scheduled.json").toString());
            assertEquals("null", run.outcomes().get(0).body(), "a void handler answers JSON null");
            assertLogsCarryTheLambdaContext(spec, run);
            record(spec.logicalId(), run);
        }
        assertEquals(1, aws.calls("POST /v2/email/outbound-emails").size(), "one digest for the week: " + aws.calls());
    }

    @Test
    void theReconcilerListsTheHooksDeliveriesOnGitHub() throws Exception {
        FunctionSpec spec = function("ReconcileFunction");
        aws.clear();
        for (int i = 0; i < RUNS; i++) {
            // the hourly Schedule event; the stand-in GitHub lists no deliveries, so nothing is redelivered
            Run run = run(spec, event("digest-scheduled.json").toString());
            JsonNode summary = Json.mapper().readTree(run.outcomes().get(0).body());
            assertEquals(1, summary.path("hooks").asInt(), "the run's summary: " + summary);
            assertEquals(0, summary.path("redelivery_requested").asInt(), "the run's summary: " + summary);
            assertLogsCarryTheLambdaContext(spec, run);
            record(spec.logicalId(), run);
        }
        assertFalse(aws.calls().stream().filter(c -> c.operation().startsWith("GET /repos/octo-org/hello-world/hooks/77/deliveries"))
                .toList().isEmpty(), "the hook's deliveries are listed: " + aws.calls());
        assertTrue(aws.calls().stream().noneMatch(c -> c.operation().startsWith("POST /repos/octo-org/hello-world/hooks/")),
                "nothing to redeliver: " + aws.calls());
    }

    @Test
    void theBackfillReadsARequestedRepositoryAndPutsItsHistoryOnTheBus() throws Exception {
        FunctionSpec declared = function("BackfillFunction");
        // its own GitHub stand-in: the shared one answers every GET /repos/ alike
        com.sun.net.httpserver.HttpServer github = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> reads = new CopyOnWriteArrayList<>();
        github.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            reads.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String body = switch (path) {
                case "/repos/octo-org/hello-world" -> "{\"id\":1,\"name\":\"hello-world\",\"full_name\":\"octo-org/hello-world\"}";
                case "/repos/octo-org/hello-world/issues" -> "[{\"id\":11,\"number\":1,\"user\":{\"login\":\"ada\",\"id\":5},"
                        + "\"created_at\":\"2024-01-01T00:00:00Z\",\"updated_at\":\"2024-01-02T00:00:00Z\",\"state\":\"open\"}]";
                case "/rate_limit" -> "{}";
                default -> "[]";
            };
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        github.start();
        try {
            Map<String, String> env = new LinkedHashMap<>(declared.environment());
            env.put("GITHUB_API_URL", "http://127.0.0.1:" + github.getAddress().getPort());
            FunctionSpec spec = new FunctionSpec(declared.logicalId(), declared.handler(), env, declared.timeoutSeconds(),
                    declared.memoryMb(), declared.functionName(), declared.codeUri());
            aws.clear();
            for (int i = 0; i < RUNS; i++) {
                Run run = run(spec, event("backfill-requested.json").toString());
                JsonNode summary = Json.mapper().readTree(run.outcomes().get(0).body());
                assertEquals("done", summary.path("status").asText(), "the step's summary: " + summary);
                assertLogsCarryTheLambdaContext(spec, run);
                record(spec.logicalId(), run);
            }
            assertFalse(aws.calls("AWSEvents.PutEvents").isEmpty(), "the issue put on the bus: " + aws.calls());
            assertTrue(reads.contains("/repos/octo-org/hello-world Bearer ghp_it_token"),
                    "the token from the platform-tokens secret: " + reads);
        } finally {
            github.stop(0);
        }
    }

    @Test
    void theApiAnswers200ForTheLeaderboardAnd404ForAnUnknownContributor() throws Exception {
        FunctionSpec spec = function("ApiFunction");
        ObjectNode unknown = (ObjectNode) event("api-contributor.json");
        unknown.put("path", "/contributors/github:404404404");
        ((ObjectNode) unknown.get("pathParameters")).put("id", "github:404404404");
        for (int i = 0; i < RUNS; i++) {
            Run run = run(spec, event("api-leaderboard.json").toString(), unknown.toString());
            assertEquals(200, Json.mapper().readTree(run.outcomes().get(0).body()).path("statusCode").asInt(),
                    "GET /leaderboard: " + run.outcomes().get(0).body());
            assertEquals(404, Json.mapper().readTree(run.outcomes().get(1).body()).path("statusCode").asInt(),
                    "GET /contributors/{unknown}: " + run.outcomes().get(1).body());
            assertLogsCarryTheLambdaContext(spec, run);
            record(spec.logicalId(), run);
        }
    }

    // ---------------------------------------------------------------- harness

    private static FunctionSpec function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError(logicalId + " is not in template.yaml"));
    }

    /** One cold start of the function's own jar (its CodeUri), then the events in turn. */
    private static Run run(FunctionSpec spec, String... events) {
        return run(spec, root.resolve(spec.codeUri()), events);
    }

    /** Like {@link #start}, failing unless every event got a response (not /error). */
    private static Run run(FunctionSpec spec, Path jar, String... events) {
        Run run = start(spec, jar, events);
        for (int i = 0; i < run.outcomes().size(); i++) {
            Outcome outcome = run.outcomes().get(i);
            if (outcome.kind() != Kind.RESPONSE) {
                fail(spec.logicalId() + " answered /error to its event instead of a response: " + outcome
                        + "\n--- function output ---\n" + String.join("\n", run.logs().get(i)));
            }
        }
        return run;
    }

    /** One cold start: the init must succeed (no /init/error, the process alive); then each event in turn. */
    private static Run start(FunctionSpec spec, Path jar, String... events) {
        String arn = "arn:aws:lambda:" + LocalTemplate.REGION + ":" + LocalTemplate.ACCOUNT + ":function:"
                + spec.functionName() + ":live";
        try (RuntimeApiStandIn runtime = new RuntimeApiStandIn();
             LambdaProcess process = LambdaProcess.start(processSpec(spec, jar, runtime))) {
            List<Long> marks = new CopyOnWriteArrayList<>();
            runtime.beforeHandOut(() -> marks.add(process.logSize())); // all init output is written by then
            long firstNext = await(runtime.firstNext(), runtime, process, spec.logicalId() + " init");
            long initMillis = TimeUnit.NANOSECONDS.toMillis(firstNext - process.startedNanos());
            List<Outcome> outcomes = new ArrayList<>();
            List<List<String>> logs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String event : events) {
                String requestId = UUID.randomUUID().toString();
                ids.add(requestId);
                Outcome outcome = await(runtime.invoke(requestId, event, arn, spec.timeoutSeconds() * 1000L),
                        runtime, process, spec.logicalId() + " invocation " + requestId);
                // the runtime wrote this invocation's lines before it posted the answer
                logs.add(process.logLines(marks.get(marks.size() - 1), process.logSize()));
                outcomes.add(outcome);
            }
            return new Run(initMillis, outcomes, logs, String.join(",", ids));
        }
    }

    private static LambdaProcess.Spec processSpec(FunctionSpec spec, Path jar, RuntimeApiStandIn runtime) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.putAll(aws.endpointVariables());
        // the log assertions read INFO lines; the template's default LogLevel is WARN
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        Path taskRoot = taskRoots.computeIfAbsent(jar, j -> {
            try {
                return LambdaProcess.extract(j);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new LambdaProcess.Spec(spec.functionName(), spec.handler(), taskRoot, runtimeClasspath, env,
                spec.memoryMb(), LocalTemplate.REGION, runtime.address());
    }

    /** Waits for {@code future}, failing at once on an init error or when the process dies. */
    private static <T> T await(CompletableFuture<T> future, RuntimeApiStandIn runtime, LambdaProcess process, String what) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < until) {
            if (future.isDone()) {
                return future.join();
            }
            if (runtime != null && runtime.initError().isDone()) {
                fail(what + ": the runtime reported /init/error " + runtime.initError().join()
                        + "\n--- function output ---\n" + process.log());
            }
            if (!process.isAlive()) {
                fail(what + ": the process exited\n--- function output ---\n" + process.log());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + ": nothing within " + WAIT_SECONDS + " s\n--- function output ---\n" + process.log());
    }

    /** Every JSON log line of each invocation names the function, its version, ARN, service and request id. */
    private static void assertLogsCarryTheLambdaContext(FunctionSpec spec, Run run) {
        String[] requestIds = run.requestIds().split(",");
        for (int i = 0; i < run.logs().size(); i++) {
            for (JsonNode line : logLines(run.logs().get(i))) {
                String where = spec.logicalId() + " log line " + line;
                assertEquals(spec.functionName(), line.path("function_name").asText(null), where);
                assertEquals("1", line.path("function_version").asText(null), where);
                assertTrue(line.path("function_arn").asText("").endsWith(":function:" + spec.functionName() + ":live"), where);
                assertEquals(requestIds[i], line.path("function_request_id").asText(null), where);
                assertEquals(spec.environment().get("POWERTOOLS_SERVICE_NAME"), line.path("service").asText(null), where);
            }
        }
    }

    private static void assertSomeLineHas(Run run, Map<String, String> fields) {
        List<JsonNode> lines = run.logs().stream().flatMap(l -> logLines(l).stream()).toList();
        assertTrue(lines.stream().anyMatch(line -> fields.entrySet().stream()
                        .allMatch(f -> f.getValue().equals(line.path(f.getKey()).asText(null)))),
                "some log line of the invocation carries " + fields + ": " + lines);
    }

    /** The Powertools JSON log lines (they have a level; EMF metric lines do not). */
    private static List<JsonNode> logLines(List<String> output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : output) {
            if (text.startsWith("{")) {
                try {
                    JsonNode line = Json.mapper().readTree(text);
                    if (line.has("level")) {
                        lines.add(line);
                    }
                } catch (IOException notJson) {
                    // a line that only starts like JSON is not a log line
                }
            }
        }
        return lines;
    }

    private static void record(String name, Run run) {
        figures.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new long[] {run.initMillis(), run.outcomes().get(0).millisToAnswer()});
    }

    private static long median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static JsonNode event(String name) throws IOException {
        return Json.mapper().readTree(Files.readString(root.resolve("events").resolve(name)));
    }

    private static String hmacSha256(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What Lambda's Java runtime has on its classpath: the runtime interface client and its
     * dependencies, found by a class of each on this test's classpath (Maven resolved them from
     * the client's pom, test scope in local/pom.xml).
     */
    private static List<Path> runtimeClientClasspath() throws ClassNotFoundException, URISyntaxException {
        List<Path> jars = new ArrayList<>();
        for (String marker : List.of(LambdaProcess.RUNTIME_MAIN,
                Context.class.getName(),
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
            Class<?> type = Class.forName(marker, false, FunctionJarsUnderRuntimeClientIT.class.getClassLoader());
            jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return jars;
    }

    /** A deployment jar holding only {@code type}'s class file. */
    private static Path jarOf(Class<?> type) throws Exception {
        String entry = type.getName().replace('.', '/') + ".class";
        Path jar = Files.createTempFile("trivial-handler-", ".jar");
        jar.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var in = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
