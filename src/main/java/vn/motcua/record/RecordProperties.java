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
        Path templatesDir) {

    public RecordProperties {
        maxDocuments = maxDocuments != null ? maxDocuments : 20;
        maxDocumentSize = maxDocumentSize != null ? maxDocumentSize : DataSize.ofMegabytes(10);
        allowedMediaTypes = allowedMediaTypes != null && !allowedMediaTypes.isEmpty() ? List.copyOf(allowedMediaTypes)
                : List.of("application/pdf", "image/jpeg", "image/png");
        templatesDir = templatesDir != null ? templatesDir : Path.of("templates");
    }
}
