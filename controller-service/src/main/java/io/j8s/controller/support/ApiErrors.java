package io.j8s.controller.support;

import io.j8s.common.client.ApiException;

/** Reading the API server's failures the way controllers need to. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * The API server refuses new objects in a namespace being deleted (Kubernetes' NamespaceTerminatingCause);
     * a controller has nothing to do but wait for the namespace to go.
     */
    public static boolean isNamespaceTerminating(Throwable e) {
        return e instanceof ApiException api && api.code() == 403 && api.status().message() != null
            && api.status().message().contains("because it is being terminated");
    }

    /** The server's message for an API failure (as Go's err.Error() shows it), else the exception's message. */
    public static String messageOf(Throwable e) {
        if (e instanceof ApiException api && api.status() != null && api.status().message() != null) {
            return api.status().message();
        }
        return String.valueOf(e.getMessage());
    }
}
