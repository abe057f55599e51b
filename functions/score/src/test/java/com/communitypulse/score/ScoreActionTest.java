package com.communitypulse.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.testkit.Fixtures;
import com.communitypulse.testkit.RecordingPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring job without DynamoDB: what it counts, and the envelopes it refuses. */
class ScoreActionTest {
    private final FakeStores.Contributors store = new FakeStores.Contributors();
    private final RecordingPublisher bus = new RecordingPublisher();
    private final RecordingScoreMetrics metrics = new RecordingScoreMetrics();
    private final ScoreAction job = new ScoreAction(new ScoringService(store, bus, new Scorer(ScoringConfig.defaults()),
            Duration.ofDays(400)), null, metrics);

    @Test
    void aNewActionIsScoredAndCountedWithTheEventsItPublished() throws Exception {
        job.run(Fixtures.eventJson("score-pr-merged.json"));
        assertEquals(1, store.recorded.size());
        assertEquals(List.of("scored recorded attempts=1 events=" + bus.events().size()), metrics.calls);
        assertTrue(bus.events().size() >= 1, "a newcomer's merge is a first contribution");
    }

    @Test
    void aCopyOfARecordedActionIsCountedAsARedelivery() throws Exception {
        store.alreadyRecorded = true;
        job.run(Fixtures.eventJson("score-pr-merged.json"));
        assertEquals(List.of("scored redelivered attempts=1 events=0"), metrics.calls);
        assertTrue(bus.events().isEmpty());
    }

    @Test
    void anEnvelopeThatIsNotAnActionIsInvalidAndCountsNothing() {
        var none = assertThrows(ScoringService.InvalidActionException.class, () -> job.run(null));
        assertEquals("invalid community.action: the EventBridge envelope has no detail object", none.getMessage());
        assertThrows(ScoringService.InvalidActionException.class, () -> job.run(Map.of("detail", "text")));
        assertEquals(List.of(), metrics.calls);
    }
}
