package com.communitypulse.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.ScoringService;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.testkit.ContributorTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Re-scoring recorded history under a candidate config, on DynamoDB Local, read only. */
class RescoreHistoryIT {
    /** DynamoDB requests by operation name (GetItem, Query, ...), to see the tool never writes or scans. */
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final ExecutionInterceptor COUNTER = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    };
    @RegisterExtension
    static final ContributorTable TABLE = new ContributorTable(COUNTER);

    @BeforeAll
    static void seed() {
        // seeded by the score function's own service, as the deployed function records actions
        ScoringService scoring = new ScoringService(new DynamoDbContributorStore(TABLE.client(), TABLE.name()), events -> { },
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        scoring.handle(action("r1", "github:1", "ada", "docs_edited", "2026-11-02T10:00:00Z"));
        scoring.handle(action("r2", "github:1", "ada", "docs_edited", "2026-11-03T10:00:00Z"));
        scoring.handle(action("r3", "github:2", "bob", "pr_merged", "2026-11-04T10:00:00Z"));
        scoring.handle(action("r4", "github:2", "bob", "comment", "2026-11-05T10:00:00Z"));
        scoring.handle(action("r5", "github:3", "cy", "comment", "2026-11-06T10:00:00Z", 600));
        // dan became a Contributor long before the window; only a comment is in it
        scoring.handle(action("r6", "github:4", "dan", "pr_merged", "2026-01-10T10:00:00Z"));
        scoring.handle(action("r7", "github:4", "dan", "comment", "2026-11-07T10:00:00Z"));
    }

    private static CommunityAction action(String id, String actor, String login, String type, String timestamp) {
        return action(id, actor, login, type, timestamp, null);
    }

    private static CommunityAction action(String id, String actor, String login, String type, String timestamp,
                                          Integer length) {
        return new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER, new ActionContext("github",
                type, "octo-org/hello-world", null, null, length, null, null, null, null, null, null), timestamp);
    }

    private static Map<String, Integer> callsSinceLastTime() {
        Map<String, Integer> snapshot = new TreeMap<>();
        CALLS.forEach((k, v) -> snapshot.put(k, v.get()));
        CALLS.clear();
        return snapshot;
    }

    @Test
    void showsWhoMovesTierAndTheBiggestScoreChanges() {
        ScoringConfig candidate = ScoringConfig.parse("""
                {"version": "2-draft", "type_bonus": {"pr_merged": 0.5, "issue_opened": 0.2, "docs_edited": 0.4},
                 "contributor_types": ["pr_merged", "answer_accepted"], "long_comment": {"bonus": 0.1}}""");
        callsSinceLastTime();
        RescoreHistory.Report report = new RescoreHistory(TABLE.client(), TABLE.name(), ScoringConfig.defaults(), candidate)
                .run(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-20"));
        assertEquals(20, report.queries(), "one Query per day of the window");
        Map<String, Integer> calls = callsSinceLastTime();
        assertEquals(java.util.Set.of("Query", "GetItem"), calls.keySet(), "read only, never a Scan: " + calls);
        assertEquals(20, calls.get("Query"));
        assertEquals(6, report.actions());
        Map<String, String> moves = report.tierMoves().stream()
                .collect(Collectors.toMap(RescoreHistory.Change::login, c -> c.tier() + " -> " + c.candidateTier()));
        assertEquals(Map.of("ada", "Contributor -> User"), moves);
        List<String> biggest = report.biggestChanges(10).stream()
                .map(c -> c.login() + " " + c.score().toPlainString() + " -> " + c.candidateScore().toPlainString()).toList();
        assertEquals(List.of("ada 0.2 -> 1", "cy 0.4 -> 0.2"), biggest);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        RescoreHistory.print(report, 10, new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Re-scored 6 actions from 2026-11-01 to 2026-11-20 (20 DAY# Queries): config 1 -> candidate 2-draft"),
                printed);
        assertTrue(printed.contains("ada github:1             Contributor -> User (docs_edited)"), printed);
        assertTrue(printed.contains("ada github:1             0.2 -> 1 (+0.8)"), printed);
        assertTrue(printed.contains("cy github:3              0.4 -> 0.2 (-0.2)"), printed);
    }
}
