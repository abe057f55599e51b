package com.communitypulse.welcome.platform;

/**
 * What the platform answered to a posted welcome.
 *
 * @param id   the comment, post or message id
 * @param url  a link to it, when the platform gives one (else null)
 * @param note anything worth keeping that did not stop the welcome (e.g. labels refused), or null
 */
public record Posted(String id, String url, String note) {
}
