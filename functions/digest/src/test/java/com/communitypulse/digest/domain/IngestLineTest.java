package com.communitypulse.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.shared.figures.IngestCounts;
import org.junit.jupiter.api.Test;

/** The digest's ingest-completeness line, from the GitHub reconciler's INGEST# item of the week ({@code IngestLineIT} reads it). */
class IngestLineTest {
    @Test
    void theLineSaysHowManyDeliveriesAndHowManyWereRecovered() {
        assertEquals("412 deliveries, 3 recovered", new IngestCounts(412, 0, 3, 3, 0, false).line());
        assertEquals("412 deliveries, 3 recovered (5 failed at first), 1 lost", new IngestCounts(412, 5, 4, 3, 1, false).line());
        assertEquals("at least 1 delivery, 0 recovered", new IngestCounts(1, 0, 0, 0, 0, true).line());
    }
}
