package dev.guardedtask.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table at most {@link #WIDTH} columns wide: each column as wide as its widest cell up to its
 * limit, the last one taking what is left; a longer cell is cut with {@code …}. Columns are two spaces apart.
 */
final class Table {

    static final int WIDTH = 100;
    private static final String GAP = "  ";

    private final List<String> headers;
    private final int[] limits;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param limits the widest each column may be but the last, which gets the rest of {@link #WIDTH} */
    Table(List<String> headers, int... limits) {
        this.headers = headers;
        this.limits = limits;
    }

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        int used = 0;
        for (int column = 0; column < widths.length; column++) {
            int widest = widest(column);
            int limit = column < limits.length ? limits[column] : WIDTH - used;
            widths[column] = Math.max(1, Math.min(widest, limit));
            used += widths[column] + GAP.length();
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private int widest(int column) {
        int widest = headers.get(column).length();
        for (List<String> row : rows) {
            widest = Math.max(widest, row.get(column).length());
        }
        return widest;
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            String cell = fit(cells.get(column), widths[column]);
            line.append(cell).append(" ".repeat(widths[column] - cell.length())).append(GAP);
        }
        out.println(line.toString().stripTrailing());
    }

    /**
     * {@code text} cut to {@code width} with {@code …} if longer; control characters (line breaks, a terminal's
     * escape sequences in an error message from Redis) read as spaces.
     */
    static String fit(String text, int width) {
        StringBuilder plain = new StringBuilder(text);
        for (int i = 0; i < plain.length(); i++) {
            if (Character.isISOControl(plain.charAt(i))) {
                plain.setCharAt(i, ' ');
            }
        }
        String flat = plain.toString();
        return flat.length() <= width ? flat : flat.substring(0, width - 1) + "…";
    }
}
