package com.communitypulse.normalise.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which GitHub links in a message are someone's profile ({@link GitHubProfiles}). */
class GitHubProfilesTest {
    @Test
    void aProfileUrlGivesItsLoginWithOrWithoutATrailingSlash() {
        assertEquals(List.of("octocat"), GitHubProfiles.in("I'm https://github.com/octocat"));
        assertEquals(List.of("octocat"), GitHubProfiles.in("https://github.com/octocat/ is me"));
        assertEquals(List.of("octo-cat"), GitHubProfiles.in("http://www.github.com/octo-cat."), "a full stop ends the sentence");
        assertEquals(List.of("Mona"), GitHubProfiles.in("<https://GitHub.com/Mona|my github>"), "Slack's link form");
        assertEquals(List.of("ada", "bob"), GitHubProfiles.in("(https://github.com/ada), https://github.com/bob!"));
    }

    @Test
    void repositoriesOrgPagesAndGitHubsOwnPagesAreNoProfile() {
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octo-org/hello-world"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octo-org/hello-world/"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/orgs/octo-org/people"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/orgs"));
        assertEquals(List.of(), GitHubProfiles.in("see https://github.com/features and https://github.com/settings/"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octocat?tab=repositories"), "a query: not the plain profile");
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octocat#readme"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octocat.js"), "a dot inside is no login");
        assertEquals(List.of(), GitHubProfiles.in("https://gist.github.com/octocat"), "another host");
        assertEquals(List.of(), GitHubProfiles.in("https://github.community/octocat"));
        assertEquals(List.of(), GitHubProfiles.in("https://notgithub.com/octocat"));
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/-octocat"), "not a login");
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/octo--cat"), "GitHub allows no double hyphen");
        assertEquals(List.of(), GitHubProfiles.in("https://github.com/" + "a".repeat(40)), "at most 39 characters");
        assertEquals(List.of(), GitHubProfiles.in("github.com/octocat"), "only a URL with its scheme");
        assertEquals(List.of(), GitHubProfiles.in(null));
    }

    @Test
    void eachLoginOnceCaseAsideAndAtMostFive() {
        assertEquals(List.of("OctoCat"), GitHubProfiles.in("https://github.com/OctoCat https://github.com/octocat/"));
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            many.append("https://github.com/user").append(i).append(' ');
        }
        assertEquals(List.of("user1", "user2", "user3", "user4", "user5"), GitHubProfiles.in(many.toString()));
    }
}
