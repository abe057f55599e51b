package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The erasure salt is never a known string: markers are sha-256(salt + platform id), and platform ids can
 * be enumerated, so a public salt makes every marker reversible. The stack generates it; only the
 * functions that hash with it get it.
 */
class ErasureSaltTest {
    private final Template template = Template.get();

    @Test
    void theStackGeneratesTheSaltAsASecretThatOutlivesTheStack() {
        Map<String, Object> secret = template.resources().get("ErasureSaltSecret");
        assertNotNull(secret, "an AWS::SecretsManager::Secret ErasureSaltSecret");
        assertEquals("AWS::SecretsManager::Secret", secret.get("Type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> generate = (Map<String, Object>) Template.props(secret).get("GenerateSecretString");
        assertNotNull(generate, "GenerateSecretString: nobody chooses (or knows) the salt");
        assertTrue(Integer.parseInt(String.valueOf(generate.get("PasswordLength"))) >= 32, generate.toString());
        // a new salt would forget every erasure: the secret is kept on delete and replacement
        assertEquals("Retain", secret.get("DeletionPolicy"));
        assertEquals("Retain", secret.get("UpdateReplacePolicy"));

        Map<String, Object> parameter = template.cfn.parameters().get("ErasureSalt");
        assertEquals("", String.valueOf(parameter.getOrDefault("Default", "")), "no known default salt");
        assertEquals(true, parameter.get("NoEcho"));
    }

    @Test
    void onlyTheFunctionsThatHashWithItGetTheSalt() {
        Set<String> given = new TreeSet<>();
        template.functions().keySet().forEach(id -> {
            if (template.environment(id).containsKey("ERASURE_SALT")) {
                given.add(id);
                String value = Template.json(template.environment(id).get("ERASURE_SALT"));
                assertTrue(value.contains("{{resolve:secretsmanager:${ErasureSaltSecret}:SecretString}}"), id + ": " + value);
            }
        });
        // score and welcome drop and never greet erased identities; the api's exports leave them out
        assertEquals(Set.of("ScoreFunction", "WelcomeFunction", "ApiFunction"), given);
        assertFalse(Template.json(template.cfn.globalsFunction()).contains("ErasureSalt"), "not in Globals");
        // resolved at deploy time: no function's role needs (or gets) to read the secret itself
        template.functions().forEach((id, function) -> assertFalse(
                Template.json(Template.props(function).get("Policies")).contains("ErasureSaltSecret"), id));
    }
}
