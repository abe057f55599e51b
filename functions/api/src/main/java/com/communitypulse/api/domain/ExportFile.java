package com.communitypulse.api.domain;

import java.util.Optional;

/** The files {@code GET /admin/export/{file}} serves, with their content types. */
public enum ExportFile {
    PEOPLE_JSONL("people", "jsonl", "application/x-ndjson"),
    PEOPLE_CSV("people", "csv", "text/csv; charset=utf-8"),
    ACTIONS_JSONL("actions", "jsonl", "application/x-ndjson");

    private final String what;
    private final String format;
    private final String contentType;

    ExportFile(String what, String format, String contentType) {
        this.what = what;
        this.format = format;
        this.contentType = contentType;
    }

    /** {@code people.csv}, as in the URL. */
    public String fileName() {
        return what + "." + format;
    }

    public String contentType() {
        return contentType;
    }

    public boolean people() {
        return what.equals("people");
    }

    /** The file named {@code name} (case-sensitive, as URLs are), or empty. */
    public static Optional<ExportFile> named(String name) {
        for (ExportFile file : values()) {
            if (file.fileName().equals(name)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code name} is not an export file: an unknown format of a known export, or an unknown export
     * (the names are fixed, so the reason can quote them without echoing the request).
     */
    public static String refusal(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String what = dot < 0 ? name : name.substring(0, dot);
        if ("people".equals(what)) {
            return "unknown format: people are exported as people.jsonl or people.csv";
        }
        if ("actions".equals(what)) {
            return "unknown format: actions are exported as actions.jsonl";
        }
        return "no such export: the files are people.jsonl, people.csv and actions.jsonl";
    }
}
