package com.communitypulse.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts a client's DynamoDB calls (one per API call, the SDK's retries not included) by purpose and operation,
 * with the items each carried and the calls that failed (a condition refused, a transaction cancelled). The
 * purpose comes from the request's keys ({@code purposeOf}); for an in-process function the SDK client is the
 * bench's, so an interceptor sees its calls (unlike the hosted jars', which {@link DynamoWire} counts).
 */
final class DynamoCalls implements ExecutionInterceptor {
    /** One purpose and operation's calls over a window. */
    record Tally(long calls, long items, long failed) {
        Tally minus(Tally before) {
            return new Tally(calls - before.calls, items - before.items, failed - before.failed);
        }
    }

    private final Function<List<String>, String> purposeOf;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> items = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();

    /** @param purposeOf from the partition and sort keys a call names ("pk sk" each), what it is for */
    DynamoCalls(Function<List<String>, String> purposeOf) {
        this.purposeOf = purposeOf;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        String name = operation(request);
        List<String> keys = keys(request);
        String key = purposeOf.apply(keys) + "|" + name;
        items.computeIfAbsent(key, k -> new LongAdder()).add(Math.max(1, itemCount(request)));
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        failed.computeIfAbsent(purposeOf.apply(keys(request)) + "|" + operation(request), k -> new LongAdder()).increment();
    }

    /** "purpose|Operation" -> what it cost, sorted. */
    Map<String, Tally> tallies() {
        Map<String, Tally> out = new TreeMap<>();
        calls.forEach((key, n) -> out.put(key, new Tally(n.sum(), items.get(key).sum(),
                failed.containsKey(key) ? failed.get(key).sum() : 0)));
        return out;
    }

    static Map<String, Tally> minus(Map<String, Tally> after, Map<String, Tally> before) {
        Map<String, Tally> out = new TreeMap<>();
        after.forEach((key, t) -> {
            Tally d = t.minus(before.getOrDefault(key, new Tally(0, 0, 0)));
            if (d.calls() > 0) {
                out.put(key, d);
            }
        });
        return out;
    }

    static long calls(Collection<Tally> tallies) {
        return tallies.stream().mapToLong(Tally::calls).sum();
    }

    private static String operation(SdkRequest request) {
        return request.getClass().getSimpleName().replace("Request", "");
    }

    private static long itemCount(SdkRequest request) {
        if (request instanceof BatchWriteItemRequest b) {
            return b.requestItems().values().stream().mapToLong(List::size).sum();
        } else if (request instanceof BatchGetItemRequest b) {
            return b.requestItems().values().stream().mapToLong(k -> k.keys().size()).sum();
        } else if (request instanceof TransactWriteItemsRequest t) {
            return t.transactItems().size();
        } else if (request instanceof TransactGetItemsRequest t) {
            return t.transactItems().size();
        }
        return 1;
    }

    /** The keys a request names, as "pk sk" ("pk" alone for a Query). */
    private static List<String> keys(SdkRequest request) {
        List<String> out = new ArrayList<>();
        if (request instanceof GetItemRequest g) {
            out.add(key(g.key()));
        } else if (request instanceof PutItemRequest p) {
            out.add(key(p.item()));
        } else if (request instanceof UpdateItemRequest u) {
            out.add(key(u.key()));
        } else if (request instanceof DeleteItemRequest d) {
            out.add(key(d.key()));
        } else if (request instanceof QueryRequest q) {
            q.expressionAttributeValues().values().stream().map(AttributeValue::s).filter(v -> v != null)
                    .findFirst().ifPresent(out::add);
        } else if (request instanceof BatchGetItemRequest b) {
            b.requestItems().values().forEach(k -> k.keys().forEach(m -> out.add(key(m))));
        } else if (request instanceof BatchWriteItemRequest b) {
            for (List<WriteRequest> writes : b.requestItems().values()) {
                for (WriteRequest w : writes) {
                    out.add(key(w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key()));
                }
            }
        } else if (request instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(w -> out.add(key(w.put() != null ? w.put().item() : w.update() != null
                    ? w.update().key() : w.conditionCheck() != null ? w.conditionCheck().key() : w.delete().key())));
        }
        return out;
    }

    private static String key(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("pk");
        AttributeValue sk = item.get("sk");
        return (pk == null ? "" : pk.s()) + " " + (sk == null ? "" : sk.s());
    }
}
