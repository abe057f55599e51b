package com.communitypulse.shared.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GitHubAppJwtTest {
    static final KeyPair KEYS = generate();

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSAPrivateKey inside the JDK's PKCS#8 encoding, read with DER's own lengths (GitHub's PEM holds just it). */
    static byte[] pkcs1(byte[] pkcs8) {
        int at = 1;
        at += lengthBytes(pkcs8, at); // the outer SEQUENCE's length
        at += 3 + 15;                 // INTEGER 0, AlgorithmIdentifier rsaEncryption
        at += 1;                      // OCTET STRING
        int length = length(pkcs8, at);
        at += lengthBytes(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at, at + length);
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

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void gitHubsPkcs1KeyAndPkcs8ReadTheSame() {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        assertEquals(KEYS.getPrivate(), GitHubAppJwt.parsePrivateKey(pem("RSA PRIVATE KEY", pkcs1(pkcs8))));
        assertEquals(KEYS.getPrivate(), GitHubAppJwt.parsePrivateKey(pem("PRIVATE KEY", pkcs8)));
    }

    @Test
    void thePkcs1WrapIsTheJdksOwnPkcs8Encoding() {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        assertArrayEquals(pkcs8, GitHubAppJwt.wrapPkcs1(pkcs1(pkcs8)));
    }

    @Test
    void theJwtIsSignedRs256WithTheAppIdAndANineMinuteLife() throws Exception {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        String jwt = GitHubAppJwt.jwt(" 123456 ", GitHubAppJwt.parsePrivateKey(pem("RSA PRIVATE KEY", pkcs1(pkcs8))), now);

        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KEYS.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])), "RS256 over header.payload with the app's key");
        var header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        var claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("JWT", header.get("typ").asText());
        assertEquals("123456", claims.get("iss").asText());
        assertEquals(now.getEpochSecond() - 60, claims.get("iat").asLong());
        assertEquals(now.getEpochSecond() + 540, claims.get("exp").asLong());
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() throws Exception {
        String jwt = GitHubAppJwt.jwt("1", generate().getPrivate(), Instant.parse("2026-11-20T10:00:00Z"));
        String[] parts = jwt.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KEYS.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertFalse(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void aBrokenKeyIsAClearErrorThatDoesNotEchoIt() {
        for (String broken : new String[] {"-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----", "ghp_aPlainTokenPastedThere"}) {
            var thrown = assertThrows(IllegalStateException.class, () -> GitHubAppJwt.parsePrivateKey(broken));
            assertEquals("github_app_private_key is not an RSA private key in PEM form", thrown.getMessage());
            assertFalse(thrown.getMessage().contains("bm90IGEga2V5"));
        }
        assertThrows(IllegalStateException.class, () -> GitHubAppJwt.parsePrivateKey(null));
    }
}
