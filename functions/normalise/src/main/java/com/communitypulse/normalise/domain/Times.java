package com.communitypulse.normalise.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Platform times to the one format of {@code community.action}: UTC, whole seconds, ISO-8601 with Z. */
final class Times {
    /** Discord's epoch (2015-01-01T00:00:00Z) in ms; a snowflake's top 42 bits are ms since then. */
    static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;

    private Times() {
    }

    /** Whole seconds, so every timestamp has the same length and sorts as text (activity sort keys). */
    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * An ISO-8601 date-time with an offset ({@code Z}, {@code -04:00}) or Unix seconds; null when
     * absent, null-valued or unparseable.
     */
    static Instant parse(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        return parse(value.asText());
    }

    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Slack's {@code ts} / {@code event_ts}: Unix seconds with a microsecond fraction, as text. */
    static Instant slackTs(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.asText().trim());
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** When a Discord object was created, from its snowflake id. */
    static Instant discordSnowflake(String id) {
        try {
            return Instant.ofEpochMilli((Long.parseUnsignedLong(id) >>> 22) + DISCORD_EPOCH_MS);
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
