package com.autograph.document.formats.drawio;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import com.autograph.document.LimitExceededException;
import com.autograph.document.ModelLimits;
import com.autograph.document.formats.FormatException;

/**
 * The JDK's XML parser locked down for untrusted files: a DOCTYPE is refused outright
 * (which rules out external entities — XXE — and entity-expansion bombs), external DTDs
 * and schemas are never fetched, XInclude is off. draw.io files never carry a DOCTYPE, so
 * nothing legitimate is lost.
 */
final class SecureXml {

    /** The JDK parser's own depth limit (JAXP {@code jdk.xml.maxElementDepth}). */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private SecureXml() {
    }

    static Element parse(String xml, ModelLimits limits) {
        limits.checkInput(xml, "the file");
        return parse(new InputSource(new StringReader(xml)), limits);
    }

    /**
     * XML bytes from a stream, e.g. an inflating one: read, and refused, as they come.
     */
    static Element parse(InputStream xml, ModelLimits limits) {
        InputSource source = new InputSource(xml);
        source.setEncoding("UTF-8");
        return parse(source, limits);
    }

    private static Element parse(InputSource source, ModelLimits limits) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // The parser counts the depth as it reads; deeper documents stop there.
            f.setAttribute(MAX_ELEMENT_DEPTH, String.valueOf(limits.maxDepth()));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document d = b.parse(source);
            return d.getDocumentElement();
        }
        catch (SAXException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("DOCTYPE")) {
                throw new FormatException("the file contains a DOCTYPE declaration, which is refused for "
                        + "security (it can read local files or expand without bound); draw.io never writes one", e);
            }
            if (m.contains("maxElementDepth")) {
                throw new LimitExceededException(ModelLimits.DEPTH, limits.maxDepth(),
                        "the XML nests deeper than " + limits.maxDepth() + " elements");
            }
            throw new FormatException("not well-formed XML: " + m, e);
        }
        catch (IOException e) {
            // Only an inflating stream reads anything that can fail: the deflated data is
            // damaged.
            throw new FormatException("the compressed page is damaged (" + e.getMessage() + ")", e);
        }
        catch (ParserConfigurationException e) {
            throw new FormatException("the XML parser could not be set up safely: " + e.getMessage(), e);
        }
    }

    static Document newDocument() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().newDocument();
        }
        catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Element root, boolean indent) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            if (indent) {
                t.setOutputProperty(OutputKeys.INDENT, "yes");
                t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            }
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(root), new StreamResult(out));
            return out.toString();
        }
        catch (TransformerException e) {
            throw new IllegalStateException("writing XML failed", e);
        }
    }

    /** Child elements, optionally only those with this tag. */
    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || tag.equals(e.getTagName()))) {
                out.add(e);
            }
        }
        return out;
    }

}
