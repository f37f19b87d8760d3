package vn.motcua.record;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what applicants send ({@code motcua.records.*}) and where the templates of the
 * issued forms are ({@code motcua.templates-dir} lives in {@link #templatesDir}).
 */
@ConfigurationProperties(prefix = "motcua.records")
public record RecordProperties(Integer maxDocuments, DataSize maxDocumentSize, List<String> allowedMediaTypes,
        Path templatesDir, DataSize maxDecodedSize, Long maxImagePixels) {

    public RecordProperties {
        maxDocuments = maxDocuments != null ? maxDocuments : 20;
        maxDocumentSize = maxDocumentSize != null ? maxDocumentSize : DataSize.ofMegabytes(10);
        allowedMediaTypes = allowedMediaTypes != null && !allowedMediaTypes.isEmpty() ? List.copyOf(allowedMediaTypes)
                : List.of("application/pdf", "image/jpeg", "image/png");
        templatesDir = templatesDir != null ? templatesDir : Path.of("templates");
        // What a document may expand to when its compressed streams are decoded (a "zip bomb" is refused).
        maxDecodedSize = maxDecodedSize != null ? maxDecodedSize : DataSize.ofMegabytes(128);
        // An image's pixels, width × height (A3 at 600 dpi is about 70 million).
        maxImagePixels = maxImagePixels != null ? maxImagePixels : 100_000_000L;
    }
}
