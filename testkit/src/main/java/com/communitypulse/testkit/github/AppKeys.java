package com.communitypulse.testkit.github;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * GitHub App key pairs for tests, in the PEM forms GitHub (PKCS#1) and OpenSSL (PKCS#8) use, and the check GitHub
 * makes of an app's JWT: its RS256 signature against the app's public key. Independent of the code under test.
 */
public final class AppKeys {
    /** One pair for a test run (generating a 2048-bit pair takes a while). */
    public static final KeyPair keys = generate();

    private AppKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pkcs8Pem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** GitHub's format. */
    public static String pkcs1Pem() {
        return pkcs1Pem(keys);
    }

    /** GitHub's format: the RSAPrivateKey inside the PKCS#8 encoding's OCTET STRING. */
    public static String pkcs1Pem(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        int at = 1 + lengthBytes(pkcs8, 1) + 3 + 15 + 1; // SEQUENCE, INTEGER 0, AlgorithmIdentifier, OCTET STRING
        int length = length(pkcs8, at);
        at += lengthBytes(pkcs8, at);
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, at, at + length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static int lengthBytes(byte[] der, int at) {
        return (der[at] & 0x80) == 0 ? 1 : 1 + (der[at] & 0x7f);
    }

    private static int length(byte[] der, int at) {
        if ((der[at] & 0x80) == 0) {
            return der[at];
        }
        int value = 0;
        for (int i = 1; i <= (der[at] & 0x7f); i++) {
            value = (value << 8) | (der[at + i] & 0xff);
        }
        return value;
    }

    /** The JWT's RS256 signature over its header and claims is {@code key}'s. */
    public static boolean verifies(String jwt, PublicKey key) throws GeneralSecurityException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        try {
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The JWT's header ({@code part} 0) or claims (1) as JSON. */
    public static JsonNode part(String jwt, int part) {
        try {
            return Json.mapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }
}
