package com.communitypulse.api.store;

import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.BusFactor;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.Profile;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /bus-factor[?repo=owner/name]}: the digest's {@link BusFactor} (CHAOSS Contributor Absence Factor)
 * over the 90 days ending now, from the same read as the digest: one Query per {@code DAY#} partition (91 at
 * most, never a Scan) and one BatchGetItem round for the people's profiles, so an identity linked after it
 * acted counts as its person. Flags: {@code single_person} (factor 1) and {@code quiet_core} (core people
 * quiet for 14 days or more), as in the digest.
 */
public final class BusFactorReader {
    private final DigestStore store;

    public BusFactorReader(DigestStore store) {
        this.store = store;
    }

    /** Every repository with a contribution in the window, flagged first; or only {@code repo}, empty if none. */
    public Optional<ObjectNode> read(String repo, Instant now) {
        List<Activity> items = store.activity(BusFactor.firstDay(now), BusFactor.lastDay(now));
        Set<String> persons = new LinkedHashSet<>();
        items.stream().filter(BusFactor::isContribution).forEach(a -> persons.add(a.person()));
        Map<String, Profile> profiles = persons.isEmpty() ? Map.of() : store.profiles(persons);
        List<BusFactor.RepoFactor> factors = BusFactor.compute(items, now,
                person -> profiles.containsKey(person) ? profiles.get(person).id() : person);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("window_days", BusFactor.WINDOW.toDays());
        out.put("from", now.minus(BusFactor.WINDOW).toString());
        out.put("to", now.toString());
        out.put("quiet_after_days", BusFactor.QUIET_AFTER.toDays());
        if (repo != null) {
            Optional<BusFactor.RepoFactor> one = factors.stream().filter(r -> r.repo().equals(repo)).findFirst();
            if (one.isEmpty()) {
                return Optional.empty();
            }
            out.setAll(repo(one.get()));
            return Optional.of(out);
        }
        ArrayNode repos = out.putArray("repos");
        factors.forEach(r -> repos.add(repo(r)));
        return Optional.of(out);
    }

    static ObjectNode repo(BusFactor.RepoFactor r) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("repo", r.repo()).put("factor", r.factor()).put("contributions", r.contributions())
                .put("contributors", r.contributors()).put("flagged", r.flagged()).put("single_person", r.singlePerson());
        ArrayNode core = node.putArray("core");
        for (BusFactor.Core c : r.core()) {
            core.addObject().put("person", c.person()).put("login", c.login()).put("contributions", c.contributions())
                    .put("last_contribution", c.lastContribution().toString()).put("days_quiet", c.daysQuiet())
                    .put("quiet", c.quiet());
        }
        ArrayNode quiet = node.putArray("quiet_core");
        r.quietCore().forEach(c -> quiet.add(c.person()));
        return node;
    }
}
