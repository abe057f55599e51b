package com.communitypulse.local;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole of Community Pulse in one JVM, wired from {@code template.yaml}: DynamoDB Local with
 * the template's tables, every function behind the template's routes and rules, a timer for its
 * schedules, and local stand-ins for EventBridge and SES v2.
 */
public final class LocalSystem implements AutoCloseable {
    static final Object UNKNOWN_FUNCTION = new Object();

    /** Development defaults for the webhook secrets; printed at start, overridable by env. */
    public static final Map<String, String> DEV_SECRETS = Map.of(
            "GITHUB_WEBHOOK_SECRET", "dev-github-secret",
            "DISCOURSE_WEBHOOK_SECRET", "dev-discourse-secret",
            "DISCORD_PUBLIC_KEY", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "SLACK_SIGNING_SECRET", "dev-slack-secret",
            "COMMUNITY_WEBHOOK_SECRET", "dev-community-secret");

    /** Platform credentials and endpoints the runner passes through from its own environment. */
    static final List<String> PASS_THROUGH = List.of("GITHUB_API_URL", "GITHUB_TOKEN", "DISCOURSE_BASE_URL",
            "DISCOURSE_API_KEY", "DISCOURSE_API_USERNAME", "SLACK_API_URL", "SLACK_BOT_TOKEN",
            "DISCORD_WELCOME_WEBHOOK_URL", "DRY_RUN", "GITHUB_APP_ID", "GITHUB_APP_PRIVATE_KEY",
            "GITHUB_APP_INSTALLATION_ID", "WELCOME_USER_AGENT");

    /**
     * How to start the local system. {@code functionsFromClassPath} is for the runner's own tests
     * only: their fixture handlers are test classes, not jars. {@code warehouse} is where the
     * template's delivery-stream rules write (null: {@code <dataDir>/warehouse}, or nowhere without a
     * data directory).
     */
    public record Options(int port, Path dataDir, Path outbox, Path template, Map<String, String> environment,
                          Map<String, String> parameters, boolean runSchedules, boolean functionsFromClassPath,
                          UnaryOperator<URI> dynamoRoute, Path warehouse) {
        /** Without a warehouse directory of its own (see {@link #warehouseDir}). */
        public Options(int port, Path dataDir, Path outbox, Path template, Map<String, String> environment,
                       Map<String, String> parameters, boolean runSchedules, boolean functionsFromClassPath,
                       UnaryOperator<URI> dynamoRoute) {
            this(port, dataDir, outbox, template, environment, parameters, runSchedules, functionsFromClassPath,
                    dynamoRoute, null);
        }

        public static Options defaults() {
            return new Options(3000, null, Path.of("outbox"), null, System.getenv(), Map.of(), true, false,
                    UnaryOperator.identity(), null);
        }

        /** Where the warehouse rules' JSON lines go (as S3 would get them), or null for nowhere. */
        public Path warehouseDir() {
            return warehouse != null ? warehouse : dataDir != null ? dataDir.resolve("warehouse") : null;
        }

        public Options withWarehouse(Path dir) {
            return new Options(port, dataDir, outbox, template, environment, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, dir);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDir, outbox, template, environment, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withOutbox(Path dir) {
            return new Options(port, dataDir, dir, template, environment, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withDataDir(Path dir) {
            return new Options(port, dir, outbox, template, environment, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withTemplate(Path file) {
            return new Options(port, dataDir, outbox, file, environment, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withEnvironment(Map<String, String> env) {
            return new Options(port, dataDir, outbox, template, env, parameters, runSchedules,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withoutScheduleTimer() {
            return new Options(port, dataDir, outbox, template, environment, parameters, false,
                    functionsFromClassPath, dynamoRoute, warehouse);
        }

        public Options withFunctionsFromClassPath() {
            return new Options(port, dataDir, outbox, template, environment, parameters, runSchedules, true, dynamoRoute, warehouse);
        }

        /** How the functions reach DynamoDB Local, given its endpoint: the bench puts a call-counting proxy there. */
        public Options withDynamoRoute(UnaryOperator<URI> route) {
            return new Options(port, dataDir, outbox, template, environment, parameters, runSchedules,
                    functionsFromClassPath, route, warehouse);
        }
    }

    private final DynamoDbLocal dynamo;
    private final DynamoDbClient dynamoClient;
    private final HttpFront front;
    private final LocalTemplate template;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final LocalBus bus;
    private final LocalSes ses;
    private final LocalFirehose firehose;
    private final ScheduledExecutorService timer;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final UnaryOperator<URI> dynamoRoute;

    private LocalSystem(Options options) throws IOException {
        Path templatePath = options.template() != null ? options.template() : locateTemplate();
        this.template = new LocalTemplate(CfnTemplate.load(templatePath), options.parameters());
        this.dynamoRoute = options.dynamoRoute();
        Path templateDir = templatePath.toAbsolutePath().getParent();
        Map<String, FunctionCode> code = new LinkedHashMap<>();
        for (LocalTemplate.FunctionSpec spec : template.functions) {
            code.put(spec.logicalId(), options.functionsFromClassPath() ? FunctionCode.runnerClassPath()
                    : FunctionCode.jar(spec.logicalId(), templateDir.resolve(spec.codeUri()).normalize()));
        }
        DynamoDbLocal startedDynamo = null;
        HttpFront startedFront = null;
        try {
            startedDynamo = DynamoDbLocal.start(0, options.dataDir());
            startedFront = new HttpFront(options.port());
        } catch (IOException | RuntimeException e) {
            // nothing may keep the JVM alive after a failed start (DynamoDB Local's threads would)
            if (startedDynamo != null) {
                startedDynamo.close();
            }
            throw e;
        }
        this.dynamo = startedDynamo;
        this.front = startedFront;
        this.dynamoClient = dynamo.client();
        try {
            TableCreator.createAll(template.template, dynamoClient, logicalId -> logicalId);
            Map<String, String> processEnv = options.environment();
            DEV_SECRETS.forEach((name, fallback) -> secrets.put(name, processEnv.getOrDefault(name, fallback)));
            Path outbox = options.outbox().toAbsolutePath();
            // one salt for every function of this run: the same data directory keeps the same one
            String erasureSalt = processEnv.getOrDefault("ERASURE_SALT", LocalSalt.of(options.dataDir()));
            for (LocalTemplate.FunctionSpec spec : template.functions) {
                Map<String, String> env = environmentFor(spec, processEnv, outbox);
                env.computeIfPresent("ERASURE_SALT", (name, fromTemplate) -> erasureSalt); // only where the template sets it
                functions.put(spec.logicalId(), new LocalFunction(spec.logicalId(), spec.handler(),
                        code.get(spec.logicalId()), env,
                        spec.timeoutSeconds(), spec.memoryMb(), 8));
            }
            Path warehouse = options.warehouseDir();
            this.firehose = warehouse == null || template.streamRules.isEmpty() ? null
                    : new LocalFirehose(warehouse.toAbsolutePath(), java.time.Clock.systemUTC());
            this.bus = new LocalBus(template.rules, functions, template.streamRules, firehose);
            this.ses = new LocalSes(outbox);
            warmAll();
        } catch (RuntimeException e) {
            front.close();
            dynamoClient.close();
            dynamo.close();
            throw e;
        }
        this.timer = options.runSchedules() ? startTimer() : null;
        front.attach(this);
    }

    /**
     * Builds each function's first instance, side by side (each loads its own libraries from its
     * jar), so a broken function fails the start rather than its first request.
     */
    private void warmAll() {
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<java.util.concurrent.Future<?>> started = new java.util.ArrayList<>();
            functions.values().forEach(function -> started.add(pool.submit(function::warm)));
            for (java.util.concurrent.Future<?> future : started) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the functions", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The function's template environment, then the runner's endpoints, secrets and pass-through variables. */
    private Map<String, String> environmentFor(LocalTemplate.FunctionSpec spec, Map<String, String> processEnv,
                                               Path outbox) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        // like `sam local --env-vars`: the runner's own environment overrides the template's values
        spec.environment().keySet().forEach(name -> {
            if (processEnv.containsKey(name)) {
                env.put(name, processEnv.get(name));
            }
        });
        env.put("AWS_REGION", LocalTemplate.REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoRoute.apply(dynamo.endpoint()).toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", url());
        env.put("AWS_ENDPOINT_URL_SESV2", url());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("SECRETS_PROVIDER", "env");
        env.putAll(secrets);
        env.put("DRY_RUN_DIR", outbox.toString());
        PASS_THROUGH.forEach(name -> {
            if (processEnv.containsKey(name)) {
                env.put(name, processEnv.get(name));
            }
        });
        return env;
    }

    /** template.yaml from the working directory up, else from the runner's jar up (local/target/..). */
    private static Path locateTemplate() {
        try {
            return CfnTemplate.locate(Path.of(""));
        } catch (IllegalStateException notFromHere) {
            try {
                Path jar = Path.of(LocalSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return CfnTemplate.locate(jar.getParent());
            } catch (Exception e) {
                throw notFromHere;
            }
        }
    }

    /** Starts the whole system; it answers {@code GET /_local/health} with 200 when this returns. */
    public static LocalSystem start(Options options) throws IOException {
        return new LocalSystem(options);
    }

    public String url() {
        return "http://127.0.0.1:" + front.port();
    }

    public int port() {
        return front.port();
    }

    public URI dynamoEndpoint() {
        return dynamo.endpoint();
    }

    /** A DynamoDB client on the runner's DynamoDB Local. */
    public DynamoDbClient dynamo() {
        return dynamoClient;
    }

    /** The table name of a template table resource (its logical id, locally). */
    public String tableName(String logicalId) {
        return logicalId;
    }

    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /** The environment a function runs with here. */
    public Env environmentOf(String logicalId) {
        return functions.get(logicalId).env();
    }

    /** Waits until every event on the bus has been delivered; true if that happened in time. */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return bus.awaitIdle(timeoutMillis);
    }

    /**
     * Fault injection for tests: the next {@code entries} PutEvents entries with this source are
     * refused as in an EventBridge partial failure ({@code FailedEntryCount > 0}).
     */
    public void refuseNextPutEvents(String source, int entries) {
        bus.refuseNext(source, entries);
    }

    /** Invocations and handler time per function (logical id) since the start. */
    public Map<String, FunctionUsage> usage() {
        Map<String, FunctionUsage> usage = new LinkedHashMap<>();
        functions.forEach((id, function) -> usage.put(id, function.usage()));
        return usage;
    }

    public List<DeadLetter> deadLetters() {
        return bus.deadLetters();
    }

    /** Every event put on the bus so far, as rules see it. */
    public List<JsonNode> publishedEvents() {
        return bus.published();
    }

    /** Where the warehouse's JSON lines are written, or null when nowhere (no data directory). */
    public Path warehouseDir() {
        return firehose == null ? null : firehose.root();
    }

    public List<Path> sentEmails() {
        return ses.written();
    }

    List<LocalTemplate.Route> routes() {
        return template.routes;
    }

    List<LocalTemplate.Schedule> schedules() {
        return template.schedules;
    }

    LocalFunction function(String logicalId) {
        return functions.get(logicalId);
    }

    LocalBus bus() {
        return bus;
    }

    LocalSes ses() {
        return ses;
    }

    /** Fires a function as its schedule would, now, with the given detail; returns its output. */
    Object runScheduled(String logicalId, JsonNode detail) throws Exception {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            return UNKNOWN_FUNCTION;
        }
        boolean triggered = template.schedules.stream().anyMatch(s -> s.functionId().equals(logicalId))
                || template.rules.stream().anyMatch(r -> r.functionId().equals(logicalId));
        if (!triggered) {
            throw new IllegalArgumentException(logicalId + " has no schedule or bus rule in template.yaml; these do: "
                    + String.join(", ", new java.util.TreeSet<>(template.schedules.stream()
                    .map(LocalTemplate.Schedule::functionId).toList())));
        }
        String ruleName = template.schedules.stream().filter(s -> s.functionId().equals(logicalId))
                .map(LocalTemplate.Schedule::name).findFirst().orElse(logicalId + ".Manual");
        return function.invoke(scheduledEvent(ruleName, detail, Instant.now()));
    }

    static ObjectNode scheduledEvent(String ruleName, JsonNode detail, Instant time) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalTemplate.ACCOUNT);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalTemplate.REGION);
        event.putArray("resources").add("arn:aws:events:" + LocalTemplate.REGION + ":" + LocalTemplate.ACCOUNT
                + ":rule/" + ruleName);
        event.set("detail", detail == null ? Json.mapper().createObjectNode() : detail);
        return event;
    }

    private ScheduledExecutorService startTimer() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-schedules");
            t.setDaemon(true);
            return t;
        });
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        long delay = 60_000 - (System.currentTimeMillis() % 60_000);
        executor.scheduleAtFixedRate(() -> {
            ZonedDateTime minute = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
            for (LocalTemplate.Schedule schedule : template.schedules) {
                try {
                    if (ScheduleExpression.parse(schedule.expression()).firesAt(minute, started)) {
                        System.out.println("local schedule: firing " + schedule.name());
                        functions.get(schedule.functionId()).invoke(
                                scheduledEvent(schedule.name(), null, minute.toInstant()));
                    }
                } catch (Exception e) {
                    System.out.println("local schedule: " + schedule.name() + " failed: " + e);
                }
            }
        }, delay, 60_000, TimeUnit.MILLISECONDS);
        return executor;
    }

    @Override
    public void close() throws Exception {
        if (timer != null) {
            timer.shutdownNow();
        }
        front.close();
        bus.close();
        dynamoClient.close();
        dynamo.close();
    }
}
