package com.communitypulse.shared.github;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A GitHub App's own credential, the JWT it buys installation tokens with (RS256, signed with the app's private
 * key), and that key read from the PEM GitHub hands out. Pure JDK: the functions that talk to GitHub as an app
 * (welcome, backfill) each send the JWT with their own HTTP.
 */
public final class GitHubAppJwt {
    /** An installation token (an hour's life) is minted again this long before its {@code expires_at}. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private GitHubAppJwt() {
    }

    /** The app's JWT: issued a minute in the past (clock drift), expiring after 9 minutes (GitHub allows 10). */
    public static String jwt(String appId, PrivateKey key, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iat\":" + (now.getEpochSecond() - 60) + ",\"exp\":"
                + (now.getEpochSecond() + 540) + ",\"iss\":\"" + appId.trim().replace("\"", "") + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("GitHub App JWT could not be signed: " + e.getMessage(), e);
        }
    }

    /**
     * The app's private key: GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); PKCS#8
     * ({@code BEGIN PRIVATE KEY}) works too. The JDK reads only PKCS#8, so PKCS#1 is wrapped.
     *
     * @throws IllegalStateException when it is not an RSA key in PEM form; the message never holds the key
     */
    public static PrivateKey parsePrivateKey(String pem) {
        if (pem == null) {
            throw new IllegalStateException("github_app_private_key is not set");
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String base64 = pem.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Never echo the key, nor the cause (whose message may quote it).
            throw new IllegalStateException("github_app_private_key is not an RSA private key in PEM form");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaEncryption);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
