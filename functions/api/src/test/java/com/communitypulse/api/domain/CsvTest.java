package com.communitypulse.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** RFC 4180 records and the spreadsheet formula guard. */
class CsvTest {
    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBeAndRecordsEndInCrlf() {
        StringBuilder out = new StringBuilder();
        Csv.record(out, List.of(Csv.text("plain"), Csv.text("a,b"), Csv.text("say \"hi\""), Csv.text("two\nlines"),
                Csv.text("cr\rlf"), Csv.text(null), Csv.text(""), Csv.number(new BigDecimal("1.50")), Csv.number(7L),
                Csv.number(null)));
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\",,,1.50,7,\r\n", out.toString());
    }

    @Test
    void textAPreadsheetWouldEvaluateGetsALeadingQuote() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.text("=HYPERLINK(\"http://x\")"),
                "guarded, then quoted for its quotes");
        assertEquals("'+1", Csv.text("+1"));
        assertEquals("'-2+3", Csv.text("-2+3"));
        assertEquals("'@SUM(A1)", Csv.text("@SUM(A1)"));
        assertEquals("'\tcmd", Csv.text("\tcmd"));
        assertEquals("\"'\rcmd\"", Csv.text("\rcmd"), "guarded and quoted for the CR");
        assertEquals("a=b", Csv.text("a=b"), "only a leading character counts");
        assertEquals("ada", Csv.text("ada"));
    }

    @Test
    void numbersAreOursAndNeverGuarded() {
        assertEquals("-1", Csv.number(-1L), "a number this code formats is not user text");
        assertEquals("0.000001", Csv.number(new BigDecimal("1E-6")), "plain, never exponent notation");
    }

    @Property(tries = 300)
    void anyTextReadsBackAsItselfAndNeverStartsAFormula(@ForAll String value, @ForAll String other) {
        StringBuilder out = new StringBuilder();
        Csv.record(out, List.of(Csv.text(value), Csv.text(other)));
        List<List<String>> records = CsvReading.records(out.toString());
        assertEquals(1, records.size(), out.toString());
        List<String> cells = records.get(0);
        assertEquals(List.of(readBack(value), readBack(other)), cells);
        for (String cell : cells) {
            assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "a formula: " + cell);
        }
    }

    /** What a reader gets for a value: itself, with the guard's quote when it would start a formula. */
    private static String readBack(String value) {
        return value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    }
}
