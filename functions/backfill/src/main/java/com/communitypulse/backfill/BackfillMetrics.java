package com.communitypulse.backfill;

import com.communitypulse.backfill.domain.BackfillService;

/** What a step counts; {@link PowertoolsBackfillMetrics} writes them as Powertools (EMF) metrics. */
public interface BackfillMetrics {
    BackfillMetrics NONE = new BackfillMetrics() {
        @Override
        public void stepped(BackfillService.Step step) {
        }

        @Override
        public void failed(String reason) {
        }
    };

    /** A step's pages, items, events and requests. */
    void stepped(BackfillService.Step step);

    /** A step stopped on GitHub: {@code unavailable} (paused) or {@code refused} (stopped until an operator acts). */
    void failed(String reason);
}
