package com.communitypulse.backfill;

import com.communitypulse.shared.config.Env;
import java.time.Duration;

/**
 * The backfill's settings, from its environment (template parameters in brackets):
 *
 * @param apiUrl              {@code GITHUB_API_URL} [GitHubApiUrl]
 * @param rateShare           {@code BACKFILL_RATE_SHARE} [BackfillRateShare]: the share of the token's
 *                            {@code X-RateLimit-Remaining}, as seen when a rate-limit window is first seen, it may spend
 * @param stepTime            {@code BACKFILL_STEP_SECONDS}: the most one invocation works before it hands over to the
 *                            next step (also bounded by the function's timeout, less {@link #SAFETY})
 * @param pageTime            {@code BACKFILL_PAGE_SECONDS}: a page is begun only with this much of the step left
 * @param maxWait             {@code BACKFILL_MAX_WAIT_SECONDS}: a secondary limit's {@code Retry-After} waited out in
 *                            place when at most this long; longer ones end the step until then
 * @param conditionalRequests {@code BACKFILL_CONDITIONAL_REQUESTS}: send the stored ETags ({@code If-None-Match})
 */
public record BackfillConfig(String tableName, String busName, String apiUrl, double rateShare, Duration stepTime,
                             Duration pageTime, Duration maxWait, Duration httpTimeout, boolean conditionalRequests) {
    /** Left of the function's timeout when a step stops reading: the checkpoint and the next step's event. */
    public static final Duration SAFETY = Duration.ofSeconds(15);

    public static BackfillConfig from(Env env) {
        double share;
        try {
            share = Double.parseDouble(env.get("BACKFILL_RATE_SHARE", "0.5"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BACKFILL_RATE_SHARE must be a number above 0 and at most 1");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("BACKFILL_RATE_SHARE must be above 0 and at most 1, got " + share);
        }
        return new BackfillConfig(
                env.require("TABLE_NAME"),
                env.require("EVENT_BUS_NAME"),
                env.get("GITHUB_API_URL", "https://api.github.com"),
                share,
                Duration.ofSeconds(Math.max(1, env.getInt("BACKFILL_STEP_SECONDS", 240))),
                Duration.ofSeconds(Math.max(0, env.getInt("BACKFILL_PAGE_SECONDS", 10))),
                Duration.ofSeconds(Math.max(0, env.getInt("BACKFILL_MAX_WAIT_SECONDS", 60))),
                Duration.ofSeconds(Math.max(1, env.getInt("BACKFILL_HTTP_TIMEOUT_SECONDS", 10))),
                env.getBoolean("BACKFILL_CONDITIONAL_REQUESTS", true));
    }
}
