package com.communitypulse.welcome.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** TRIAGE_CONFIG's reading (JSON and YAML, every mistake named) and its globs as actions/labeler's minimatch reads them. */
class TriageConfigTest {

    private static void matches(String glob, String... paths) {
        for (String path : paths) {
            assertTrue(PathGlob.compile(glob).matches(path), glob + " should match " + path);
        }
    }

    private static void missesAll(String glob, String... paths) {
        for (String path : paths) {
            assertFalse(PathGlob.compile(glob).matches(path), glob + " should not match " + path);
        }
    }

    @Test
    void doubleStarIsAnyDirectoriesAndStarStaysInOneSegment() {
        matches("docs/**", "docs/a.md", "docs/guide/deep/b.png", "docs/.vuepress/config.js");
        missesAll("docs/**", "src/docs/a.md", "docsite/a.md", "docs");
        matches("**/*.md", "README.md", "docs/a.md", "a/b/c/.hidden.md");
        missesAll("**/*.md", "README.markdown", "docs/a.md/x");
        matches("*.md", "README.md", ".github.md");
        missesAll("*.md", "docs/README.md");
        matches("src/**/test/*.java", "src/test/A.java", "src/x/y/test/A.java");
        missesAll("src/**/test/*.java", "src/test/sub/A.java");
        matches("src/*/App.java", "src/main/App.java");
        missesAll("src/*/App.java", "src/main/java/App.java", "src/App.java");
        matches("a**.txt", "abc.txt"); // ** inside a segment is a plain *
        missesAll("a**.txt", "a/b.txt");
    }

    @Test
    void questionMarkSetsBracesAndEscapes() {
        matches("v?.txt", "v1.txt");
        missesAll("v?.txt", "v10.txt", "v/.txt");
        matches("file[0-9].c", "file3.c");
        missesAll("file[!0-9].c", "file3.c");
        matches("file[!0-9].c", "filex.c");
        matches("**/*.{yml,yaml}", ".github/workflows/ci.yml", "k8s/app.yaml");
        missesAll("**/*.{yml,yaml}", "app.yml.bak");
        matches("notes\\*.txt", "notes*.txt");
        missesAll("notes\\*.txt", "notes1.txt");
        matches("./docs/**", "docs/a.md");
        matches("a+b (1).txt", "a+b (1).txt"); // regex characters are literal
    }

    @Test
    void badGlobsAreRefusedWithTheReason() {
        assertEquals("glob '!docs/**': negation (!) is not supported; list the paths that should match",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("!docs/**")).getMessage());
        assertEquals("glob 'src/[ab': [ without a closing ]",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("src/[ab")).getMessage());
        assertEquals("glob '**/*.{yml,yaml': { without a closing }",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("**/*.{yml,yaml")).getMessage());
        assertEquals("glob '/docs/**': paths are relative to the repository root, drop the leading /",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("/docs/**")).getMessage());
        assertEquals("glob 'docs/***': *** is not a glob; use ** for any directories",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile("docs/***")).getMessage());
    }

    @Test
    void yamlAndJsonGiveTheSameRulesInTheirOrder() {
        String yaml = """
                labels:
                  documentation:
                    changed-files: ["docs/**", "**/*.md"]
                  bug:
                    keywords: [crash, stack trace]
                first_time_contributor_label: first-time-contributor
                """;
        String json = "{\"labels\": {\"documentation\": {\"changed-files\": [\"docs/**\", \"**/*.md\"]},"
                + " \"bug\": {\"keywords\": [\"crash\", \"stack trace\"]}}, \"first_time_contributor_label\": \"first-time-contributor\"}";
        for (String text : List.of(yaml, json)) {
            TriageConfig config = TriageConfig.parse(text);
            assertEquals(List.of("documentation", "bug"), config.rules().stream().map(TriageConfig.Rule::label).toList());
            assertEquals("first-time-contributor", config.firstTimeContributorLabel());
            assertTrue(config.readsFiles());
            assertEquals(Set.of("documentation", "bug"), config.labelsFor("CRASH in README", null, List.of("README.md")));
            assertEquals(Set.of("bug"), config.labelsFor("t", "a\nstack   trace:", List.of("src/A.java")));
            assertEquals(Set.of(), config.labelsFor("Crashes and stacktraces", "", List.of()), "whole words only");
        }
        assertFalse(TriageConfig.parse("").enabled());
        assertFalse(TriageConfig.parse(null).enabled());
        assertFalse(TriageConfig.parse("labels:\n  bug: {keywords: crash}\n").readsFiles(), "keywords alone read no files");
    }

    @Test
    void everyMistakeIsNamed() {
        assertEquals("TRIAGE_CONFIG: unknown key \"label\" (expected one of [first_time_contributor_label, labels])",
                error("label: {bug: {keywords: [crash]}}"));
        assertEquals("TRIAGE_CONFIG.labels.bug: unknown key \"any\" (expected one of [changed-files, keywords])",
                error("labels: {bug: {any: [crash]}}"));
        assertEquals("TRIAGE_CONFIG.labels.docs.changed-files: glob 'docs/[x': [ without a closing ]",
                error("labels: {docs: {changed-files: ['docs/[x']}}"));
        assertEquals("TRIAGE_CONFIG.labels.bug has no \"changed-files\" and no \"keywords\": it could never apply",
                error("labels: {bug: {}}"));
        assertEquals("TRIAGE_CONFIG.labels.bug.keywords must list strings, not 3", error("labels: {bug: {keywords: [3]}}"));
        assertEquals("TRIAGE_CONFIG.labels.bug.keywords has an empty entry", error("{\"labels\": {\"bug\": {\"keywords\": [\" \"]}}}"));
        assertEquals("TRIAGE_CONFIG.first_time_contributor_label must be a label name (a string)",
                error("first_time_contributor_label: [a]"));
        assertEquals("TRIAGE_CONFIG.labels." + "x".repeat(51) + ": label names are at most 50 characters on GitHub",
                error("labels: {" + "x".repeat(51) + ": {keywords: [a]}}"));
        assertEquals("TRIAGE_CONFIG must be an object with \"labels\" (and optionally \"first_time_contributor_label\")",
                error("- docs/**"));
        assertTrue(error("{\"labels\": ").startsWith("TRIAGE_CONFIG is neither JSON nor YAML: "), error("{\"labels\": "));
        assertTrue(error("labels: {a: {keywords: [x]}, a: {keywords: [y]}}").contains("duplicate key a"),
                error("labels: {a: {keywords: [x]}, a: {keywords: [y]}}"));
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> TriageConfig.parse(text)).getMessage();
    }
}
