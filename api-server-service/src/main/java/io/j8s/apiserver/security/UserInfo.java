package io.j8s.apiserver.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, as Kubernetes' {@code user.Info}: the user name, its uid and its groups. Every
 * authenticated user is also in {@code system:authenticated}.
 */
public record UserInfo(String name, String uid, List<String> groups) {

    public static final String SYSTEM_MASTERS = "system:masters";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    public static final String NODES = "system:nodes";
    public static final String NODE_USER_PREFIX = "system:node:";

    /** The API server itself (bootstrap, internal writes): no request, no restriction. */
    public static final UserInfo API_SERVER = new UserInfo("system:apiserver", "", List.of(SYSTEM_MASTERS));
    /** Every request in development mode (no TLS, no authentication): the old insecure port's user. */
    public static final UserInfo UNSECURED = new UserInfo("system:unsecured", "", List.of(SYSTEM_MASTERS));
    /** A request without credentials, for the audit log and the open endpoints. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED));

    public UserInfo {
        uid = uid == null ? "" : uid;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The user with {@code system:authenticated} added, as the authenticators do. */
    public static UserInfo authenticated(String name, String uid, List<String> groups) {
        List<String> all = new ArrayList<>(groups == null ? List.of() : groups);
        if (!all.contains(AUTHENTICATED)) {
            all.add(AUTHENTICATED);
        }
        return new UserInfo(name, uid, all);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /**
     * The node a node agent's identity names ({@code system:node:<name>} in {@code system:nodes}), or null: the
     * Node authorizer and the NodeRestriction admission plugin restrict exactly these users.
     */
    public String nodeName() {
        if (!inGroup(NODES) || !name.startsWith(NODE_USER_PREFIX)) {
            return null;
        }
        String node = name.substring(NODE_USER_PREFIX.length());
        return node.isEmpty() ? null : node;
    }
}
