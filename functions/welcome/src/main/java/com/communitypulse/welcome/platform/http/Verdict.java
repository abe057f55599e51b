package com.communitypulse.welcome.platform.http;

import java.time.Duration;

/** What a response means for the caller: done, try again (after a hint), or give up for good. */
public sealed interface Verdict {
    Verdict SUCCESS = new Success();

    record Success() implements Verdict {
    }

    /**
     * A transient failure.
     *
     * @param delay   how long the platform asked us to wait (Retry-After, rate-limit reset), or null for backoff
     * @param reason short reason for logs and the final error
     */
    record Retry(Duration delay, String reason) implements Verdict {
    }

    /** A failure no retry can fix (bad request, auth, not found, validation). */
    record Permanent(String reason) implements Verdict {
    }
}
