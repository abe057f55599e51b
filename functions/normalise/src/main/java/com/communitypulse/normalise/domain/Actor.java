package com.communitypulse.normalise.domain;

/**
 * Who did something, on one platform.
 *
 * @param id    stable, prefixed id, e.g. {@code github:583231}
 * @param login current handle
 * @param bot   the platform says it is a bot (or an app acting on its own)
 */
record Actor(String id, String login, boolean bot) {
}
