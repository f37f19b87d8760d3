package vn.motcua.record.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * The PDF/A-2b identification of an issued document: its XMP metadata, written here from the document
 * information dictionary it must agree with (ISO 19005-2, 6.6.2.3), instead of by openhtmltopdf's PDF/A
 * mode — which serialised it through xmpbox and an XSLT transformer (a tenth of a document's rendering)
 * into 4 kB, three quarters an extension schema that re-declares PDF/A's own predefined schemas. The
 * metadata stream stays unfiltered, as PDF/A asks, so every byte of it is in every issued document.
 */
final class ArchivalMetadata {

    private static final String SRGB = "sRGB IEC61966-2.1";
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ArchivalMetadata() {
    }

    /**
     * Makes the document PDF/A-2b's: its XMP metadata (what its information dictionary says) and the output
     * intent with the colour profile its device colours are in.
     */
    static void write(PDDocument document, byte[] srgbProfile) throws IOException {
        if (document.getDocumentCatalog().getOutputIntents().isEmpty()) {
            PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgbProfile));
            intent.setInfo(SRGB);
            intent.setOutputCondition(SRGB);
            intent.setOutputConditionIdentifier(SRGB);
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
        }
        PDDocumentInformation info = document.getDocumentInformation();
        StringBuilder xmp = new StringBuilder(700).append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
                .append(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
                .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
                .append("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>");
        element(xmp, "pdf:Producer", info.getProducer());
        element(xmp, "pdf:Keywords", info.getKeywords());
        element(xmp, "xmp:CreatorTool", info.getCreator());
        element(xmp, "xmp:CreateDate", date(info.getCreationDate()));
        element(xmp, "xmp:ModifyDate", date(info.getModificationDate()));
        xmp.append("<dc:format>application/pdf</dc:format>");
        if (info.getTitle() != null) {
            xmp.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escaped(info.getTitle()))
                    .append("</rdf:li></rdf:Alt></dc:title>");
        }
        if (info.getAuthor() != null) {
            xmp.append("<dc:creator><rdf:Seq><rdf:li>").append(escaped(info.getAuthor()))
                    .append("</rdf:li></rdf:Seq></dc:creator>");
        }
        if (info.getSubject() != null) {
            xmp.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escaped(info.getSubject()))
                    .append("</rdf:li></rdf:Alt></dc:description>");
        }
        xmp.append("</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xmp.toString().getBytes(StandardCharsets.UTF_8));
        document.getDocumentCatalog().setMetadata(metadata);
    }

    private static void element(StringBuilder xmp, String name, String value) {
        if (value != null) {
            xmp.append('<').append(name).append('>').append(escaped(value)).append("</").append(name).append('>');
        }
    }

    private static String date(Calendar calendar) {
        return calendar == null ? null
                : calendar.toInstant().atZone(calendar.getTimeZone().toZoneId()).format(XMP_DATE);
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
