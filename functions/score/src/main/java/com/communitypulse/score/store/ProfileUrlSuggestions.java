package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.SuggestionItem;
import com.communitypulse.shared.store.TableKeys;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code profile_url} suggestion: a Slack message that links to one GitHub profile ({@code context.github_profiles},
 * extracted by the normaliser) says its poster is probably that GitHub user. The login is looked up in its
 * {@code LOGIN#github#…} item (one BatchGetItem of 1 key), the identity found is read (one more, only on a hit), and
 * when it is another person and no bot the pair gets one {@code SUGGEST} item.
 */
final class ProfileUrlSuggestions {
    /** Pointing at a profile is a stronger hint than sharing a handle (docs/admin.md, Suggestions). */
    static final BigDecimal CONFIDENCE = new BigDecimal("0.8");
    static final String GITHUB = "github";

    private final SuggestionPairs pairs;

    ProfileUrlSuggestions(SuggestionPairs pairs) {
        this.pairs = pairs;
    }

    int suggest(CommunityAction action, Profile person) {
        List<String> profiles = action.context().githubProfiles();
        // a message naming several profiles is a list of people ("thanks @a and @b"), not someone saying who they are;
        // a GitHub identity's own profile says nothing new
        if (profiles == null || profiles.size() != 1 || GITHUB.equals(action.context().platform())
                || CommunityAction.BOT.equals(person.kind())) {
            return 0;
        }
        List<Map<String, AttributeValue>> hit = pairs.batchGet(List.of(
                SuggestionPairs.key(TableKeys.login(GITHUB, profiles.get(0)), TableKeys.LOGIN)));
        if (hit.isEmpty() || SuggestionPairs.s(hit.get(0), LoginItem.IDENTITY) == null) {
            return 0; // nobody on GitHub with that login has acted here yet
        }
        Map<String, AttributeValue> loginItem = hit.get(0);
        SuggestionPairs.Side actor = new SuggestionPairs.Side(person.id(), action.actor(), action.actorLogin(),
                action.context().platform());
        int written = 0;
        for (SuggestionPairs.Side found : pairs.others(action.actor(), person,
                Set.of(SuggestionPairs.s(loginItem, LoginItem.IDENTITY)))) {
            String login = SuggestionPairs.s(loginItem, LoginItem.LOGIN);
            SuggestionPairs.Side github = new SuggestionPairs.Side(found.person(), found.identity(),
                    login != null ? login : profiles.get(0), GITHUB);
            if (pairs.put(actor, github, SuggestionItem.PROFILE_URL, CONFIDENCE)) {
                written++;
            }
        }
        return written;
    }
}
