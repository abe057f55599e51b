package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
class FunctionArtifactsTest {
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

    private static String resource(ClassLoader loader, String name, String id, String codeUri) throws Exception {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                fail(id + ": " + codeUri + " has no " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
