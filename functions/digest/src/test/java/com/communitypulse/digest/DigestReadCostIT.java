package com.communitypulse.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.testkit.ContributorTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The digest's reads follow its window (the 90 days to the week's end, which hold the weekly figures' 5 weeks
 * and the response debt's 28 days), not the table's history: with ten times more activity before the
 * 90 days, the same requests read the same items.
 */
class DigestReadCostIT {
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable();

    @BeforeAll
    static void seed() {
        HandWeek.seed(TABLE.client(), TABLE.name());
    }

    /** Counts requests per operation and the items DynamoDB read for them. */
    static final class ReadCounter implements ExecutionInterceptor {
        final Map<String, Integer> requests = new TreeMap<>();
        int itemsRead;

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            requests.merge(request.getClass().getSimpleName().replace("Request", ""), 1, Integer::sum);
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse q) {
                itemsRead += q.scannedCount();
            } else if (context.response() instanceof BatchGetItemResponse b) {
                itemsRead += b.responses().values().stream().mapToInt(List::size).sum();
            }
        }
    }

    private record Run(Map<String, Integer> requests, int itemsRead, DigestFigures figures) {
    }

    private static Run measure() {
        ReadCounter counter = new ReadCounter();
        var env = DigestEnv.of(TABLE, Map.of());
        try (DynamoDbClient counted = TABLE.newClient(counter)) {
            DigestFigures figures = DigestHandler.service(env, counted, null, Clock.systemUTC())
                    .figures(HandWeek.WEEK, HandWeek.AS_OF);
            return new Run(Map.copyOf(counter.requests), counter.itemsRead, figures);
        }
    }

    @Test
    void readsDoNotGrowWithOlderHistory() {
        Run before = measure();
        // one Query per day of the 90-day window (bus factor; the weekly figures' 35 days are among them), one
        // BatchGetItem for threads, two for profiles (one linked identity)
        assertEquals(Map.of("Query", 90, "BatchGetItem", 3), before.requests());
        assertFalse(before.requests().containsKey("Scan"));

        List<Map<String, AttributeValue>> history = new ArrayList<>();
        int baseline = HandWeek.items().size();
        Instant windowStart = HandWeek.WEEK.end().minus(BusFactor.WINDOW);
        assertEquals(BusFactor.firstDay(HandWeek.WEEK.end()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), windowStart);
        for (int i = 0; i < 10 * baseline; i++) {
            // spread over the 120 days before the 90-day window, by people old and new
            String ts = windowStart.minusSeconds(60 + (long) i * 120 * 86_400 / (10L * baseline)).toString();
            history.add(ScorerItems.user("old" + i, "github:" + (500 + i % 40), "old-timer-" + i % 40,
                    i % 3 == 0 ? "pr_merged" : "comment", 0.6, ts, "OLD" + i % 25));
        }
        ScorerItems.put(TABLE.client(), TABLE.name(), history);

        Run after = measure();
        assertEquals(before.requests(), after.requests());
        assertEquals(before.itemsRead(), after.itemsRead());
        assertTrue(before.itemsRead() > 0);
        assertEquals(before.figures().activeContributors(), after.figures().activeContributors());
        assertEquals(before.figures().activeLast28Days(), after.figures().activeLast28Days());
        assertEquals(before.figures().quietRegulars(), after.figures().quietRegulars());
        assertEquals(before.figures().topByImpact(), after.figures().topByImpact());
        assertEquals(before.figures().busFactor(), after.figures().busFactor());
        assertEquals(before.figures().responseDebt(), after.figures().responseDebt());
    }
}
