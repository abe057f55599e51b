package com.communitypulse.webhook.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signature arithmetic shared by the platforms: HMAC-SHA256, Ed25519, hex, timestamp windows. */
public final class Signatures {
    /** Slack's replay window, used for every platform that signs a timestamp. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Signatures() {
    }

    public static byte[] hmacSha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * True when the HMAC of {@code message} under any of the secrets equals {@code given}.
     * Every secret is tried (no early exit) and each comparison is constant time, so the
     * answer's timing says nothing about which byte or which secret differed.
     */
    public static boolean anyHmacMatches(List<String> secrets, byte[] message, byte[] given) {
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(hmacSha256(secret, message), given);
        }
        return matched;
    }

    /** Lower- or upper-case hex to bytes; null when it is not even-length hex. */
    public static byte[] parseHex(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    /** The hex after a scheme prefix such as {@code sha256=} or {@code v0=}; null when the prefix is absent or the hex invalid. */
    public static byte[] prefixedHex(String header, String prefix) {
        if (header == null || !header.startsWith(prefix)) {
            return null;
        }
        return parseHex(header.substring(prefix.length()));
    }

    /** Concatenation of byte arrays (the signed message of timestamp-bearing schemes). */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /**
     * Checks a Unix-seconds timestamp header against the replay window.
     *
     * @throws Rejected 401 when it is missing, not a number, or more than {@link #WINDOW} from now
     */
    public static long requireFreshTimestamp(String header, String headerName, Instant now) throws Rejected {
        if (header == null) {
            throw Rejected.unauthorized("missing_timestamp", headerName + " header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw Rejected.unauthorized("bad_timestamp", headerName + " is not Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw Rejected.unauthorized("stale_timestamp", headerName + " is more than 5 minutes from now");
        }
        return seconds;
    }

    /** An Ed25519 public key from its 64 hex characters (how Discord's portal shows it); null if malformed. */
    public static PublicKey ed25519PublicKey(String hex) {
        byte[] raw = parseHex(hex);
        if (raw == null || raw.length != 32) {
            return null;
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} under any of the keys. */
    public static boolean anyEd25519Verifies(List<PublicKey> keys, byte[] message, byte[] signature) {
        boolean verified = false;
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(message);
                verified |= verifier.verify(signature);
            } catch (InvalidKeyException | java.security.SignatureException e) {
                // a malformed signature verifies under no key
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of JDK 15+", e);
            }
        }
        return verified;
    }
}
