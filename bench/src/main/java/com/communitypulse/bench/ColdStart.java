package com.communitypulse.bench;

import com.communitypulse.bench.launch.ColdStartLauncher;
import com.communitypulse.bench.launch.TrivialHandler;
import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.devkit.lambda.LambdaProcess;
import com.communitypulse.devkit.lambda.RuntimeApiStandIn;
import com.communitypulse.local.LocalSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Section 1: cold start per function. Each run is a fresh JVM
 * ({@code java -cp functions/<name>/target/<name>.jar:<launcher>}) that builds the handler as Lambda
 * does and handles one event from {@code events/}; the clock runs from just before the process is
 * started to the line the launcher prints after the first invocation returned. Every run gets a
 * fresh table (created from template.yaml in a DynamoDB Local started here), so every run takes the
 * same path (no "already seen" shortcuts). EventBridge, SES v2 and Secrets Manager are a loopback
 * stub. The floor is {@link TrivialHandler} from a jar holding only it, Jackson and
 * aws-lambda-java-core, launched the same way with the same flags. Runs are interleaved (a shuffled
 * round of every function, N rounds) so drifting machine load spreads over all of them.
 */
final class ColdStart {
    static final double TARGET_RATIO = 2.5;
    static final String BASELINE = "TrivialHandler (floor)";

    private final Repo repo;
    private final int runs;
    private final boolean profileAlways;
    private final Path work;

    ColdStart(Repo repo, int runs, boolean profileAlways, Path work) {
        this.repo = repo;
        this.runs = runs;
        this.profileAlways = profileAlways;
        this.work = work;
    }

    record Variant(String name, String handler, String classpath, Map<String, String> environment, Path event,
                   boolean needsTable) {
    }

    /** {@code millis}: process start to the first answer; {@code initMillis}: to the first /next (runtime client only). */
    record Run(double millis, boolean ok, String output, long classes, double initMillis) {
    }

    private final Map<String, Path> taskRoots = new java.util.concurrent.ConcurrentHashMap<>();

    Section run() throws Exception {
        Section section = new Section("1. Cold start per function");
        List<FunctionSpecs.Spec> specs = FunctionSpecs.read(repo);
        String javaToolOptions = specs.stream().map(s -> s.environment().get("JAVA_TOOL_OPTIONS"))
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse("");
        Path launcherDir = ColdStartJars.extractLauncher(work.resolve("launcher"));
        Path baselineJar = ColdStartJars.buildBaselineJar(work.resolve("baseline.jar"));
        Path events = Files.createDirectories(work.resolve("events"));
        Path outbox = Files.createDirectories(work.resolve("outbox"));

        Map<String, String> secretValues = new LinkedHashMap<>();
        for (FunctionSpecs.Spec spec : specs) {
            spec.environment().forEach((name, value) -> {
                if (name.endsWith("_NAME") && (name.contains("SECRET") || name.contains("KEY"))) {
                    String devName = name.substring(0, name.length() - "_NAME".length());
                    secretValues.put(value, LocalSystem.DEV_SECRETS.getOrDefault(devName, "{}"));
                }
            });
        }
        String githubSecret = LocalSystem.DEV_SECRETS.get("GITHUB_WEBHOOK_SECRET");

        try (DynamoDbLocal dynamo = DynamoDbLocal.startInMemory(); StubAws stub = new StubAws(secretValues);
             DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            Map<String, Object> tableProperties = CfnTemplate.properties(
                    CfnTemplate.load(repo.template()).resources().get("ContributorTable"));
            List<Variant> variants = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (FunctionSpecs.Spec spec : specs) {
                Path jar = repo.functionJar(spec.module());
                String problem = !Files.isRegularFile(jar) ? "`" + repo.root().relativize(jar) + "` not built"
                        : !ColdStartJars.contains(jar, spec.handlerClass()) ? "handler " + spec.handlerClass() + " not in its jar yet" : null;
                if (problem != null) {
                    skipped.add(spec.logicalId() + ": " + problem);
                    continue;
                }
                Map<String, String> env = new LinkedHashMap<>(spec.environment());
                env.put("AWS_REGION", "us-east-1");
                env.put("AWS_DEFAULT_REGION", "us-east-1");
                env.put("AWS_ACCESS_KEY_ID", "local");
                env.put("AWS_SECRET_ACCESS_KEY", "local");
                env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
                env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
                env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
                env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", stub.url());
                env.put("AWS_ENDPOINT_URL_SESV2", stub.url());
                env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", stub.url());
                env.put("DRY_RUN_DIR", outbox.toString());
                Path event = Samples.coldStartEvent(repo, spec, events, githubSecret);
                variants.add(new Variant(spec.logicalId(), spec.handler(),
                        jar + java.io.File.pathSeparator + launcherDir, env, event, true));
            }
            Map<String, String> baseEnv = new LinkedHashMap<>();
            baseEnv.put("JAVA_TOOL_OPTIONS", javaToolOptions);
            baseEnv.put("AWS_REGION", "us-east-1");
            Path baselineEvent = Samples.coldStartEvent(repo, specs.stream().filter(s -> s.module().equals("score"))
                    .findFirst().orElse(specs.get(0)), events, githubSecret);
            variants.add(0, new Variant(BASELINE, TrivialHandler.class.getName(), baselineJar.toString(), baseEnv,
                    baselineEvent, false));

            Map<String, List<Run>> results = new LinkedHashMap<>();
            variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
            // one unmeasured round first: the OS page cache, DynamoDB Local's JIT and the stub warm up
            Random random = new Random(9);
            for (int round = 0; round <= runs; round++) {
                List<Variant> order = new ArrayList<>(variants);
                Collections.shuffle(order, random);
                for (Variant variant : order) {
                    Map<String, String> env = new LinkedHashMap<>(variant.environment());
                    if (variant.needsTable()) {
                        String table = "cold" + round + variant.name();
                        TableCreator.create(client, table, tableProperties);
                        env.put("TABLE_NAME", table);
                    }
                    Run run = launch(variant, env, null);
                    if (round > 0) {
                        results.get(variant.name()).add(run);
                    }
                    System.out.printf("  cold start %-24s round %2d: %s%n", variant.name(), round,
                            run.ok() ? Section.ms(run.millis()) : "FAILED " + run.output());
                }
            }

            double floor = Stats.median(results.get(BASELINE).stream().filter(Run::ok).map(Run::millis).toList());
            section.line("Each function: " + runs + " cold starts as Lambda's Java runtime makes them: the function's jar"
                    + " extracted as the task root, a fresh JVM running AWS's runtime interface client 2.10.1 (`AWSLambda <Handler>`,"
                    + " only the client on the classpath, Lambda's reserved variables, 1024 MB heap sizing, serial GC), one event"
                    + " handed out by a Runtime API stand-in; interleaved with the others, after one unmeasured round. JVM flags:"
                    + " `JAVA_TOOL_OPTIONS=" + javaToolOptions + "` (the template's). Init: process start to the runtime's first"
                    + " `/next`; the median etc.: process start to the first answer posted. DynamoDB Local (fresh table per run, from template.yaml) runs in the bench JVM;"
                    + " EventBridge, SES v2 and Secrets Manager are a loopback stub, so secrets are read the deployed way"
                    + " (`SECRETS_PROVIDER=secretsmanager`).");
            section.line("");
            section.line("| function | median | min | max | ratio to floor | init (median) | ok runs | event | output |");
            section.line("|---|---:|---:|---:|---:|---:|---:|---|---|");
            List<String> missed = new ArrayList<>();
            double worst = 0;
            String worstName = "-";
            for (Variant variant : variants) {
                List<Run> list = results.get(variant.name());
                List<Double> ok = list.stream().filter(Run::ok).map(Run::millis).toList();
                double median = Stats.median(ok);
                double ratio = median / floor;
                double init = Stats.median(list.stream().filter(Run::ok).map(Run::initMillis).toList());
                boolean isBaseline = variant.name().equals(BASELINE);
                section.line("| " + variant.name() + " | " + (ok.isEmpty() ? "-" : Section.ms(median)) + " | "
                        + (ok.isEmpty() ? "-" : Section.ms(Stats.min(ok))) + " | " + (ok.isEmpty() ? "-" : Section.ms(Stats.max(ok)))
                        + " | " + (ok.isEmpty() ? "-" : Section.ratio(ratio)) + " | " + (ok.isEmpty() ? "-" : Section.ms(init))
                        + " | " + ok.size() + "/" + list.size()
                        + " | " + (isBaseline ? "returns its input (the score event)" : Samples.ORIGINS.get(variant.name()))
                        + " | " + list.stream().filter(Run::ok).findFirst().map(r -> summary(r.output())).orElse("-") + " |");
                if (!isBaseline) {
                    if (ok.isEmpty() || ratio > TARGET_RATIO) {
                        missed.add(variant.name());
                    }
                    if (!ok.isEmpty() && ratio > worst) {
                        worst = ratio;
                        worstName = variant.name();
                    }
                }
                list.stream().filter(r -> !r.ok()).findFirst().ifPresent(r ->
                        section.line("| | first failure of " + variant.name() + ": `" + r.output().replace('|', '/') + "` | | | | | | | |"));
            }
            if (!skipped.isEmpty()) {
                section.line("");
                section.line("Not measured: " + String.join("; ", skipped) + ".");
            }
            section.target("cold start within " + TARGET_RATIO + "x of the trivial handler",
                    "worst: " + worstName + " " + Section.ratio(worst) + " (floor " + Section.ms(floor) + ")",
                    missed.isEmpty() && skipped.isEmpty(), missed.isEmpty() ? (skipped.isEmpty() ? "" : "not all functions built")
                            : "over: " + String.join(", ", missed));

            List<Variant> toProfile = variants.stream().filter(v -> !v.name().equals(BASELINE)
                    && (profileAlways || missed.contains(v.name()))).toList();
            if (!toProfile.isEmpty()) {
                section.line("");
                section.line("### Where a cold start goes (JFR, one extra run each, not timed)");
                section.line("");
                section.line("One more cold run each with `-XX:StartFlightRecording` (JDK's profile settings, Java sampling every"
                        + " 1 ms instead of 10; samples of the main thread only: JFR starts a few hundred ms into the run and"
                        + " misses threads inside the VM, so shares are rough) and `-Xlog:class+load` (which classes the first"
                        + " invocation needed, by library: loading, verifying and initialising classes is most of a JVM cold start).");
                for (Variant variant : toProfile) {
                    Map<String, String> env = new LinkedHashMap<>(variant.environment());
                    String table = "profile" + variant.name();
                    TableCreator.create(client, table, tableProperties);
                    env.put("TABLE_NAME", table);
                    Path jfr = work.resolve(variant.name() + ".jfr");
                    Run run = launch(variant, env, jfr);
                    section.line("");
                    section.line("**" + variant.name() + "** (this profiled run: " + Section.ms(run.millis()) + ")");
                    section.line("");
                    section.line(Files.exists(jfr) ? JfrSummary.summarize(jfr, 12, "main") : "(no recording written)");
                    section.line("");
                    section.line(ClassLoadSummary.of(Path.of(jfr + ".classes.txt"), 12));
                }
            }
        }
        return section;
    }

    private Run launch(Variant variant, Map<String, String> env, Path jfr) throws IOException, InterruptedException {
        return jfr == null ? underRuntimeClient(variant, env) : underLauncher(variant, env, jfr);
    }

    /**
     * As Lambda starts a function: the jar extracted as the task root, only the runtime interface
     * client on the JVM's classpath ({@code AWSLambda <Handler>}), Lambda's reserved variables, and
     * one event handed out by a Runtime API stand-in. Init: process start to the runtime's first
     * {@code /next}; the run: process start to the first answer.
     */
    private Run underRuntimeClient(Variant variant, Map<String, String> env) throws IOException {
        Path taskRoot = taskRoots.computeIfAbsent(variant.name(), name -> {
            try {
                return LambdaProcess.extract(Path.of(variant.classpath().split(java.io.File.pathSeparator)[0]));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Map<String, String> own = new LinkedHashMap<>(env);
        String event = Files.readString(variant.event());
        try (RuntimeApiStandIn runtime = new RuntimeApiStandIn();
             LambdaProcess process = LambdaProcess.start(new LambdaProcess.Spec(variant.name(), variant.handler(), taskRoot,
                     runtimeClientClasspath(), own, 1024, "us-east-1", runtime.address()))) {
            try {
                long firstNext = runtime.firstNext().get(60, TimeUnit.SECONDS);
                RuntimeApiStandIn.Outcome outcome = runtime.invoke(java.util.UUID.randomUUID().toString(), event,
                        "arn:aws:lambda:us-east-1:000000000000:function:" + variant.name(), 60_000).get(60, TimeUnit.SECONDS);
                double total = (outcome.answeredNanos() - process.startedNanos()) / 1e6;
                double init = (firstNext - process.startedNanos()) / 1e6;
                boolean ok = outcome.kind() == RuntimeApiStandIn.Kind.RESPONSE;
                return new Run(total, ok, ok ? outcome.body() : outcome.body() + " / " + tail(process.log()), 0, init);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return new Run(-1, false, e + " / " + tail(process.log()), 0, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Run(-1, false, e.toString(), 0, -1);
            }
        }
    }

    private static String tail(String log) {
        return log.length() > 400 ? "..." + log.substring(log.length() - 400) : log;
    }

    /** bench/target/runtime-client: the client and its dependencies, copied there by the bench's build. */
    private List<Path> runtimeClientClasspath() throws IOException {
        Path dir = repo.root().resolve("bench/target/runtime-client");
        try (var jars = Files.list(dir)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            if (list.isEmpty()) {
                throw new IOException(dir + " holds no jars: build the bench with mvn package");
            }
            return list;
        }
    }

    private Run underLauncher(Variant variant, Map<String, String> env, Path jfr) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=" + fineProfileSettings() + ",dumponexit=true,filename=" + jfr);
            command.add("-Xlog:class+load=info:file=" + jfr + ".classes.txt");
        }
        command.addAll(List.of("-cp", variant.classpath(), ColdStartLauncher.class.getName(), variant.handler(),
                variant.event().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        double millis = -1;
        long classes = 0;
        String result = "";
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ColdStartLauncher.DONE) && millis < 0) {
                    millis = (System.nanoTime() - start) / 1e6;
                    result = line.substring(ColdStartLauncher.DONE.length()).trim();
                    tail.add(line);
                } else if (line.startsWith("COLD-START-CLASSES ")) {
                    classes = Long.parseLong(line.substring("COLD-START-CLASSES ".length()).trim());
                } else {
                    tail.add(line);
                    if (tail.size() > 8) {
                        tail.remove(0);
                    }
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        boolean ok = millis >= 0 && process.exitValue() == 0;
        String output = String.join(" / ", tail);
        return new Run(millis, ok, ok ? result : output.length() > 400 ? output.substring(0, 400) + "..." : output, classes, -1);
    }

    /** The JDK's profile.jfc with Java method sampling every 1 ms (a cold start lasts about a second). */
    private Path fineProfileSettings() throws IOException {
        Path target = work.resolve("profile-1ms.jfc");
        if (!Files.exists(target)) {
            Path jfc = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
            String text = Files.readString(jfc).replace(
                    "<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
                    "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>");
            Files.writeString(target, text);
        }
        return target;
    }

    /** The handler's output in a few words: an API answer's status code, or null for a bus function. */
    private static String summary(String output) {
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(output);
        if (status.find()) {
            return "HTTP " + status.group(1);
        }
        return output.equals("null") ? "null (handled)" : output.length() > 40 ? output.substring(0, 40) + "..." : output;
    }

}
