package io.j8s.apiserver.discovery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes version j8s claims to be. kubectl v1.32 warns about version skew unless the server's
 * minor version is within one of its own, so j8s reports 1.32.
 */
public final class ServerVersion {

    public static final String MAJOR = "1";
    public static final String MINOR = "32";
    public static final String GIT_VERSION = "v1.32.0-j8s";

    /** Fixed when the server starts: kube-apiserver reports its build date, j8s its start. */
    private static final String BUILD_DATE = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    private ServerVersion() {
    }

    /** The body of {@code GET /version}, shaped like {@code k8s.io/apimachinery/pkg/version.Info}. */
    public static Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("major", MAJOR);
        info.put("minor", MINOR);
        info.put("gitVersion", GIT_VERSION);
        info.put("gitCommit", "");
        info.put("gitTreeState", "clean");
        info.put("buildDate", BUILD_DATE);
        info.put("goVersion", "java" + Runtime.version().feature());
        info.put("compiler", "j8s");
        info.put("platform", "linux/amd64");
        return info;
    }
}
