package com.communitypulse.devkit.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One Lambda execution environment as a JVM process: the function's deployment jar extracted into
 * a task root (Lambda unzips the code into {@code /var/task}), the working directory there
 * (the runtime interface client loads customer code from {@code user.dir}, plus {@code lib/*.jar}),
 * only the runtime client on the JVM classpath, and the environment Lambda sets. stdout and stderr
 * go to one log file, whose size marks what was written before and during an invocation.
 */
public final class LambdaProcess implements AutoCloseable {
    public static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * @param functionName     the deployed name ({@code AWS_LAMBDA_FUNCTION_NAME})
     * @param handler          the template's {@code Handler}
     * @param taskRoot         the function's code, extracted by {@link #extract} (Lambda's {@code /var/task})
     * @param runtimeClasspath the runtime interface client and what it needs (Lambda's {@code /var/runtime/lib})
     * @param environment      the function's own variables (template) and endpoints; Lambda's reserved ones are added
     */
    public record Spec(String functionName, String handler, Path taskRoot, List<Path> runtimeClasspath,
                       Map<String, String> environment, int memoryMb, String region, String runtimeApi) {
    }

    private final Process process;
    private final long startedNanos;
    private final Path log;

    private LambdaProcess(Process process, long startedNanos, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts the runtime in the task root; the clock starts just before the JVM is spawned. */
    public static LambdaProcess start(Spec spec) {
        try {
            Path taskRoot = spec.taskRoot();
            Path log = Files.createTempFile("lambda-" + spec.functionName() + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(spec))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.clear(); // nothing of the build's environment leaks in (credentials, endpoints, JAVA_TOOL_OPTIONS)
            env.put("PATH", path);
            env.putAll(spec.environment());
            env.putAll(reserved(spec, taskRoot));
            long started = System.nanoTime();
            return new LambdaProcess(builder.start(), started, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(Spec spec) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // like Lambda's Java bootstrap: heap sized from the memory setting, serial GC, shared class data
        command.add("-XX:MaxHeapSize=" + spec.memoryMb() * 85 / 100 + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-classpath");
        command.add(spec.runtimeClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RUNTIME_MAIN);
        command.add(spec.handler());
        return command;
    }

    /** The variables Lambda itself sets in every execution environment of a Java managed runtime. */
    static Map<String, String> reserved(Spec spec, Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("_HANDLER", spec.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]0123456789abcdef0123456789abcdef");
        env.put("AWS_LAMBDA_RUNTIME_API", spec.runtimeApi());
        // the execution role's temporary credentials; the key id is DynamoDbLocal.client()'s, as
        // DynamoDB Local keeps tables per access key id (and region)
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local-session-token");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        return env;
    }

    /**
     * Unzips a deployment package into a new temporary task root, as Lambda does (once per
     * deployment here: the code is read-only, so one extraction serves every cold start).
     */
    public static Path extract(Path jar) throws IOException {
        Path dir = Files.createTempDirectory("lambda-task-");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build the functions first (mvn -B package)");
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /** Removes a task root made by {@link #extract}. */
    public static void delete(Path taskRoot) throws IOException {
        try (Stream<Path> files = Files.walk(taskRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Bytes written to stdout and stderr so far. */
    public long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output between two {@link #logSize()} marks, as lines. */
    public List<String> logLines(long from, long to) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            String text = new String(in.readNBytes((int) (to - from)), StandardCharsets.UTF_8);
            return text.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the environment (Lambda freezes or ends it; no shutdown hooks run) and removes its log. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
