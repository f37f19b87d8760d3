package vn.motcua.record.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed form template: one block a line. The format is described in {@code docs/templates.md}.
 * Placeholders stay unexpanded here; they are filled in at rendering, so that data can never
 * turn into markup.
 */
record Template(String name, List<Block> blocks) {

    private static final Logger log = LoggerFactory.getLogger(Template.class);

    enum Kind {
        /** {@code # text}: bold, centred, capitals. */
        TITLE,
        /** {@code ## text}: centred. */
        SUBTITLE,
        /** {@code ### text}: bold, left-aligned. */
        HEADING,
        /** Any other line: a paragraph wrapped to the page width. */
        PARAGRAPH,
        /** An empty line: some vertical space. */
        BLANK,
        /** {@code {{documents}}} or {@code {{documents: caption}}}: the documents table. */
        DOCUMENTS,
        /** {@code {{signature: TITLE}}} or {@code {{signature: LEFT | RIGHT}}}: the signature block. */
        SIGNATURE,
        /** {@code {{pagebreak}}}: continue on a new page. */
        PAGE_BREAK,
        /** {@code {{qr: URL}}}: a QR code of the URL, with the URL printed beside it. */
        QR
    }

    /**
     * @param text     the block's text with its markers removed (for DOCUMENTS the caption,
     *                 for SIGNATURE the argument), placeholders unexpanded
     * @param optional the line began with "? ": leave it out when a placeholder in it is empty
     */
    record Block(Kind kind, String text, boolean optional) {
    }

    static Template parse(String name, String source) {
        List<Block> blocks = new ArrayList<>();
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        int lineNumber = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (line.startsWith("//")) {
                continue;
            }
            boolean optional = false;
            if (line.equals("?")) {
                continue;
            }
            if (line.startsWith("? ")) {
                optional = true;
                line = line.substring(2).strip();
            }
            if (line.isEmpty()) {
                blocks.add(new Block(Kind.BLANK, "", false));
            } else if (line.startsWith("{{") && line.endsWith("}}")) {
                Block directive = directive(line.substring(2, line.length() - 2).strip(), optional);
                if (directive == null) {
                    log.warn("template {}: line {}: unknown directive {} ignored", name, lineNumber, line);
                } else {
                    blocks.add(directive);
                }
            } else if (line.startsWith("### ")) {
                blocks.add(new Block(Kind.HEADING, line.substring(4).strip(), optional));
            } else if (line.startsWith("## ")) {
                blocks.add(new Block(Kind.SUBTITLE, line.substring(3).strip(), optional));
            } else if (line.startsWith("# ")) {
                blocks.add(new Block(Kind.TITLE, line.substring(2).strip(), optional));
            } else {
                blocks.add(new Block(Kind.PARAGRAPH, line, optional));
            }
        }
        // trailing blank lines add nothing but space at the end
        while (!blocks.isEmpty() && blocks.get(blocks.size() - 1).kind() == Kind.BLANK) {
            blocks.remove(blocks.size() - 1);
        }
        return new Template(name, List.copyOf(blocks));
    }

    private static Block directive(String body, boolean optional) {
        int colon = body.indexOf(':');
        String word = (colon < 0 ? body : body.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? "" : body.substring(colon + 1).strip();
        return switch (word) {
            case "documents" -> new Block(Kind.DOCUMENTS, argument, optional);
            case "signature" -> new Block(Kind.SIGNATURE, argument, optional);
            case "pagebreak" -> new Block(Kind.PAGE_BREAK, "", false);
            case "qr" -> new Block(Kind.QR, argument, optional);
            default -> null;
        };
    }
}
