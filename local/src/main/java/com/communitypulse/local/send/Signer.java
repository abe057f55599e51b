package com.communitypulse.local.send;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a body exactly as each platform signs its deliveries (the rules of docs/platforms.md's webhooks
 * section and PROTOCOLS.md), returning the headers that carry the signature.
 */
public final class Signer {
    /** RFC 8032 test 1 private seed: public, and the pair of the runner's development DISCORD_PUBLIC_KEY. */
    public static final String DEV_DISCORD_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private Signer() {
    }

    /**
     * The signature headers for one delivery. {@code secret} is the platform's webhook secret (for
     * Discord: the hex private seed whose public key the runner holds); {@code now} is Unix seconds.
     */
    public static Map<String, String> sign(String platform, String secret, byte[] body, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (platform) {
            case "github" -> headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body));
            case "discourse" -> headers.put("X-Discourse-Event-Signature", "sha256=" + hmacHex(secret, body));
            case "slack" -> {
                headers.put("X-Slack-Request-Timestamp", Long.toString(now));
                headers.put("X-Slack-Signature", "v0=" + hmacHex(secret, concat("v0:" + now + ":", body)));
            }
            case "discord" -> {
                headers.put("X-Signature-Timestamp", Long.toString(now));
                headers.put("X-Signature-Ed25519", ed25519Hex(secret, concat(Long.toString(now), body)));
            }
            case "community" -> {
                headers.put("X-Signature-Timestamp", Long.toString(now));
                headers.put("X-Signature", hmacHex(secret, concat(now + ".", body)));
            }
            default -> throw new IllegalArgumentException("unknown platform " + platform
                    + " (github, discourse, slack, discord or community)");
        }
        return headers;
    }

    public static String hmacHex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ed25519Hex(String seedHex, byte[] message) {
        try {
            // PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410)
            byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + seedHex);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            signer.update(message);
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the Discord signing key must be a 32-byte Ed25519 seed in hex", e);
        }
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
