package com.communitypulse.local.packaged;

import com.communitypulse.testkit.runner.PackagedRunner;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner that cannot start says why and exits non-zero, so scripts and CI never wait forever
 * (DynamoDB Local's threads used to keep the JVM alive after the reason was printed).
 */
class FailedStartIT {
    @TempDir
    Path work;

    private String failedStart(Map<String, String> env, int port, String... args) throws Exception {
        Process process = PackagedRunner.launch(work, env, port, work.resolve("outbox"), args);
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(work.resolve("runner.log"));
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the runner was still running 120 s after a failed start:\n" + log);
        assertNotEquals(0, process.exitValue(), log);
        return log;
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String log = failedStart(Map.of(), taken.getLocalPort());
            assertTrue(log.contains("could not start") && log.contains("in use"), log);
        }
    }

    @Test
    void anInvalidScoringConfig() throws Exception {
        String log = failedStart(Map.of("SCORING_CONFIG", "{\"weights\": "), PackagedRunner.freePort());
        assertTrue(log.contains("could not start") && log.contains("ScoreFunction"), log);
    }

    @Test
    void aMissingTemplate() throws Exception {
        String log = failedStart(Map.of(), PackagedRunner.freePort(), "--template", work.resolve("nope.yaml").toString());
        assertTrue(log.contains("could not start") && log.contains("nope.yaml"), log);
    }

    @Test
    void aDataDirectoryThatIsAFile() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-dir"), "x");
        String log = failedStart(Map.of(), PackagedRunner.freePort(), "--data", file.toString());
        assertTrue(log.contains("could not start") && log.contains("not-a-dir"), log);
    }
}
