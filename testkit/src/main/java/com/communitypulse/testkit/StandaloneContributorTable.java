package com.communitypulse.testkit;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ContributorTable} for a test engine that runs no Jupiter extensions (a jqwik property's
 * {@code @BeforeContainer}): the same table on an engine of its own, both gone with {@link #close()}.
 *
 * <pre>
 * &#64;BeforeContainer static void start() { table = StandaloneContributorTable.start(); }
 * &#64;AfterContainer static void stop() { table.close(); }
 * </pre>
 */
public final class StandaloneContributorTable implements AutoCloseable {
    private static final String NAME = "contributors";

    private final DynamoDbLocal engine;
    private final DynamoDbClient client;

    private StandaloneContributorTable(DynamoDbLocal engine, DynamoDbClient client) {
        this.engine = engine;
        this.client = client;
    }

    public static StandaloneContributorTable start(ExecutionInterceptor... interceptors) {
        DynamoDbLocal engine = DynamoDbLocal.startInMemory();
        DynamoDbClient client = engine.client(interceptors);
        TableCreator.createContributorTable(client, NAME);
        return new StandaloneContributorTable(engine, client);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return NAME;
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    /** Every item of the table, read consistently. */
    public List<Map<String, AttributeValue>> items() {
        return ContributorTable.items(client, NAME);
    }

    @Override
    public void close() {
        client.close();
        engine.close();
    }
}
