package com.communitypulse.backfill.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The detail of {@code backfill.requested} (and of {@code POST /_local/run/BackfillFunction}):
 * {@code {"platform": "github", "repository": "owner/name", "since": "2026-01-01T00:00:00Z"}}, {@code since}
 * optional (absent: all history). Anything else is refused with the reason.
 */
public record BackfillRequest(String platform, String repository, Instant since) {
    static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}");

    public static BackfillRequest from(Map<?, ?> detail) {
        Object platform = detail.get("platform");
        Object repository = detail.get("repository");
        if (platform != null && !"github".equals(platform)) {
            throw new IllegalArgumentException("platform must be \"github\" (Discourse and Slack are not backfilled yet), got "
                    + platform);
        }
        if (!(repository instanceof String name) || !REPOSITORY.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("repository must be \"owner/name\", got " + repository);
        }
        Object since = detail.get("since");
        Instant from = null;
        if (since != null) {
            try {
                from = OffsetDateTime.parse(since.toString()).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("since must be an ISO-8601 time with an offset, e.g. 2026-01-01T00:00:00Z, got "
                        + since);
            }
        }
        return new BackfillRequest("github", name, from);
    }
}
