package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the legal forms (01–05 and the result document) as A4 PDFs with embedded Unicode
 * fonts, so that Vietnamese text survives. Each form's body comes from an analyst-editable
 * template ({@code <templatesDir>/<form.templateName()>.txt}, else the copy shipped on the
 * classpath under {@code /legal-forms/}, packed from the repository's {@code templates/}); the national and unit headers are drawn for every form.
 * Templates are read at each rendering, so an edited template applies at once.
 *
 * <p>Thread-safe: fonts are read once per JVM and every rendering has its own document.
 */
public final class PdfForms {

    private static final Logger log = LoggerFactory.getLogger(PdfForms.class);

    private final Path templatesDir;

    /**
     * @param templatesDir where templates are read from first (e.g. {@code templates}); may be
     *                     null to use the classpath copies only
     */
    public PdfForms(Path templatesDir) {
        this.templatesDir = templatesDir;
    }

    /** The form filled with {@code data}, as PDF bytes. */
    public byte[] render(LegalForm form, FormData data) {
        return render(form, null, data);
    }

    /**
     * The form in a procedure's own wording when there is a template {@code <name>-<variant>.txt}
     * (e.g. {@code result-birth-registration.txt}: the birth certificate), else the general one.
     */
    public byte[] render(LegalForm form, String variant, FormData data) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(data, "data");
        String text = variant == null ? null : templateText(form.templateName() + "-" + variant + ".txt", false);
        String name = text == null ? form.templateName() : form.templateName() + "-" + variant;
        Template template = Template.parse(name, text != null ? text : templateText(form.templateName() + ".txt", true));
        try {
            return new FormRenderer(form, data, template).render();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render form " + form.number()
                    + " for record " + data.recordCode(), e);
        }
    }

    /** The template's text from the templates directory, else the classpath; null if optional and absent. */
    private String templateText(String file, boolean required) {
        if (templatesDir != null) {
            Path path = templatesDir.resolve(file);
            if (Files.isRegularFile(path)) {
                try {
                    return Files.readString(path, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    log.warn("cannot read template {}, using the built-in one: {}", path, e.toString());
                }
            } else {
                log.debug("no template {}, using the built-in one", path);
            }
        }
        try (InputStream in = PdfForms.class.getResourceAsStream("/legal-forms/" + file)) {
            if (in == null && !required) {
                return null;
            }
            if (in == null) {
                throw new IllegalStateException("no template " + file
                        + ": neither " + (templatesDir == null ? "" : templatesDir.resolve(file) + " nor ")
                        + "classpath:/legal-forms/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:/legal-forms/" + file, e);
        }
    }
}
