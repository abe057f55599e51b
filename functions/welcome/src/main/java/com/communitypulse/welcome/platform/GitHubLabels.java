package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Triage's reads and its one write on GitHub, through the {@link GitHubPoster}'s client: the same
 * token or GitHub App installation token, headers, retries and rate-limit handling as the welcomes.
 * Reads an issue's title and body, a pull request's changed files (paged by {@code Link}, at most
 * {@link #MAX_FILES}, GitHub's own limit for that list), and adds labels with one
 * {@code POST /repos/{o}/{r}/issues/{n}/labels}: adding a label the issue has changes nothing, so a
 * retry or a redelivery is harmless. Never removes a label.
 */
public final class GitHubLabels {
    /** GitHub lists at most 3,000 files of a pull request. */
    public static final int MAX_FILES = 3000;
    static final int PER_PAGE = 100;

    private final GitHubPoster github;

    public GitHubLabels(GitHubPoster github) {
        this.github = github;
    }

    /** The issue or pull request to triage: {@code owner/repo} and its number. */
    public record Target(String repo, int number) {
        GitHubPoster.Ref ref() {
            return new GitHubPoster.Ref(repo, number, false);
        }
    }

    public record Issue(String title, String body) {
    }

    /** Where an action's issue or pull request is (its thread, else its URL); empty for a discussion or none. */
    public static Optional<Target> target(com.communitypulse.welcome.domain.FirstContribution action) {
        return GitHubPoster.ref(action).filter(ref -> !ref.discussion()).map(ref -> new Target(ref.repo(), ref.number()));
    }

    public boolean hasCredentials(PlatformTokens tokens) {
        return github.hasCredentials(tokens);
    }

    /** The token every call of one triage uses (an App's installation token is minted or reused here). */
    public String token(PlatformTokens tokens, Target target, Instant deadline) {
        return github.token(tokens, target.ref(), deadline);
    }

    public Issue issue(Target target, String token, Instant deadline) {
        JsonNode issue = GitHubPoster.json(github.http().send(issueRequest(target, token), github.http()::standard, deadline));
        return new Issue(issue.path("title").asText(""), issue.path("body").asText(""));
    }

    /** The paths of a pull request's changed files (each file's {@code filename}, as actions/labeler reads them). */
    public List<String> changedFiles(Target target, String token, Instant deadline) {
        List<String> files = new ArrayList<>();
        URI url = filesUrl(target);
        while (files.size() < MAX_FILES) {
            HttpResponse<String> response = github.http().send(github.get(url, token), github.http()::standard, deadline);
            JsonNode page = GitHubPoster.json(response);
            if (!page.isArray()) {
                throw new PermanentHttpFailure(0, "GitHub's file list of " + target.repo() + "#" + target.number() + " is not a list");
            }
            for (JsonNode file : page) {
                files.add(file.path("filename").asText());
            }
            URI current = url;
            Optional<URI> next = response.headers().firstValue("link").map(GitHubPoster.NEXT::matcher).filter(Matcher::find)
                    .map(m -> current.resolve(m.group(1))).filter(u -> GitHubPoster.sameOrigin(u, github.apiUrl()));
            if (next.isEmpty()) {
                break;
            }
            url = next.get();
        }
        return files.size() > MAX_FILES ? List.copyOf(files.subList(0, MAX_FILES)) : files;
    }

    /** Adds the labels (one call); GitHub creates a label the repository does not have yet. */
    public void addLabels(Target target, Collection<String> labels, String token, Instant deadline) {
        github.http().send(labelsRequest(target, labels, token), github.http()::standard, deadline);
    }

    public OutboundRequest issueRequest(Target target, String token) {
        return github.get(URI.create(github.apiUrl() + "/repos/" + target.repo() + "/issues/" + target.number()), token);
    }

    public OutboundRequest filesRequest(Target target, String token) {
        return github.get(filesUrl(target), token);
    }

    public OutboundRequest labelsRequest(Target target, Collection<String> labels, String token) {
        return github.rest(URI.create(github.apiUrl() + "/repos/" + target.repo() + "/issues/" + target.number() + "/labels"),
                Map.of("labels", List.copyOf(labels)), token);
    }

    private URI filesUrl(Target target) {
        return URI.create(github.apiUrl() + "/repos/" + target.repo() + "/pulls/" + target.number() + "/files?per_page=" + PER_PAGE);
    }
}
