package vn.motcua.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;


import org.junit.jupiter.api.Test;

import vn.motcua.support.HostileFiles;

/** Documents are what they claim, checked within bounded memory (issue 13, "Documents are what they claim"). */
class DocumentContentTest {

    DocumentContent contents = new DocumentContent(128L << 20, 100_000_000L);

    @Test
    void aRealPdfWithAPagePasses() throws IOException {
        assertThat(contents.problem(pdf(2), "application/pdf")).isNull();
    }

    @Test
    void aPdfHeaderOverRandomBytesIsNotAPdf() {
        assertThat(contents.problem(HostileFiles.pdfHeaderOverRandomBytes(), "application/pdf"))
                .startsWith("is not a readable PDF");
    }

    @Test
    void aPdfWithoutPagesIsRefused() {
        assertThat(contents.problem(HostileFiles.pdfWithoutPages(), "application/pdf"))
                .isEqualTo("is a PDF without any page");
    }

    @Test
    void compressionBombsAreRefusedWithoutExpandingThem() {
        long heapBefore = usedHeap();
        assertThat(contents.problem(HostileFiles.pdfBomb(), "application/pdf")).contains("compression bomb");
        assertThat(contents.problem(HostileFiles.pdfDoubleDeflatedBomb(), "application/pdf"))
                .contains("compression bomb");
        assertThat(usedHeap() - heapBefore).as("heap grown").isLessThan(512L << 20);
    }

    @Test
    void imagesMustDecodeAndStayWithinThePixelLimit() throws IOException {
        byte[] png = HostileFiles.png(300, 200);
        assertThat(contents.problem(png, "image/png")).isNull();
        assertThat(contents.problem(Arrays.copyOf(png, 60), "image/png")).startsWith("is not a readable image");
        assertThat(new DocumentContent(128L << 20, 10_000).problem(png, "image/png"))
                .isEqualTo("is an image of 300 × 200 pixels; at most 10000 pixels are accepted");
    }

    @Test
    void fileNamesAreStoredWithoutPathsControlCharactersOrExcessLength() {
        assertThat(DocumentContent.normalisedName("../../etc/passwd", "d")).isEqualTo("passwd");
        assertThat(DocumentContent.normalisedName("C:\\Users\\lan\\to-khai.pdf", "d")).isEqualTo("to-khai.pdf");
        assertThat(DocumentContent.normalisedName("C:to-khai.pdf", "d")).isEqualTo("to-khai.pdf");
        assertThat(DocumentContent.normalisedName("..", "document-1")).isEqualTo("document-1");
        assertThat(DocumentContent.normalisedName("bad\u0000name\r\n.pdf", "d")).isEqualTo("badname.pdf");
        assertThat(DocumentContent.normalisedName("invoice\u202Efdp.exe", "d")).isEqualTo("invoicefdp.exe");
        assertThat(DocumentContent.normalisedName("Giấy chứng sinh.pdf", "d")).isEqualTo("Giấy chứng sinh.pdf");
        assertThat(DocumentContent.normalisedName("a\"b<c>.pdf", "d")).isEqualTo("a_b_c_.pdf");
        String longName = DocumentContent.normalisedName("x".repeat(5000) + ".pdf", "d");
        assertThat(longName).hasSize(DocumentContent.MAX_NAME_LENGTH).endsWith(".pdf");
        assertThat(DocumentContent.normalisedName(null, "document-3")).isEqualTo("document-3");
    }

    static byte[] pdf(int pages) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            }
            document.save(out);
            return out.toByteArray();
        }
    }


    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
