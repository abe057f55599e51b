package com.communitypulse.api.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionTypes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * One person of {@code /admin/export/people.*}: the profile's totals, identities and logins ({@code platform:@login},
 * lower-case, as {@code LOGIN#} items key them), and {@code crmId}, null until something sets it. Its JSON line
 * and its CSV record have the same fields; CSV spreads {@code counts} over one column per action type.
 */
public record PersonRow(String id, String login, String platform, String tier, BigDecimal score,
                        SortedMap<String, Long> counts, String firstSeen, String lastActive, List<String> identities,
                        List<String> platforms, List<String> logins, String crmId) {
    /** CSV's separator inside a cell that holds a list (identities, logins, platforms); JSON lines keep arrays. */
    public static final String LIST_SEPARATOR = ";";
    private static final String COUNT_COLUMN = "count_";

    /** The CSV header: fixed for the whole export (every type a column), so the pages of one export line up. */
    public static List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("id", "login", "platform", "tier", "score", "first_seen",
                "last_active", "identities", "logins", "platforms", "crm_id"));
        ActionTypes.ALL.forEach(type -> header.add(COUNT_COLUMN + type));
        header.add("other_counts");
        return header;
    }

    /** The JSON line (without its newline): every field present, null when unknown. */
    public ObjectNode json() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", id).put("login", login).put("platform", platform).put("tier", tier).put("score", score);
        ObjectNode byType = out.putObject("counts");
        counts.forEach(byType::put);
        out.put("first_seen", firstSeen).put("last_active", lastActive);
        ArrayNode ids = out.putArray("identities");
        identities.forEach(ids::add);
        ArrayNode names = out.putArray("logins");
        logins.forEach(names::add);
        ArrayNode on = out.putArray("platforms");
        platforms.forEach(on::add);
        out.put("crm_id", crmId);
        return out;
    }

    /** The CSV cells, in {@link #csvHeader} order: absent counts are 0, types no column names go in {@code other_counts}. */
    public List<String> csvCells() {
        List<String> cells = new ArrayList<>(List.of(Csv.text(id), Csv.text(login), Csv.text(platform), Csv.text(tier),
                Csv.number(score), Csv.text(firstSeen), Csv.text(lastActive),
                Csv.text(String.join(LIST_SEPARATOR, identities)), Csv.text(String.join(LIST_SEPARATOR, logins)),
                Csv.text(String.join(LIST_SEPARATOR, platforms)), Csv.text(crmId)));
        ActionTypes.ALL.forEach(type -> cells.add(Csv.number(counts.getOrDefault(type, 0L))));
        cells.add(Csv.text(counts.entrySet().stream().filter(e -> !ActionTypes.ALL.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(LIST_SEPARATOR))));
        return cells;
    }

    /** {@code github#octocat} (a profile's {@code logins} entry) as {@code github:@octocat}. */
    public static String loginId(String loginKey) {
        int hash = loginKey.indexOf('#');
        return hash < 0 ? loginKey : loginKey.substring(0, hash) + ":@" + loginKey.substring(hash + 1);
    }
}
