package com.communitypulse.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** Adds ReturnConsumedCapacity TOTAL to every read and sums what DynamoDB reports. */
final class ReadCapacity implements ExecutionInterceptor {
    final DoubleAdder units = new DoubleAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder itemsRead = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final Map<String, LongAdder> byOperation = new java.util.concurrent.ConcurrentHashMap<>();
    final LongAdder withoutCapacity = new LongAdder();
    /** The DAY# partitions the digest queried: its read window. */
    final java.util.Set<LocalDate> days = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest q) {
            q.expressionAttributeValues().values().stream().map(AttributeValue::s)
                    .filter(v -> v != null && v.startsWith("DAY#"))
                    .forEach(v -> days.add(LocalDate.parse(v.substring("DAY#".length()))));
            return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        List<ConsumedCapacity> capacity = new ArrayList<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (response instanceof QueryResponse q) {
            if (q.consumedCapacity() != null) {
                capacity.add(q.consumedCapacity());
            }
            items.addAll(q.items());
        } else if (response instanceof BatchGetItemResponse b) {
            capacity.addAll(b.consumedCapacity());
            b.responses().values().forEach(items::addAll);
        } else if (response instanceof GetItemResponse g) {
            if (g.consumedCapacity() != null) {
                capacity.add(g.consumedCapacity());
            }
            if (g.hasItem()) {
                items.add(g.item());
            }
        } else {
            return;
        }
        requests.increment();
        byOperation.computeIfAbsent(response.getClass().getSimpleName().replace("Response", ""), k -> new LongAdder()).increment();
        if (capacity.isEmpty()) {
            withoutCapacity.increment();
        }
        capacity.forEach(c -> units.add(c.capacityUnits() == null ? 0 : c.capacityUnits()));
        itemsRead.add(items.size());
        items.forEach(item -> bytesRead.add(DigestAtScale.size(item)));
    }
}
