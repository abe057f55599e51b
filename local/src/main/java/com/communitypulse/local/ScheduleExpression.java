package com.communitypulse.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * EventBridge schedule expressions, {@code cron(min hour day-of-month month day-of-week year)}
 * and {@code rate(n unit)}, evaluated minute by minute in UTC for the runner's own timer.
 * Supports numbers, {@code *}, {@code ?}, lists, ranges, steps and day names; not {@code L},
 * {@code W} or {@code #}.
 */
final class ScheduleExpression {
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");

    private final String[] cron;
    private final Duration rate;

    private ScheduleExpression(String[] cron, Duration rate) {
        this.cron = cron;
        this.rate = rate;
    }

    static ScheduleExpression parse(String expression) {
        String e = expression.trim();
        if (e.startsWith("cron(") && e.endsWith(")")) {
            String[] fields = e.substring(5, e.length() - 1).trim().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields: " + expression);
            }
            return new ScheduleExpression(fields, null);
        }
        if (e.startsWith("rate(") && e.endsWith(")")) {
            String[] parts = e.substring(5, e.length() - 1).trim().split("\\s+");
            long n = Long.parseLong(parts[0]);
            String unit = parts[1].toLowerCase(Locale.ROOT);
            Duration d = unit.startsWith("minute") ? Duration.ofMinutes(n)
                    : unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n);
            return new ScheduleExpression(null, d);
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    /** Whether the schedule fires in the minute starting at {@code minute} (UTC), counting rates from {@code start}. */
    boolean firesAt(ZonedDateTime minute, ZonedDateTime start) {
        if (rate != null) {
            long elapsed = Duration.between(start, minute).toMinutes();
            return elapsed > 0 && elapsed % rate.toMinutes() == 0;
        }
        int dow = minute.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : minute.getDayOfWeek().getValue() + 1;
        return matches(cron[0], minute.getMinute(), List.of())
                && matches(cron[1], minute.getHour(), List.of())
                && matches(cron[2], minute.getDayOfMonth(), List.of())
                && matches(cron[3], minute.getMonthValue(), MONTHS)
                && matches(cron[4], dow, DAYS)
                && matches(cron[5], minute.getYear(), List.of());
    }

    private static boolean matches(String field, int value, List<String> names) {
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            if (part.contains("/")) {
                range = part.substring(0, part.indexOf('/'));
                step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
            }
            if (range.equals("*") || range.equals("?")) {
                if ((value - (names.isEmpty() ? 0 : 1)) % step == 0 || step == 1) {
                    return true;
                }
                continue;
            }
            int low;
            int high;
            if (range.contains("-")) {
                low = number(range.substring(0, range.indexOf('-')), names);
                high = number(range.substring(range.indexOf('-') + 1), names);
            } else {
                low = number(range, names);
                high = part.contains("/") ? Integer.MAX_VALUE : low;
            }
            if (value >= low && value <= high && (value - low) % step == 0) {
                return true;
            }
        }
        return false;
    }

    private static int number(String token, List<String> names) {
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        return index >= 0 ? index + 1 : Integer.parseInt(token);
    }
}
