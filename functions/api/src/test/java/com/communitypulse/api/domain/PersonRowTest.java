package com.communitypulse.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One person as a JSON line and as a CSV record under the export's fixed header. */
class PersonRowTest {
    private static PersonRow octocat(String crmId) {
        TreeMap<String, Long> counts = new TreeMap<>();
        counts.put("pr_merged", 2L);
        counts.put("comment", 5L);
        counts.put("retired_type", 1L); // a type the catalogue no longer has
        return new PersonRow("github:583231", "octocat", "github", "Contributor", new BigDecimal("1.7"), counts,
                "2026-10-01T10:00:00Z", "2026-11-19T11:00:00Z", List.of("discord:77", "github:583231"),
                List.of("discord", "github"), List.of(PersonRow.loginId("discord#octo"), PersonRow.loginId("github#octocat")),
                crmId);
    }

    @Test
    void theJsonLineHasEveryFieldAndANullCrmIdWhenThereIsNone() throws Exception {
        JsonNode line = Json.mapper().readTree(octocat(null).json().toString());
        assertEquals(List.of("id", "login", "platform", "tier", "score", "counts", "first_seen", "last_active",
                "identities", "logins", "platforms", "crm_id"), iterable(line.fieldNames()));
        assertTrue(line.get("crm_id").isNull());
        assertEquals(1.7, line.get("score").asDouble());
        assertEquals(2, line.path("counts").path("pr_merged").asInt());
        assertEquals("[\"discord:@octo\",\"github:@octocat\"]", line.get("logins").toString());
        assertEquals("[\"discord:77\",\"github:583231\"]", line.get("identities").toString());
        assertEquals("CRM-42", Json.mapper().readTree(octocat("CRM-42").json().toString()).path("crm_id").asText());
    }

    @Test
    void theCsvRecordLinesUpWithTheHeaderOneColumnPerActionType() {
        List<String> header = PersonRow.csvHeader();
        StringBuilder out = new StringBuilder();
        Csv.record(out, header);
        Csv.record(out, octocat("=cmd|' /C calc'!A0").csvCells());
        List<List<String>> records = CsvReading.records(out.toString());
        List<String> row = records.get(1);
        assertEquals(header.size(), row.size());
        assertEquals(11 + ActionTypes.ALL.size() + 1, header.size());
        assertEquals("github:583231", cell(header, row, "id"));
        assertEquals("1.7", cell(header, row, "score"));
        assertEquals("discord:77;github:583231", cell(header, row, "identities"));
        assertEquals("discord:@octo;github:@octocat", cell(header, row, "logins"));
        assertEquals("'=cmd|' /C calc'!A0", cell(header, row, "crm_id"), "a formula from any text field is guarded");
        assertEquals("2", cell(header, row, "count_pr_merged"));
        assertEquals("5", cell(header, row, "count_comment"));
        assertEquals("0", cell(header, row, "count_starred"));
        assertEquals("retired_type=1", cell(header, row, "other_counts"));
        assertEquals("", cell(header, octocatWithoutCrm(), "crm_id"), "no CRM id: an empty cell");
    }

    private static List<String> octocatWithoutCrm() {
        StringBuilder out = new StringBuilder();
        Csv.record(out, octocat(null).csvCells());
        return CsvReading.records(out.toString()).get(0);
    }

    private static String cell(List<String> header, List<String> row, String column) {
        return row.get(header.indexOf(column));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
