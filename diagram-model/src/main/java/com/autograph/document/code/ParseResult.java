package com.autograph.document.code;

import java.util.List;

import com.autograph.document.DiagramDocument;

/** What parsing produced: the document (possibly partial) and every problem found, in order. */
public record ParseResult(DiagramDocument document, List<CodeError> errors) {
}
