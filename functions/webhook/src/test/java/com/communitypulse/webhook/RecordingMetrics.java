package com.communitypulse.webhook;

import java.util.ArrayList;
import java.util.List;

/** Records every metric as "name platform [reason]". */
public final class RecordingMetrics implements WebhookMetrics {
    public final List<String> recorded = new ArrayList<>();

    @Override
    public void accepted(String platform) {
        recorded.add("accepted " + platform);
    }

    @Override
    public void rejected(String platform, String reason) {
        recorded.add("rejected " + platform + " " + reason);
    }

    @Override
    public void duplicate(String platform) {
        recorded.add("duplicates " + platform);
    }
}
