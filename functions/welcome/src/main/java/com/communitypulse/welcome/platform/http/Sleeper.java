package com.communitypulse.welcome.platform.http;

import java.time.Duration;

/** Waits between attempts; injectable so tests record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
