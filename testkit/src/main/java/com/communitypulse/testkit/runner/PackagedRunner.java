package com.communitypulse.testkit.runner;

import com.communitypulse.testkit.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runner a user starts: {@code java -jar local/target/community-pulse-local.jar} as a separate
 * process on a free port (never in this JVM, never this test class path), driven over HTTP. The
 * jar must have been built by {@code package}; failsafe runs these tests after it.
 */
public final class PackagedRunner implements AutoCloseable {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final Path outbox;
    private final int port;
    private final Map<String, String> env;

    private PackagedRunner(Process process, Path log, Path outbox, int port, Map<String, String> env) {
        this.process = process;
        this.log = log;
        this.outbox = outbox;
        this.port = port;
        this.env = env;
    }

    /** The repository's root: the folder holding template.yaml, from the module up. */
    public static Path root() {
        return Repository.root();
    }

    public static Path jar() {
        Path jar = root().resolve("local/target/community-pulse-local.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run after package (mvn -B verify)");
        }
        return jar;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the packaged runner in {@code work} and waits for its health route. */
    public static PackagedRunner start(Path work, Map<String, String> env, String... extraArgs) throws Exception {
        int port = freePort();
        Path outbox = work.resolve("outbox");
        Process process = launch(work, env, port, outbox, extraArgs);
        PackagedRunner runner = new PackagedRunner(process, work.resolve("runner.log"), outbox, port, env);
        runner.awaitHealthy();
        return runner;
    }

    /** Starts the packaged runner with these arguments and does not wait: for tests of a failed start. */
    public static Process launch(Path work, Map<String, String> env, int port, Path outbox, String... extraArgs)
            throws IOException {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString(),
                "--port", Integer.toString(port), "--outbox", outbox.toString()));
        command.addAll(List.of(extraArgs));
        if (!command.contains("--data") && !command.contains("--warehouse")) {
            // the runner's default is warehouse/ in its working directory, the repository root here: keep it in work
            command.addAll(List.of("--warehouse", work.resolve("warehouse").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("runner.log").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the packaged runner exited with " + process.exitValue()
                        + " before it was healthy:\n" + logTail(30));
            }
            try {
                if (get("/_local/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the packaged runner was not healthy within " + START_TIMEOUT + ":\n" + logTail(30));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path outbox() {
        return outbox;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the runner's bus has delivered every event. */
    public void awaitIdle() throws IOException, InterruptedException {
        HttpResponse<String> idle = post("/_local/idle", "");
        if (idle.statusCode() != 200) {
            throw new IllegalStateException("the bus did not become idle: " + idle.body());
        }
    }

    /** Runs a shell script in the repository root, as a user types it; returns its exit status and output. */
    public Shell sh(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // `send` defaults to http://127.0.0.1:3000; this runner is on a free port
        builder.environment().put("COMMUNITY_PULSE_URL", url());
        Process shell = builder.start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!shell.waitFor(120, TimeUnit.SECONDS)) {
            shell.destroyForcibly();
            throw new IllegalStateException("script did not finish: " + script);
        }
        return new Shell(shell.exitValue(), output);
    }

    public record Shell(int status, String output) {
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        return tail(log, lines);
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
