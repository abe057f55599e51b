package com.communitypulse.welcome;

/** Counts outcomes per platform; the handler's implementation writes Powertools (EMF) metrics. */
@FunctionalInterface
public interface WelcomeMetrics {
    WelcomeMetrics NONE = (name, platform) -> {
    };

    void count(String name, String platform);
}
