package com.communitypulse.local.demo;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One webhook delivery of the demo, unsigned: the platform's route, its own headers and the exact
 * body bytes. {@code keys} are the people and threads it touches: two deliveries sharing a key are
 * scored one after the other, in time order, so "first action" and "first response" come out the
 * same on every run.
 */
public record DemoDelivery(String platform, String label, Instant at, Map<String, String> headers, byte[] body,
                           Set<String> keys) {
}
