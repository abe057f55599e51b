package com.communitypulse.shared.events;

/**
 * One event for the Community Pulse bus.
 *
 * @param source     e.g. {@code community-pulse.webhook}
 * @param detailType e.g. {@code github.pull_request} or {@code community.action}
 * @param detail     the detail, already serialised as JSON (at most 256 KB with its envelope)
 */
public record BusEvent(String source, String detailType, String detail) {
}
