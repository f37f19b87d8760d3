package vn.motcua.record.pdf;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML for the layout: the filled template parsed once into the DOM openhtmltopdf lays out. Every XML
 * factory {@code newInstance()} looks for a provider in every jar of the class path (about 300 here) before
 * taking the JDK's own; openhtmltopdf and PDFBox's XMP writer ask three times a document, a tenth of a
 * rendering.
 */
final class Xml {

    private static final DocumentBuilderFactory FACTORY = factory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private Xml() {
    }

    /**
     * Names the JDK's own XML factories as the JVM's, unless something named others: no jar of the product
     * provides one ({@code META-INF/services/javax.xml.*}), so this is the provider the search finds, found
     * without searching — for the libraries that call {@code newInstance()} (openhtmltopdf, PDFBox, DSS,
     * the engine) too.
     */
    static void nameTheJdkFactories() {
        setIfAbsent(TransformerFactory.class.getName(), TransformerFactory.newDefaultInstance().getClass().getName());
        setIfAbsent(DocumentBuilderFactory.class.getName(), DocumentBuilderFactory.newDefaultInstance().getClass().getName());
        setIfAbsent(SAXParserFactory.class.getName(), SAXParserFactory.newDefaultInstance().getClass().getName());
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The filled template (XHTML) as a DOM; no DTD or external entity is ever read. */
    static Document parse(String xhtml) {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        try {
            return builder.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses a safety feature", e);
        }
        return factory;
    }
}
