package com.communitypulse.normalise.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Action ids: lower-case hex SHA-256 of a readable content key such as
 * {@code github:comment:492700400}. The key names the thing that happened, never the delivery,
 * so a redelivery, a Discourse retry (new event id) or the second of GitHub's star/watch pair
 * gives the same id and the scorer counts it once.
 */
final class Ids {
    private Ids() {
    }

    static String of(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
