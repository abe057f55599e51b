package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.testkit.runner.PackagedRunner;
import com.communitypulse.local.template.ShippedJarScopesTest.Dependency;
import com.communitypulse.local.template.ShippedJarScopesTest.Module;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code shared} is the only contract between functions (issue 16): no module under {@code functions/} may have
 * another project module but {@code shared} on its main class path, or its jar ships that function's code. The
 * parent pom's enforcer rule fails the build on it; this says the same from the poms, so a new function module
 * that switched the rule off is caught too. Test scope stays open (a consumer's tests may run the real producer).
 */
class FunctionIndependenceTest {
    private static final String SHARED = "com.communitypulse:shared";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /** The reactor's function modules (path under functions/), keyed like {@link ShippedJarScopesTest#reactor}. */
    static Map<String, Module> functions(Map<String, Module> reactor) throws Exception {
        List<String> paths = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(PackagedRunner.root().resolve("pom.xml")));
        while (m.find()) {
            paths.add(m.group(1).trim());
        }
        List<Map.Entry<String, Module>> modules = new ArrayList<>(reactor.entrySet());
        Map<String, Module> functions = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).startsWith("functions/")) {
                functions.put(modules.get(i).getKey(), modules.get(i).getValue());
            }
        }
        return functions;
    }

    /** Each function's non-test dependencies on project modules other than shared, directly or through one. */
    static List<String> problems(Map<String, Module> functions, Map<String, Module> reactor) {
        List<String> problems = new ArrayList<>();
        functions.values().forEach(function -> {
            function.dependencies().stream().filter(Dependency::runtime)
                    .filter(d -> reactor.containsKey(d.key()) && !d.key().equals(SHARED))
                    .forEach(d -> problems.add(function.artifactId() + " depends on " + d.key() + " at " + d.scope() + " scope"));
            ShippedJarScopesTest.runtimeNeedsOfModules(function, reactor).forEach((key, by) -> {
                if (reactor.containsKey(key) && !key.equals(SHARED)) {
                    problems.add(function.artifactId() + " gets " + key + " through " + by);
                }
            });
        });
        return problems;
    }

    @Test
    void everyFunctionDependsOnSharedAlone() throws Exception {
        Map<String, Module> reactor = ShippedJarScopesTest.reactor();
        Map<String, Module> functions = functions(reactor);
        assertEquals(true, functions.size() >= 6, "function modules found: " + functions.keySet());
        assertEquals(List.of(), problems(functions, reactor));
    }

    @Test
    void theCheckSeesAFunctionDependingOnAnother() throws Exception {
        // the api as it was before issue 16: the scorer and the digest at compile scope, devkit for tests
        Map<String, Module> reactor = ShippedJarScopesTest.reactor();
        Module api = new Module("api", true, List.of(new Dependency(SHARED, "compile"),
                new Dependency("com.communitypulse:score", "compile"), new Dependency("com.communitypulse:digest", "compile"),
                new Dependency("com.communitypulse:devkit", "test")));
        assertEquals(List.of("api depends on com.communitypulse:score at compile scope",
                "api depends on com.communitypulse:digest at compile scope"),
                problems(Map.of("com.communitypulse:api", api), reactor));
    }
}
