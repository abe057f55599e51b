package com.communitypulse.digest;

/**
 * The digest's two metrics: {@code DigestSent} and {@code DigestSkipped} (already sent or in progress).
 * {@link PowertoolsDigestMetrics} writes them as CloudWatch embedded metrics.
 */
public interface DigestMetrics {
    void sent(String week);

    void skipped(String week, String reason);
}
