package io.j8s.common.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bearer token given directly or as a file that holds only the token (as a mounted Secret does): the one way every
 * {@code token} / {@code token-file} setting pair is read.
 *
 * @param token     the token; wins over {@code tokenFile}
 * @param tokenFile a file whose content (trimmed) is the token
 * @param what      whose token it is, for error messages ("the API server token file ...")
 */
public record BearerToken(String token, String tokenFile, String what) {

    public BearerToken {
        token = blankToNull(token);
        tokenFile = blankToNull(tokenFile);
    }

    public boolean configured() {
        return token != null || tokenFile != null;
    }

    /** The token, or null when none is configured. Reads {@code tokenFile} on every call, so it can be rotated. */
    public String value() {
        if (token != null) {
            return token;
        }
        if (tokenFile == null) {
            return null;
        }
        try {
            String value = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("the " + what + " token file " + tokenFile + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " token file " + tokenFile, e);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
