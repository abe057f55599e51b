package com.communitypulse.score;

import static com.communitypulse.score.Actions.action;
import static com.communitypulse.score.Actions.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.devkit.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Re-scoring recorded history under a candidate config, on DynamoDB Local, read only. */
class RescoreHistoryTest {
    private static final String TABLE = "rescore-test";
    private static final CountingInterceptor COUNTER = new CountingInterceptor();
    private static DynamoDbLocal db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DynamoDbLocal.startInMemory();
        dynamo = LocalTable.client(db, COUNTER);
        LocalTable.create(dynamo, TABLE);
        ScoringService scoring = new ScoringService(new DynamoContributorStore(dynamo, TABLE), events -> { },
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
        scoring.handle(action("r1", "github:1", "ada", "docs_edited", "2026-11-02T10:00:00Z"));
        scoring.handle(action("r2", "github:1", "ada", "docs_edited", "2026-11-03T10:00:00Z"));
        scoring.handle(action("r3", "github:2", "bob", "pr_merged", "2026-11-04T10:00:00Z"));
        scoring.handle(action("r4", "github:2", "bob", "comment", "2026-11-05T10:00:00Z"));
        scoring.handle(withLength(action("r5", "github:3", "cy", "comment", "2026-11-06T10:00:00Z"), 600));
        // dan became a Contributor long before the window; only a comment is in it
        scoring.handle(action("r6", "github:4", "dan", "pr_merged", "2026-01-10T10:00:00Z"));
        scoring.handle(action("r7", "github:4", "dan", "comment", "2026-11-07T10:00:00Z"));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    @Test
    void showsWhoMovesTierAndTheBiggestScoreChanges() {
        ScoringConfig candidate = ScoringConfig.parse("""
                {"version": "2-draft", "type_bonus": {"pr_merged": 0.5, "issue_opened": 0.2, "docs_edited": 0.4},
                 "contributor_types": ["pr_merged", "answer_accepted"], "long_comment": {"bonus": 0.1}}""");
        COUNTER.snapshotAndReset();
        RescoreHistory.Report report = new RescoreHistory(dynamo, TABLE, ScoringConfig.defaults(), candidate)
                .run(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-20"));
        assertEquals(20, report.queries(), "one Query per day of the window");
        Map<String, Integer> calls = COUNTER.snapshotAndReset();
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
