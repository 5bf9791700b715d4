package io.j8s.apiserver.patch;

/** A strategic merge patch that cannot be applied; {@code invalid} marks content errors (422) over format errors (400). */
public class PatchException extends RuntimeException {

    private final boolean invalid;

    PatchException(String message, boolean invalid) {
        super(message, null, false, false);
        this.invalid = invalid;
    }

    static PatchException badFormat(String message) {
        return new PatchException(message, false);
    }

    static PatchException invalid(String message) {
        return new PatchException(message, true);
    }

    public boolean invalid() {
        return invalid;
    }
}
