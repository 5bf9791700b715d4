package io.j8s.nodeagent.docker;

/**
 * An image name split as Docker's pull takes it: {@code registry:5000/team/app:1.2} is repository
 * {@code registry:5000/team/app} and tag {@code 1.2}; a digest ({@code app@sha256:...}) stays in the repository.
 */
public record ImageReference(String repository, String tag) {

    public static ImageReference parse(String image) {
        if (image.contains("@")) {
            return new ImageReference(image, null);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, "latest");
    }

    /** Kubernetes' default pull policy: Always for {@code :latest} or no tag, IfNotPresent otherwise. */
    public static String defaultPullPolicy(String image) {
        ImageReference ref = parse(image);
        return ref.tag() != null && !ref.tag().equals("latest") || image.contains("@") ? "IfNotPresent" : "Always";
    }
}
