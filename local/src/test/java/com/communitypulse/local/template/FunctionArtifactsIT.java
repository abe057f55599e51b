package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function's {@code CodeUri} is the jar {@code mvn package} builds, and it holds what Lambda
 * will look for: the {@code Handler} class implementing {@code RequestHandler} with its method,
 * and the JSON logging configuration with the layout it names. Each jar is opened on its own
 * class loader (parent: the platform loader), as Lambda sees it, not through the test classpath.
 */
class FunctionArtifactsIT {
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

    @TestFactory
    Stream<DynamicTest> everyCodeUriIsAPackagedJarHoldingItsHandler() {
        Template template = Template.get();
        return template.functions().keySet().stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            Map<String, Object> props = Template.props(template.functions().get(id));
            String codeUri = String.valueOf(props.get("CodeUri"));
            String handler = String.valueOf(props.get("Handler"));
            String module = id.replace("Function", "").toLowerCase();
            assertEquals("functions/" + module + "/target/" + module + ".jar", codeUri,
                    id + ": CodeUri should be the jar that functions/" + module + " packages");
            Path jar = template.root.resolve(codeUri);
            assertTrue(Files.isRegularFile(jar), id + ": " + codeUri + " does not exist; run `mvn -B -pl functions/"
                    + module + " -am package -DskipTests` (or `mvn -B package`) first");

            String[] parts = handler.split("::", 2);
            String className = parts[0];
            String method = parts.length > 1 ? parts[1] : "handleRequest";
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handlerClass;
                Class<?> requestHandler;
                try {
                    handlerClass = Class.forName(className, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(id + ": Handler class " + className + " is not in " + codeUri, e);
                }
                try {
                    requestHandler = Class.forName(REQUEST_HANDLER, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(id + ": " + codeUri + " lacks aws-lambda-java-core (" + REQUEST_HANDLER + ")", e);
                }
                assertTrue(requestHandler.isAssignableFrom(handlerClass),
                        id + ": " + className + " does not implement " + REQUEST_HANDLER);
                assertTrue(Arrays.stream(handlerClass.getMethods()).anyMatch(m -> m.getName().equals(method)
                                && m.getParameterCount() == 2),
                        id + ": " + className + " has no public " + method + "(input, Context)");
                assertTrue(Arrays.stream(handlerClass.getConstructors()).anyMatch(c -> c.getParameterCount() == 0),
                        id + ": " + className + " needs a public no-argument constructor (Lambda calls it)");

                String log4j = resource(loader, "log4j2.xml", id, codeUri);
                assertTrue(log4j.contains("<JsonTemplateLayout") && log4j.contains("classpath:LambdaJsonLayout.json"),
                        id + ": log4j2.xml in " + codeUri + " should use Powertools' JsonTemplateLayout with "
                                + "eventTemplateUri classpath:LambdaJsonLayout.json");
                assertNotNull(loader.getResource("LambdaJsonLayout.json"),
                        id + ": " + codeUri + " lacks LambdaJsonLayout.json (powertools-logging-log4j)");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyJarLogsJsonLinesWithTheCorrelationIds() {
        Template template = Template.get();
        return template.functions().keySet().stream().map(id -> DynamicTest.dynamicTest(id, () -> {
            String codeUri = String.valueOf(Template.props(template.functions().get(id)).get("CodeUri"));
            Path jar = template.root.resolve(codeUri);
            assertTrue(Files.isRegularFile(jar), id + ": " + codeUri + " does not exist; run `mvn -B package` first");
            Path probe = Path.of(LogProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jar + java.io.File.pathSeparator + probe, LogProbe.class.getName());
            builder.environment().put("POWERTOOLS_LOG_LEVEL", "INFO");
            builder.environment().put("POWERTOOLS_SERVICE_NAME", "probe");
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), id + ": the probe did not finish");
            assertEquals(0, process.exitValue(), id + ": the probe failed with " + codeUri + ":\n" + output);

            JsonNode line = null;
            for (String text : output.split("\\R")) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.mapper().readTree(text);
                } catch (Exception e) {
                    throw new AssertionError(id + ": " + codeUri + " printed a log line that is not JSON: " + text, e);
                }
                if ("probe".equals(node.path("message").asText())) {
                    line = node;
                }
            }
            assertNotNull(line, id + ": " + codeUri + " printed no JSON line for the probe's message:\n" + output);
            assertEquals("INFO", line.path("level").asText(), id + ": level field");
            assertEquals("d-probe", line.path("delivery_id").asText(), id + ": delivery_id missing from " + line);
            assertEquals("a-probe", line.path("action_id").asText(), id + ": action_id missing from " + line);
            assertEquals("d-probe", line.path("correlation_id").asText(), id + ": correlation_id missing from " + line);
            assertTrue(line.has("xray_trace_id") || line.has("timestamp"), id + ": not Powertools' Lambda layout: " + line);
            assertTrue(!output.contains("sdk-detail"), id + ": the AWS SDK's INFO logging is printed (keep it at WARN)");
        }));
    }

    private static String resource(ClassLoader loader, String name, String id, String codeUri) throws Exception {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                fail(id + ": " + codeUri + " has no " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
