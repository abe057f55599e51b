package com.communitypulse.testkit.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The runner a user starts ({@code java -jar local/target/community-pulse-local.jar}) as a separate
 * process for a test class, in a fresh work folder under {@code target/}:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PackagedRunnerExtension RUNNER = PackagedRunnerExtension.withArgs("--demo");
 * ... RUNNER.runner().get("/contributors/github:1") ...
 * </pre>
 *
 * The runner's log is kept in that folder; when a test of the class failed, its tail is printed.
 */
public final class PackagedRunnerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> env;
    private final String[] args;
    private PackagedRunner runner;

    private PackagedRunnerExtension(Map<String, String> env, String[] args) {
        this.env = env;
        this.args = args;
    }

    public static PackagedRunnerExtension withArgs(String... args) {
        return new PackagedRunnerExtension(Map.of(), args);
    }

    public static PackagedRunnerExtension withEnv(Map<String, String> env, String... args) {
        return new PackagedRunnerExtension(Map.copyOf(env), args);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(),
                context.getRequiredTestClass().getSimpleName() + "-");
        runner = PackagedRunner.start(work, env, args);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (runner == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            System.err.println("runner log tail:\n" + runner.logTail(40));
        }
        runner.close();
    }

    public PackagedRunner runner() {
        if (runner == null) {
            throw new IllegalStateException("the runner starts before the class's first test (register in a static field)");
        }
        return runner;
    }
}
