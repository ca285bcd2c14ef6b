package com.autograph.document.code;

/**
 * One problem in diagram code. {@code line} and {@code column} are 1-based (columns count
 * characters); {@code suggestion} is a fix in words ("did you mean `>`?") or null when none is
 * obvious.
 */
public record CodeError(int line, int column, String message, String suggestion) {
}
