package com.autograph.shared.error;

/**
 * An exception thrown below the web layer (a JSON parser's, say) that knows which problem
 * it means for the client. {@link ApiProblemHandler} answers with {@link #asProblem()}
 * wherever such an exception turns up in the cause chain, so the error package needs to
 * know no exception type.
 */
public interface ClientProblem {

    ApiException asProblem();

}
