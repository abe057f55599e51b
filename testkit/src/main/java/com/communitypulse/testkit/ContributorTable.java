package com.communitypulse.testkit;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The template's contributor table on the real engine, DynamoDB Local, for a test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ContributorTable TABLE = new ContributorTable();
 * ... new DynamoDbContributorStore(TABLE.client(), TABLE.name()) ...
 * </pre>
 *
 * One engine serves the whole test run (started on first use, stopped when JUnit ends); each test
 * class gets its own table (keys, indexes and TTL read from template.yaml), or each test with
 * {@link #freshForEachTest()}. Registered in a static field.
 */
public final class ContributorTable implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContributorTable.class);
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final List<ExecutionInterceptor> interceptors;
    private final boolean perTest;
    private DynamoDbLocal engine;
    private DynamoDbClient client;
    private String name;

    /** A table per test class; the client runs {@code interceptors} (e.g. a request counter) on every call. */
    public ContributorTable(ExecutionInterceptor... interceptors) {
        this(List.of(interceptors), false);
    }

    private ContributorTable(List<ExecutionInterceptor> interceptors, boolean perTest) {
        this.interceptors = interceptors;
        this.perTest = perTest;
    }

    /** A new, empty table before each test (and dropped after it), for tests that count what they find. */
    public ContributorTable freshForEachTest() {
        return new ContributorTable(interceptors, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DynamoDbLocal.class, k -> DynamoDbLocal.startInMemory(), DynamoDbLocal.class);
        client = engine.client(interceptors.toArray(ExecutionInterceptor[]::new));
        if (!perTest) {
            create();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            drop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            drop();
        }
        client.close();
    }

    private void create() {
        name = "contributors-" + TABLES.incrementAndGet();
        TableCreator.createContributorTable(client, name);
    }

    private void drop() {
        client.deleteTable(r -> r.tableName(name));
    }

    /** The SDK client on the engine, built the way the functions build theirs. */
    public DynamoDbClient client() {
        return client;
    }

    /** Another client on the same engine, e.g. one that injects faults. */
    public DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
        return engine.client(interceptors);
    }

    /** This class's (or this test's) table name: what the functions read from {@code TABLE_NAME}. */
    public String name() {
        return name;
    }

    /** Every item of the table, read consistently: for tests that check what was (or was not) written. */
    public List<Map<String, AttributeValue>> items() {
        return items(client, name);
    }

    static List<Map<String, AttributeValue>> items(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    /** The environment a function needs to reach this table: region, local credentials, endpoint, TABLE_NAME. */
    public Map<String, String> env() {
        return Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString(), "TABLE_NAME", name);
    }
}
