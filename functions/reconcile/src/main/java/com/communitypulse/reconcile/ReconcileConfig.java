package com.communitypulse.reconcile;

import com.communitypulse.reconcile.domain.Hook;
import com.communitypulse.shared.config.Env;
import java.time.Duration;
import java.util.List;

/**
 * The reconciler's settings, from its environment (template parameters in brackets):
 *
 * @param hooks            {@code GITHUB_RECONCILE_HOOKS} [GitHubReconcileHooks], see {@link Hook}; empty = off
 * @param apiUrl           {@code GITHUB_API_URL} [GitHubApiUrl]
 * @param maxRedeliveries  {@code RECONCILE_MAX_REDELIVERIES} [GitHubReconcileBudget]: redelivery requests per run, all hooks
 * @param maxPages         {@code RECONCILE_MAX_PAGES}: list pages (100 deliveries each) per hook and run
 * @param lookback         {@code RECONCILE_LOOKBACK_HOURS}: the window, at most {@link #GITHUB_REDELIVERY_WINDOW}
 * @param maxAttempts      {@code RECONCILE_MAX_ATTEMPTS}: redeliveries of one delivery before it is counted lost
 */
public record ReconcileConfig(String tableName, List<Hook> hooks, String apiUrl, int maxRedeliveries, int maxPages,
                              Duration lookback, int maxAttempts, Duration httpTimeout) {
    /** GitHub lets a delivery be redelivered for about 3 days after it was made. */
    public static final Duration GITHUB_REDELIVERY_WINDOW = Duration.ofHours(72);

    public static ReconcileConfig from(Env env) {
        int hours = env.getInt("RECONCILE_LOOKBACK_HOURS", 72);
        Duration lookback = Duration.ofHours(Math.max(1, hours));
        if (lookback.compareTo(GITHUB_REDELIVERY_WINDOW) > 0) {
            lookback = GITHUB_REDELIVERY_WINDOW;
        }
        return new ReconcileConfig(
                env.require("TABLE_NAME"),
                List.copyOf(Hook.parseAll(env.get("GITHUB_RECONCILE_HOOKS", ""))),
                env.get("GITHUB_API_URL", "https://api.github.com"),
                Math.max(0, env.getInt("RECONCILE_MAX_REDELIVERIES", 20)),
                Math.max(1, env.getInt("RECONCILE_MAX_PAGES", 10)),
                lookback,
                Math.max(1, env.getInt("RECONCILE_MAX_ATTEMPTS", 5)),
                Duration.ofSeconds(Math.max(1, env.getInt("RECONCILE_HTTP_TIMEOUT_SECONDS", 10))));
    }
}
