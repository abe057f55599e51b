package com.communitypulse.shared.figures;

import java.time.Instant;

/** A {@code THREAD#} item: an issue, pull request or topic and its first response, if any. */
public record ThreadInfo(
        String thread,
        String platform,
        String repo,
        Instant openedAt,
        String author,
        String authorLogin,
        String url,
        Instant firstResponseAt,
        String firstResponder) {
}
