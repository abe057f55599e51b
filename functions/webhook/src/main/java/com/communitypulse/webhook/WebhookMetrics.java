package com.communitypulse.webhook;

/** Counts what happened to each request: {@code accepted}, {@code rejected} (by reason), {@code duplicates}. */
public interface WebhookMetrics {
    void accepted(String platform);

    void rejected(String platform, String reason);

    void duplicate(String platform);

    /** Metrics off (for callers that do not care). */
    WebhookMetrics NONE = new WebhookMetrics() {
        @Override
        public void accepted(String platform) {
        }

        @Override
        public void rejected(String platform, String reason) {
        }

        @Override
        public void duplicate(String platform) {
        }
    };
}
