package com.communitypulse.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way each platform does, written from the platforms' documentation and
 * independently of the verifiers in main. Returns the headers to send with the body.
 * (The end-to-end tests may copy this class.)
 */
public final class PlatformSigner {
    /** Local development defaults (see docs/platforms.md). */
    public static final String DEV_GITHUB_SECRET = "dev-github-secret";
    public static final String DEV_DISCOURSE_SECRET = "dev-discourse-secret";
    public static final String DEV_SLACK_SECRET = "dev-slack-secret";
    public static final String DEV_COMMUNITY_SECRET = "dev-community-secret";
    /** RFC 8032 section 7.1 TEST 1: the development Discord key pair. */
    public static final String DEV_DISCORD_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public static final String DEV_DISCORD_PUBLIC_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /** DER prefix of a PKCS#8 Ed25519 private key around the 32-byte seed (RFC 8410). */
    private static final String ED25519_PKCS8_PREFIX = "302e020100300506032b657004220420";

    private PlatformSigner() {
    }

    /** The function's environment with every platform's development secret, as the verifiers read it. */
    public static Map<String, String> devSecrets() {
        return Map.of("GITHUB_WEBHOOK_SECRET", DEV_GITHUB_SECRET,
                "DISCOURSE_WEBHOOK_SECRET", DEV_DISCOURSE_SECRET,
                "DISCORD_PUBLIC_KEY", DEV_DISCORD_PUBLIC_KEY,
                "SLACK_SIGNING_SECRET", DEV_SLACK_SECRET,
                "COMMUNITY_WEBHOOK_SECRET", DEV_COMMUNITY_SECRET);
    }

    public static Map<String, String> github(String secret, String event, String delivery, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("X-GitHub-Hook-ID", "123456789");
        headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
        headers.put("X-GitHub-Hook-Installation-Target-ID", "1296269");
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body));
        return headers;
    }

    public static Map<String, String> discourse(String secret, String event, String type, String eventId, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Discourse-Instance", "https://forum.example.org");
        headers.put("X-Discourse-Event-Id", eventId);
        headers.put("X-Discourse-Event-Type", type);
        headers.put("X-Discourse-Event", event);
        headers.put("X-Discourse-Event-Signature", "sha256=" + hmacHex(secret, body));
        return headers;
    }

    public static Map<String, String> slack(String secret, long timestamp, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
        headers.put("X-Slack-Signature", "v0=" + hmacHex(secret, "v0:" + timestamp + ":" + body));
        return headers;
    }

    public static Map<String, String> community(String secret, long timestamp, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Signature-Timestamp", Long.toString(timestamp));
        headers.put("X-Signature", hmacHex(secret, timestamp + "." + body));
        return headers;
    }

    public static Map<String, String> discord(String seedHex, long timestamp, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Signature-Timestamp", Long.toString(timestamp));
        headers.put("X-Signature-Ed25519", ed25519Hex(seedHex, timestamp + body));
        return headers;
    }

    public static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 signature (hex) with the JDK's signer, from a 32-byte seed in hex. */
    public static String ed25519Hex(String seedHex, String message) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(HexFormat.of().parseHex(ED25519_PKCS8_PREFIX + seedHex)));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
