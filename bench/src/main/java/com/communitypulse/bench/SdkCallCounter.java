package com.communitypulse.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Counts every AWS SDK call made in this JVM, by {@code Service.Operation}, and the items DynamoDB
 * write calls carry ({@code TransactWriteItems} and {@code BatchWriteItem} hold several). Registered
 * for every client through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the functions the local
 * runner hosts are counted without touching their code.
 */
public final class SdkCallCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> ITEMS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(key, k -> new LongAdder()).increment();
        int items = 1;
        if (context.request() instanceof TransactWriteItemsRequest transact) {
            items = transact.transactItems().size();
        } else if (context.request() instanceof BatchWriteItemRequest batch) {
            items = batch.requestItems().values().stream().mapToInt(java.util.List::size).sum();
        }
        ITEMS.computeIfAbsent(key, k -> new LongAdder()).add(items);
    }

    /** Calls per {@code Service.Operation} so far. */
    static Map<String, Long> calls() {
        return snapshot(CALLS);
    }

    /** Items per {@code Service.Operation} so far (1 per call, except transactions and batches). */
    static Map<String, Long> items() {
        return snapshot(ITEMS);
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    static boolean isDynamoWrite(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).startsWith("dynamodb.") && (key.endsWith("PutItem") || key.endsWith("UpdateItem")
                || key.endsWith("DeleteItem") || key.endsWith("TransactWriteItems") || key.endsWith("BatchWriteItem"));
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
