package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.testkit.runner.PackagedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Round one's runner jar lost a class because {@code local/pom.xml} declared, at test scope, a
 * library that the normaliser needs at run time: Maven's nearest declaration wins, so the shaded
 * jar left it out and only the test class path had it. This fails the build when a module that
 * builds a shipped jar (one with the shade plugin) declares at test scope a dependency that one
 * of its compile-scope project modules needs. (Its own main code cannot use a test-scope
 * dependency: the compiler sees to that.)
 */
class ShippedJarScopesTest {
    record Dependency(String key, String scope) {
        boolean runtime() {
            return scope.equals("compile") || scope.equals("runtime");
        }
    }

    record Module(String artifactId, boolean shipped, List<Dependency> dependencies) {
    }

    static Map<String, Module> reactor() throws Exception {
        Path root = PackagedRunner.root();
        Map<String, Module> modules = new LinkedHashMap<>();
        for (String path : children(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Path pom = root.resolve(path).resolve("pom.xml");
            Element project = parse(pom).getDocumentElement();
            String artifactId = text(project, "artifactId");
            boolean shipped = Files.readString(pom).contains("<artifactId>maven-shade-plugin</artifactId>");
            List<Dependency> dependencies = new ArrayList<>();
            Element deps = child(project, "dependencies");
            if (deps != null) {
                for (Element dep : elements(deps, "dependency")) {
                    String scope = text(dep, "scope");
                    dependencies.add(new Dependency(text(dep, "groupId") + ":" + text(dep, "artifactId"),
                            scope == null ? "compile" : scope));
                }
            }
            modules.put("com.communitypulse:" + artifactId, new Module(artifactId, shipped, dependencies));
        }
        return modules;
    }

    @Test
    void noShippedModuleHidesARunTimeDependencyOfItsModulesBehindTestScope() throws Exception {
        Map<String, Module> reactor = reactor();
        List<String> problems = new ArrayList<>();
        reactor.values().stream().filter(Module::shipped).forEach(module -> {
            Map<String, String> neededBy = runtimeNeedsOfModules(module, reactor);
            module.dependencies().stream().filter(d -> d.scope().equals("test") && neededBy.containsKey(d.key()))
                    .forEach(d -> problems.add(module.artifactId() + " declares " + d.key() + " at test scope, but "
                            + neededBy.get(d.key()) + " needs it at run time: the shaded jar would leave it out"));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckSeesRoundOnesMistake() throws Exception {
        // local depending on normalise at compile scope while declaring normalise's schema validator at test scope
        Map<String, Module> reactor = reactor();
        Module normalise = reactor.get("com.communitypulse:normalise");
        Map<String, String> needs = runtimeNeedsOfModules(new Module("local", true,
                List.of(new Dependency("com.communitypulse:normalise", "compile"))), reactor);
        assertEquals("normalise", needs.get("com.networknt:json-schema-validator"),
                "normalise's pom: " + normalise.dependencies());
    }

    /** Every dependency a module's compile-scope project modules declare for run time, and which module does. */
    static Map<String, String> runtimeNeedsOfModules(Module module, Map<String, Module> reactor) {
        Map<String, String> needs = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        module.dependencies().stream().filter(Dependency::runtime).map(Dependency::key)
                .filter(reactor::containsKey).forEach(queue::add);
        while (!queue.isEmpty()) {
            String key = queue.poll();
            if (!seen.add(key)) {
                continue;
            }
            Module dependency = reactor.get(key);
            for (Dependency d : dependency.dependencies()) {
                if (d.runtime()) {
                    needs.putIfAbsent(d.key(), dependency.artifactId());
                    if (reactor.containsKey(d.key())) {
                        queue.add(d.key());
                    }
                }
            }
        }
        return needs;
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> children(Element parent, String container, String name) {
        Element c = child(parent, container);
        return c == null ? List.of() : elements(c, name).stream().map(Node::getTextContent).map(String::trim).toList();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
