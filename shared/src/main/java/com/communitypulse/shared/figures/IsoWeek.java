package com.communitypulse.shared.figures;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Pattern;

/**
 * One ISO-8601 week in UTC: Monday 00:00:00Z (inclusive) to the next Monday 00:00:00Z (exclusive).
 *
 * @param id    e.g. {@code 2026-W47}, as {@link com.communitypulse.shared.store.TableKeys#isoWeek} writes it
 * @param monday the week's first day
 */
public record IsoWeek(String id, LocalDate monday) {
    private static final Pattern ID = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The latest week that ended at or before {@code time}: on Monday 09:00 that is the Monday-to-Sunday just gone. */
    public static IsoWeek endedBefore(Instant time) {
        LocalDate thisMonday = time.atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return of(thisMonday.minusWeeks(1));
    }

    /** Parses {@code 2026-W47}; throws {@link IllegalArgumentException} with the reason for anything else. */
    public static IsoWeek parse(String id) {
        var match = ID.matcher(id == null ? "" : id.trim());
        if (!match.matches()) {
            throw new IllegalArgumentException("week must look like 2026-W47, got: " + id);
        }
        int year = Integer.parseInt(match.group(1));
        int week = Integer.parseInt(match.group(2));
        LocalDate probe = LocalDate.of(year, 6, 1);
        long weeksInYear = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeksInYear) {
            throw new IllegalArgumentException("week " + id + " does not exist: " + year + " has " + weeksInYear + " ISO weeks");
        }
        LocalDate monday = probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return of(monday);
    }

    public static IsoWeek of(LocalDate anyDay) {
        LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String id = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new IsoWeek(id, monday);
    }

    public Instant start() {
        return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive end: the next Monday 00:00:00Z. */
    public Instant end() {
        return monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    public IsoWeek minusWeeks(int weeks) {
        return of(monday.minusWeeks(weeks));
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }
}
