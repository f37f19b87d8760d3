package vn.motcua.record.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.cache.ICacheEntryValidity;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders the documents the product issues (forms 01–05, the result, the rejection) as A4 PDF/A-2b:
 * an HTML + CSS template ({@code <templatesDir>/<name>.html}, else the copy shipped on the classpath under
 * {@code /legal-forms/}, packed from the repository's {@code templates/}) is filled by Thymeleaf and laid out
 * by openhtmltopdf on PDFBox, with the one font (Times New Roman's metrics, {@link Fonts}) embedded (subset) and an sRGB output intent. A template is
 * parsed once and again whenever its file changes, so an analyst's edit applies to the next document
 * without a restart. The
 * result is rendered {@link FormData#forSigning() for signing}: its number, date, signer's name and
 * signatures are form fields ({@link SigningFields}).
 *
 * <p>Thread-safe: the template engine is, and every rendering has its own document.
 */
public final class PdfForms {

    private static final Logger log = LoggerFactory.getLogger(PdfForms.class);

    static {
        LayoutLog.install();
        Xml.nameTheJdkFactories();
    }

    /** What a template may draw with {@code <object type="…">}: the QR code. */
    private static final com.openhtmltopdf.render.DefaultObjectDrawerFactory OBJECTS =
            new com.openhtmltopdf.render.DefaultObjectDrawerFactory();

    static {
        OBJECTS.registerDrawer(QrCodes.TYPE, QrCodes.DRAWER);
    }

    /** Font metrics (ascent, descent, lines) by family, weight and style: the same in every document. */
    private static final com.openhtmltopdf.extend.FSCacheEx<String, com.openhtmltopdf.extend.FSCacheValue> FONT_METRICS =
            new com.openhtmltopdf.extend.impl.FSDefaultCacheStore();

    /** Elements whose box becomes a form field: {@code id="field-documentNumber"} … */
    static final Pattern FIELD_BOX = Pattern.compile("field-.+");
    private static final String CLASSPATH_DIR = "legal-forms/";

    /**
     * The output intent's sRGB profile: a compact one (736 bytes, sRGB's primaries and a 182-point
     * curve; CC0, github.com/saucecontrol/Compact-ICC-Profiles) instead of the JDK's 3 kB, which every
     * issued PDF would carry.
     */
    private static final class Srgb {
        static final byte[] PROFILE = load();

        private static byte[] load() {
            try (var in = PdfForms.class.getResourceAsStream("/color/sRGB-v2-magic.icc")) {
                return java.util.Objects.requireNonNull(in, "color/sRGB-v2-magic.icc").readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private final Path templatesDir;
    private final Formats formats;
    private final TemplateEngine engine;

    /** Ids print as they are (no organisation at hand): for tests and tools. */
    public PdfForms(Path templatesDir) {
        this(templatesDir, Formats.plain());
    }

    /**
     * @param templatesDir where templates are read from first (e.g. {@code templates}); may be null to use
     *                     the classpath copies only
     * @param formats      how values print, with the organisation's names of units and people
     */
    public PdfForms(Path templatesDir, Formats formats) {
        this.templatesDir = templatesDir;
        this.formats = Objects.requireNonNull(formats, "formats");
        this.engine = engine(templatesDir);
    }

    private static TemplateEngine engine(Path dir) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        int order = 1;
        if (dir != null) {
            FileTemplateResolver files = new FileTemplateResolver() {
                @Override
                protected ICacheEntryValidity computeValidity(IEngineConfiguration configuration, String owner,
                        String template, Map<String, Object> attributes) {
                    return whileUnchanged(dir, template);
                }
            };
            files.setPrefix(dir.toAbsolutePath().toString() + "/");
            configure(files, order++);
            engine.addTemplateResolver(files);
        }
        ClassLoaderTemplateResolver builtIn = new ClassLoaderTemplateResolver(PdfForms.class.getClassLoader()) {
            @Override
            protected ICacheEntryValidity computeValidity(IEngineConfiguration configuration, String owner,
                    String template, Map<String, Object> attributes) {
                // until an analyst puts a copy of their own into the directory
                return dir == null ? super.computeValidity(configuration, owner, template, attributes)
                        : whileUnchanged(dir, template);
            }
        };
        builtIn.setPrefix(CLASSPATH_DIR);
        configure(builtIn, order);
        engine.addTemplateResolver(builtIn);
        return engine;
    }

    /**
     * A parsed template stays valid while the directory's file of that name is as it was when it was parsed
     * (modification time and size; absent stays absent): an analyst's edit, new file or removal applies to
     * the next document, and an unchanged template costs a look at its file instead of a parse.
     */
    private static ICacheEntryValidity whileUnchanged(Path dir, String template) {
        Path file = dir.resolve(template + ".html");
        FileStamp parsed = FileStamp.of(file);
        return new ICacheEntryValidity() {
            @Override
            public boolean isCacheable() {
                return true;
            }

            @Override
            public boolean isCacheStillValid() {
                return parsed.equals(FileStamp.of(file));
            }
        };
    }

    private record FileStamp(long modified, long size) {
        static FileStamp of(Path file) {
            try {
                return new FileStamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
            } catch (IOException e) {
                return new FileStamp(-1, -1);
            }
        }
    }

    private static void configure(AbstractConfigurableTemplateResolver resolver, int order) {
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        // parsed once, and again when its file changes (whileUnchanged): parsing the template and its
        // layout at every rendering was a fifth of the rendering's time
        resolver.setCacheable(true);
        // a template missing from the directory falls through to the built-in copy
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
    }

    /** The form filled with {@code data}, as PDF/A-2b bytes. */
    public byte[] render(LegalForm form, FormData data) {
        return render(form, null, data);
    }

    /**
     * The form in a procedure's own wording when there is a template {@code <name>-<variant>.html} (e.g.
     * {@code result-birth-registration.html}: the birth certificate), else the general one.
     */
    public byte[] render(LegalForm form, String variant, FormData data) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(data, "data");
        String template = templateName(form, variant);
        return pdf(html(template, form, data), template, data.forSigning());
    }

    /** The template a form uses: the procedure's own when present. */
    String templateName(LegalForm form, String variant) {
        if (variant != null && !variant.isBlank() && variant.matches("[A-Za-z0-9._-]+")
                && exists(form.templateName() + "-" + variant)) {
            return form.templateName() + "-" + variant;
        }
        return form.templateName();
    }

    private boolean exists(String name) {
        if (templatesDir != null && Files.isRegularFile(templatesDir.resolve(name + ".html"))) {
            return true;
        }
        return PdfForms.class.getClassLoader().getResource(CLASSPATH_DIR + name + ".html") != null;
    }

    /** The filled template (XHTML). */
    String html(String template, LegalForm form, FormData data) {
        Context context = new Context(Locale.forLanguageTag("vi-VN"), variables(form, data));
        try {
            return xmlSafe(engine.process(template, context));
        } catch (TemplateEngineException e) {
            throw new IllegalStateException("template " + template + ".html cannot be filled (record "
                    + data.recordCode() + "): " + e.getMessage(), e);
        }
    }

    /** What a template sees (docs/templates.md lists it). */
    Map<String, Object> variables(LegalForm form, FormData data) {
        Map<String, Object> model = new HashMap<>();
        FormData.Issuer issuer = data.issuer();
        model.put("fmt", formats);
        model.put("formNumber", form.number());
        model.put("unitName", issuer.unitName());
        model.put("parentUnitName", blankToNull(issuer.parentUnitName()));
        model.put("place", issuer.place());
        model.put("documentNumber", blankToNull(issuer.documentNumber()));
        model.put("placeAndDate", formats.placeAndDate(issuer.place(), data.issuedAt()));
        model.put("signerTitle", formats.lines(issuer.signerTitle()));
        model.put("signerName", issuer.signerName());
        model.put("recordCode", data.recordCode());
        model.put("procedureName", data.procedureName());
        model.put("applicant", data.applicant());
        model.put("applicantName", data.applicant().name());
        model.put("issuedAt", data.issuedAt());
        model.put("receivedAt", data.receivedAt());
        model.put("appointmentAt", data.appointmentAt());
        model.put("processingDays", data.processingDays());
        model.put("requiredDocuments", data.requiredDocuments());
        model.put("documents", data.documents());
        model.put("reasons", formats.lines(data.reasons()));
        model.put("recipients", data.recipients());
        model.put("forSigning", data.forSigning());
        model.put("extra", new Values(data.extra()));
        String verifyUrl = blankToNull(data.extra().get("verifyUrl"));
        model.put("verifyUrl", verifyUrl);
        model.put("verifyQr", verifyUrl == null ? null : new org.thymeleaf.context.LazyContextVariable<String>() {
            @Override
            protected String loadValue() {
                return QrCodes.dataUri(verifyUrl);
            }
        });
        return model;
    }

    /** Lays the XHTML out as PDF/A-2b; the boxes named {@code field-…} become form fields when for signing. */
    byte[] pdf(String html, String template, boolean forSigning) {
        // closed in reverse: the document is saved before the parsed fonts go back to the pool
        try (Fonts.Parsed fonts = Fonts.borrow(); PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(document)
                    .useFastMode()
                    .useObjectDrawerFactory(OBJECTS)
                    // each face's metrics measured once per JVM, not in every document
                    .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS)
                    // PDF/A-2b: the font embedded (no built-in font answers a family: Fonts.FAMILIES), no image
                    // interpolation (templates draw images pixelated), the sRGB output intent, and the XMP
                    // identification written by ArchivalMetadata rather than by openhtmltopdf's PDF/A mode
                    .usePdfVersion(1.7f)
                    .withProducer("motcua")
                    // nothing is fetched from outside: images are data: URIs (the QR code), fonts are ours
                    .useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null)
                    .useUnicodeLineBreaker(new LineBreaks())
                    .withW3cDocument(Xml.parse(html), null);
            for (Fonts.Face face : Fonts.Face.values()) {
                PDFontSupplier font = new LazyFont(fonts, document, face);
                for (String family : Fonts.FAMILIES) {
                    builder.useFont(font, family, face.weight, face.italic ? FontStyle.ITALIC : FontStyle.NORMAL,
                            true);
                }
                // a family the template names that nothing answers to (e.g. 'Arial'), and a character the core
                // face lacks, still print, in the full face: parsed only in a document that needs it (its
                // metrics come from the cache)
                builder.useFont(() -> new java.io.ByteArrayInputStream(Fonts.bytes(face)), Fonts.FULL_FAMILY, face.weight,
                        face.italic ? FontStyle.ITALIC : FontStyle.NORMAL, true,
                        java.util.EnumSet.of(com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase.FALLBACK_FINAL));
            }
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDFWithoutClosing();
                ArchivalMetadata.write(document, Srgb.PROFILE);
                document.getDocumentCatalog().setLanguage("vi");
                noInterpolation(document);
                if (forSigning) {
                    SigningFields.add(document, renderer.findPagePositionsByID(FIELD_BOX));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render template " + template, e);
        } catch (RuntimeException e) {
            // openhtmltopdf reads XHTML: an unclosed <br> in an edited template ends up here
            throw new IllegalStateException("template " + template + ".html cannot be laid out as PDF (write it as "
                    + "well-formed XHTML, e.g. <br/>): " + e.getMessage(), e);
        }
    }

    /** PDF/A forbids image interpolation, which openhtmltopdf asks for unless the CSS says pixelated. */
    private static void noInterpolation(PDDocument document) throws IOException {
        for (org.apache.pdfbox.pdmodel.PDPage page : document.getPages()) {
            org.apache.pdfbox.pdmodel.PDResources resources = page.getResources();
            for (org.apache.pdfbox.cos.COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image
                        && image.getInterpolate()) {
                    image.setInterpolate(false);
                }
            }
        }
    }

    /**
     * A face loaded into the document when the layout first needs it: loading measures every glyph of the
     * face, and a document seldom uses all four.
     */
    private static final class LazyFont extends PDFontSupplier {

        private final Fonts.Parsed fonts;
        private final PDDocument document;
        private final Fonts.Face face;
        private org.apache.pdfbox.pdmodel.font.PDFont loaded;

        LazyFont(Fonts.Parsed fonts, PDDocument document, Fonts.Face face) {
            super(null);
            this.fonts = fonts;
            this.document = document;
            this.face = face;
        }

        @Override
        public org.apache.pdfbox.pdmodel.font.PDFont supply() {
            if (loaded == null) {
                try {
                    loaded = fonts.load(document, face);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the font " + face, e);
                }
            }
            return loaded;
        }
    }

    /**
     * The document as XML can carry it: composed (NFC, "ặ" one character) and without the characters XML 1.0
     * forbids (NUL and other controls a form may let through), which would stop the layout.
     */
    static String xmlSafe(String html) {
        String composed = java.text.Normalizer.normalize(html, java.text.Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * The record's variables for {@code ${extra.name}}: an absent one reads as null (an empty line), not
     * as an error, so a template may name variables a record does not have.
     */
    static final class Values extends HashMap<String, String> {

        Values(Map<String, String> values) {
            super(values);
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public String get(Object key) {
            String value = super.get(key);
            if (value == null) {
                log.trace("no value for ${extra.{}}", key);
            }
            return value;
        }
    }
}
