package io.j8s.apiserver.storage;

/** Why a storage operation failed, in the terms the REST layer maps to Kubernetes Status reasons. */
public abstract sealed class StorageException extends RuntimeException {

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public static final class NotFound extends StorageException {
        public NotFound(String key) {
            super("key not found: " + key, null);
        }
    }

    public static final class AlreadyExists extends StorageException {
        public AlreadyExists(String key) {
            super("key exists: " + key, null);
        }
    }

    /** The object changed since the revision the writer read. */
    public static final class Conflict extends StorageException {
        public Conflict(String key) {
            super("revision changed: " + key, null);
        }
    }

    /** The requested revision is older than the store still keeps. */
    public static final class Expired extends StorageException {
        private final long compactedRevision;

        public Expired(long requested, long compactedRevision) {
            super("too old resource version: " + requested + " (" + compactedRevision + ")", null);
            this.compactedRevision = compactedRevision;
        }

        public long compactedRevision() {
            return compactedRevision;
        }
    }

    /** The store cannot be reached; the request may succeed later. */
    public static final class Unavailable extends StorageException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
