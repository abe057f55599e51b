package com.communitypulse.api.domain;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: CRLF after every record, a field in double quotes when it holds a comma, a quote, CR
 * or LF, a quote inside doubled. Text cells that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or CR: OWASP's CSV injection list) get a leading single quote, because
 * maintainers open the export in spreadsheets and logins and names come from the platforms' users.
 */
public final class Csv {
    static final String CRLF = "\r\n";

    private Csv() {
    }

    /** One record: the cells, each {@link #text} or {@link #number}, joined by commas, then CRLF. */
    public static void record(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cells.get(i));
        }
        out.append(CRLF);
    }

    /** A text cell from the data: guarded against formulas, then quoted when it must be; null is an empty cell. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return quoted(formulaGuarded(value));
    }

    /** A number this code formatted (never user text, so never a formula); null is an empty cell. */
    public static String number(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** {@code '} before a value a spreadsheet would evaluate. */
    static String formulaGuarded(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String quoted(String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
