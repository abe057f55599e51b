package com.communitypulse.local.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * When each demo action happened, from one anchor ({@code now} truncated to the hour). Past weeks
 * are fixed offsets from the start of the current ISO week, so the digest's week and the boards'
 * figures are the same whatever the weekday; the current week's actions are spread over the part of
 * it that has elapsed (a fraction of Monday 00:00 to the anchor), so none lies in the future.
 */
public final class DemoTimeline {
    /** The earliest action, a fixed offset before the anchor: reading it back recovers the anchor. */
    public static final Duration MARKER_AGE = Duration.ofDays(60);

    private final Instant anchor;
    private final Instant weekStart;

    public DemoTimeline(Instant anchor) {
        if (!anchor.equals(anchor.truncatedTo(ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("the anchor must be a whole hour: " + anchor);
        }
        this.anchor = anchor;
        this.weekStart = anchor.atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static DemoTimeline startingNow(Instant now) {
        return new DemoTimeline(now.truncatedTo(ChronoUnit.HOURS));
    }

    public Instant anchor() {
        return anchor;
    }

    /** Monday 00:00 UTC of the current ISO week. */
    public Instant weekStart() {
        return weekStart;
    }

    public Instant marker() {
        return anchor.minus(MARKER_AGE);
    }

    /** {@code weeksAgo} (1 = last week) ISO weeks back, on day {@code day} (0 = Monday) at {@code hour} UTC. */
    public Instant week(int weeksAgo, int day, int hour) {
        if (weeksAgo < 1 || day < 0 || day > 6 || hour < 0 || hour > 23) {
            throw new IllegalArgumentException("week(" + weeksAgo + ", " + day + ", " + hour + ")");
        }
        return weekStart.minus(Duration.ofDays(7L * weeksAgo - day)).plus(Duration.ofHours(hour));
    }

    /** A moment in the current week: {@code fraction} (0..1) of the way from Monday 00:00 to the anchor. */
    public Instant thisWeek(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction " + fraction);
        }
        long elapsed = Duration.between(weekStart, anchor).getSeconds();
        return weekStart.plusSeconds((long) Math.floor(elapsed * fraction));
    }
}
