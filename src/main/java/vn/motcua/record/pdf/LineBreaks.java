package vn.motcua.record.pdf;

import java.text.BreakIterator;
import java.util.Locale;

import com.openhtmltopdf.extend.FSTextBreaker;

/**
 * Where a line may break: Unicode's rules, except inside a token joined by "/" or "-", so that a date
 * ({@code 27/11/2026}), a record code ({@code commune-a-20261123-00001}) or a document number
 * ({@code 1/2026/commune-a}) is never split over two lines. One per rendering (not thread-safe).
 */
final class LineBreaks implements FSTextBreaker {

    private final BreakIterator iterator = BreakIterator.getLineInstance(Locale.forLanguageTag("vi-VN"));
    private String text = "";

    @Override
    public void setText(String newText) {
        text = newText == null ? "" : newText;
        iterator.setText(text);
    }

    @Override
    public int next() {
        int boundary = iterator.next();
        while (boundary != BreakIterator.DONE && joined(boundary)) {
            boundary = iterator.next();
        }
        return boundary;
    }

    private boolean joined(int boundary) {
        if (boundary <= 0 || boundary >= text.length()) {
            return false;
        }
        char before = text.charAt(boundary - 1);
        char after = text.charAt(boundary);
        return (isJoiner(before) || isJoiner(after)) && !Character.isWhitespace(before) && !Character.isWhitespace(after);
    }

    private static boolean isJoiner(char c) {
        return c == '/' || c == '-' || c == '\u2010';
    }
}
