package com.communitypulse.api.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for the tests, written from the RFC rather than from {@link Csv}: records end in CRLF,
 * a quoted field may hold commas, CR, LF and doubled quotes, an unquoted one none of them. It throws on anything
 * else, so a writer that breaks the format fails the test instead of being read leniently.
 */
public final class CsvReading {
    private CsvReading() {
    }

    public static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (fieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field at " + i);
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                fieldStart = false;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("a CR not followed by LF outside quotes at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStart = true;
                i += 2;
            } else if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("a bare " + (c == '"' ? "quote" : "LF") + " in an unquoted field at " + i);
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (!record.isEmpty() || field.length() > 0) {
            throw new IllegalArgumentException("the last record does not end in CRLF");
        }
        return records;
    }
}
