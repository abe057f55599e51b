package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** samconfig.toml: the three environments deploy the template with parameters it has. */
class SamConfigTest {
    private static final Pattern SECTION = Pattern.compile("^\\[([A-Za-z0-9_.-]+)]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^([A-Za-z0-9_]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[A-Za-z0-9.]+)\\s*$");
    private static final Pattern OVERRIDE = Pattern.compile("([A-Za-z0-9]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Template template = Template.get();

    /** The small part of TOML samconfig.toml uses: [sections], key = "string" | bare value, # comments. */
    static Map<String, Map<String, String>> parse(List<String> lines) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String current = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            Matcher entry = ENTRY.matcher(line);
            if (section.matches()) {
                current = section.group(1);
                sections.computeIfAbsent(current, s -> new LinkedHashMap<>());
            } else if (entry.matches()) {
                String value = entry.group(3) != null ? entry.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : entry.group(2);
                sections.computeIfAbsent(current, s -> new LinkedHashMap<>()).put(entry.group(1), value);
            } else {
                throw new AssertionError("samconfig.toml: cannot read line: " + raw);
            }
        }
        return sections;
    }

    @Test
    void defaultStagingAndProdDeployTheTemplateWithItsOwnParameters() throws Exception {
        Map<String, Map<String, String>> config = parse(Files.readAllLines(template.root.resolve("samconfig.toml")));
        assertEquals("0.1", config.get("").get("version"), "samconfig.toml: version = 0.1");
        Map<String, String> stages = Map.of("default", "dev", "staging", "staging", "prod", "prod");
        stages.forEach((env, stage) -> {
            Map<String, String> deploy = config.get(env + ".deploy.parameters");
            assertNotNull(deploy, "samconfig.toml: no [" + env + ".deploy.parameters]");
            assertNotNull(deploy.get("stack_name"), env + ": stack_name");
            assertTrue(deploy.getOrDefault("capabilities", "").contains("CAPABILITY_IAM"), env + ": SAM creates roles, CAPABILITY_IAM");
            assertEquals("true", deploy.get("resolve_s3"), env + ": resolve_s3 = true (SAM's managed bucket for the jars)");
            Map<String, String> overrides = new LinkedHashMap<>();
            Matcher m = OVERRIDE.matcher(deploy.getOrDefault("parameter_overrides", ""));
            while (m.find()) {
                overrides.put(m.group(1), m.group(2));
            }
            assertEquals(stage, overrides.get("Stage"), env + ": parameter_overrides should set Stage=\"" + stage + "\"");
            overrides.forEach((name, value) -> {
                Map<String, Object> parameter = template.cfn.parameters().get(name);
                assertNotNull(parameter, env + ": parameter_overrides names " + name + ", which template.yaml does not have");
                Object allowed = parameter.get("AllowedValues");
                if (allowed instanceof List<?> list) {
                    assertTrue(list.stream().map(String::valueOf).toList().contains(value),
                            env + ": " + name + "=" + value + " is not one of " + list);
                }
            });
        });
        assertNotEquals(config.get("default.deploy.parameters").get("stack_name"), config.get("prod.deploy.parameters").get("stack_name"),
                "dev and prod must be different stacks");
        assertEquals("true", config.get("prod.deploy.parameters").get("confirm_changeset"), "prod: review change sets");
    }
}
