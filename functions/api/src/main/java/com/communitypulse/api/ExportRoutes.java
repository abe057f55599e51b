package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.domain.ActionRow;
import com.communitypulse.api.domain.Csv;
import com.communitypulse.api.domain.ExportFile;
import com.communitypulse.api.domain.PersonRow;
import com.communitypulse.api.store.ExportCursor;
import com.communitypulse.api.store.ExportReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /admin/export/{file}}: {@code people.jsonl}, {@code people.csv} and {@code actions.jsonl?from=&to=}, one
 * page per request ({@code limit} items read, default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}); the next
 * page's cursor is in {@code X-Next-Cursor} and {@code Link: <...>; rel="next"}, and the last page has neither. CSV's
 * header row comes on the first page only (no cursor), so the pages concatenate into one file. Every parameter is
 * checked before anything is read; a bad one is a 400 with the reason. Pages are never cached.
 */
final class ExportRoutes {
    static final String PREFIX = "/admin/export/";
    static final String RESOURCE = "/admin/export/{file}";
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    /** Days an actions range may span, both ends included: a quarter, at most one Query per day per page. */
    static final int MAX_RANGE_DAYS = 92;
    static final String NEXT_CURSOR = "X-Next-Cursor";

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> PEOPLE_PARAMETERS = Set.of("limit", "cursor", "crm_id");
    /** People's {@code crm_id} filter: only those with one, or only those without. */
    static final Set<String> CRM_FILTERS = Set.of("present", "absent");
    private static final Set<String> ACTIONS_PARAMETERS = Set.of("from", "to", "limit", "cursor");

    private final ExportReader reader;

    ExportRoutes(ExportReader reader) {
        this.reader = reader;
    }

    static boolean handles(String path, String resource) {
        return resource.equals(RESOURCE) || path.startsWith(PREFIX);
    }

    Answer route(String method, String path, APIGatewayProxyRequestEvent request) {
        if (!method.equals("GET")) {
            return ApiRoutes.error(405, "only GET is supported");
        }
        String name = request.getPathParameters() != null && request.getPathParameters().get("file") != null
                ? request.getPathParameters().get("file") : path.substring(PREFIX.length());
        Optional<ExportFile> named = ExportFile.named(name);
        if (named.isEmpty()) {
            String refusal = ExportFile.refusal(name);
            return ApiRoutes.error(refusal.startsWith("unknown format") ? 400 : 404, refusal);
        }
        ExportFile file = named.get();
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        Set<String> allowed = file.people() ? PEOPLE_PARAMETERS : ACTIONS_PARAMETERS;
        Optional<Answer> unknown = QueryParameters.unknown(query, allowed, file.fileName());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        OptionalInt parsed = QueryParameters.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        if (parsed.isEmpty()) {
            return QueryParameters.badLimit(DEFAULT_LIMIT, MAX_LIMIT);
        }
        int limit = parsed.getAsInt();
        String cursor = query.get("cursor");
        if (cursor != null && cursor.isEmpty()) {
            return ApiRoutes.error(400, "cursor is empty: leave it out for the first page");
        }
        String crmFilter = query.get("crm_id");
        if (crmFilter != null && !CRM_FILTERS.contains(crmFilter)) {
            return ApiRoutes.error(400, "crm_id must be present or absent (people with a CRM id, or without one)");
        }
        try {
            return file.people() ? people(file, limit, cursor, crmFilter, request)
                    : actions(file, limit, cursor, query, request);
        } catch (IllegalArgumentException e) { // a cursor refused by ExportCursor, before any read
            return ApiRoutes.error(400, e.getMessage());
        }
    }

    /**
     * A page of people; with {@code crm_id} the page's people are filtered after they are read (the board index does
     * not know CRM ids), so a filtered page may hold fewer than {@code limit}, even none, and still have a next one.
     */
    private Answer people(ExportFile file, int limit, String cursor, String crmFilter, APIGatewayProxyRequestEvent request) {
        var start = cursor == null ? null : ExportCursor.decodePeople(cursor);
        ExportReader.Page<PersonRow> page = reader.people(limit, start);
        var rows = page.rows().stream()
                .filter(row -> crmFilter == null || (row.crmId() != null) == crmFilter.equals("present")).toList();
        StringBuilder body = new StringBuilder();
        if (file == ExportFile.PEOPLE_CSV) {
            if (cursor == null) {
                Csv.record(body, PersonRow.csvHeader());
            }
            rows.forEach(row -> Csv.record(body, row.csvCells()));
        } else {
            rows.forEach(row -> body.append(row.json()).append('\n'));
        }
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("limit", Integer.toString(limit));
        if (crmFilter != null) {
            keep.put("crm_id", crmFilter);
        }
        return page(file, body, page.next(), keep, request);
    }

    private Answer actions(ExportFile file, int limit, String cursor, Map<String, String> query,
                           APIGatewayProxyRequestEvent request) {
        if (!query.containsKey("from") || !query.containsKey("to")) {
            return ApiRoutes.error(400, "from and to are required: the days to export, YYYY-MM-DD (UTC), both included");
        }
        LocalDate from = date(query.get("from"));
        LocalDate to = date(query.get("to"));
        if (from == null || to == null) {
            return ApiRoutes.error(400, "from and to must be dates as YYYY-MM-DD, e.g. 2026-11-01");
        }
        if (to.isBefore(from)) {
            return ApiRoutes.error(400, "to (" + to + ") is before from (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_RANGE_DAYS) {
            return ApiRoutes.error(400, "the range is " + days + " days; at most " + MAX_RANGE_DAYS
                    + " (export a longer period one range at a time)");
        }
        ExportCursor.ActionsStart start = cursor == null ? null : ExportCursor.decodeActions(cursor);
        if (start != null && (start.day().isBefore(from) || start.day().isAfter(to))) {
            return ApiRoutes.error(400, "cursor belongs to another range than " + from + " to " + to);
        }
        ExportReader.Page<ActionRow> page = reader.actions(from, to, limit, start);
        StringBuilder body = new StringBuilder();
        page.rows().forEach(row -> body.append(row.json()).append('\n'));
        Map<String, String> keep = new LinkedHashMap<>();
        keep.put("from", from.toString());
        keep.put("to", to.toString());
        keep.put("limit", Integer.toString(limit));
        return page(file, body, page.next(), keep, request);
    }

    /** The page with its headers: the next cursor, and the next page's URL (root-relative, with the stage on AWS). */
    private static Answer page(ExportFile file, StringBuilder body, String next, Map<String, String> keep,
                               APIGatewayProxyRequestEvent request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (next != null) {
            StringBuilder url = new StringBuilder(Dashboard.base(request)).append(PREFIX.substring(1)).append(file.fileName()).append('?');
            keep.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
            url.append("cursor=").append(encode(next));
            headers.put(NEXT_CURSOR, next);
            headers.put("Link", "<" + url + ">; rel=\"next\"");
        }
        return new Answer(200, body.toString(), file.contentType(), headers);
    }

    private static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text.trim()).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
