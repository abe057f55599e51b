package com.communitypulse.score;

import java.util.ArrayList;
import java.util.List;

/** Records each {@link ScoreMetrics} call as a line such as {@code scored recorded attempts=1 events=2}. */
final class RecordingScoreMetrics implements ScoreMetrics {
    final List<String> calls = new ArrayList<>();

    @Override
    public void actionScored(boolean recorded, int attempts, int eventsPublished) {
        calls.add("scored " + (recorded ? "recorded" : "redelivered") + " attempts=" + attempts + " events=" + eventsPublished);
    }

    @Override
    public void actionDroppedErased() {
        calls.add("dropped erased");
    }

    @Override
    public void tierReviewed(int demoted) {
        calls.add("reviewed demoted=" + demoted);
    }

    @Override
    public void suggestionsWritten(int written) {
        calls.add("suggestions written=" + written);
    }

    @Override
    public void suggestionFailed() {
        calls.add("suggestion failed");
    }
}
