package vn.motcua.record.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;

/**
 * The PDF/A metadata (XMP) of an issued document, kept to what PDF/A-2b asks. openhtmltopdf writes 4 kB of
 * it, three quarters an extension schema that re-declares the predefined PDF and PDF/A schemas (PDF/A-2
 * needs extension schemas only for properties of its own) and indentation; the metadata stream must stay
 * unfiltered, so every issued document carried those bytes as they are.
 */
final class ArchivalMetadata {

    private static final Pattern EXTENSION_SCHEMAS = Pattern.compile(
            "<rdf:Description xmlns:pdfaExtension=.*?</rdf:Description>", Pattern.DOTALL);
    private static final Pattern BETWEEN_ELEMENTS = Pattern.compile(">\\s+<");

    private ArchivalMetadata() {
    }

    static void trim(PDDocument document) throws IOException {
        PDMetadata metadata = document.getDocumentCatalog().getMetadata();
        if (metadata == null) {
            return;
        }
        String xmp = new String(metadata.exportXMPMetadata().readAllBytes(), StandardCharsets.UTF_8);
        String trimmed = BETWEEN_ELEMENTS.matcher(EXTENSION_SCHEMAS.matcher(xmp).replaceAll("")).replaceAll("><");
        metadata.importXMPMetadata(trimmed.getBytes(StandardCharsets.UTF_8));
    }
}
