package com.communitypulse.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * AWS's DynamoDB Local, run in this JVM: the real engine for the local runner and for tests.
 * Its SQLite native library travels inside this jar and is extracted once per process.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static final String NATIVE_LIB = "libsqlite4java-linux-amd64.so";
    private static Path nativeDir;

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory instance on a free loopback port. */
    public static DynamoDbLocal startInMemory() {
        return start(0, null);
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param port    0 for any free port
     * @param dataDir null for in memory, else a directory that keeps the data between runs
     */
    public static DynamoDbLocal start(int port, Path dataDir) {
        prepareNativeLibrary();
        int chosen = port == 0 ? freePort() : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new DynamoDbLocal(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A real SDK client on this instance, built the way the functions build theirs. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        Env env = new Env(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString()));
        return AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB")
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void prepareNativeLibrary() {
        if (nativeDir != null) {
            return;
        }
        try (InputStream in = DynamoDbLocal.class.getResourceAsStream("/native/" + NATIVE_LIB)) {
            if (in == null) {
                throw new IllegalStateException("native/" + NATIVE_LIB + " is missing from the classpath; build with mvn package");
            }
            Path dir = Files.createTempDirectory("community-pulse-sqlite4java");
            Files.copy(in, dir.resolve(NATIVE_LIB), StandardCopyOption.REPLACE_EXISTING);
            dir.toFile().deleteOnExit();
            dir.resolve(NATIVE_LIB).toFile().deleteOnExit();
            System.setProperty("sqlite4java.library.path", dir.toString());
            nativeDir = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
