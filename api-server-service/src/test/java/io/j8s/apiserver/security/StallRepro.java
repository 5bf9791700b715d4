package io.j8s.apiserver.security;

import io.j8s.testsupport.ApiServerProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * Manual repro of the keep-alive stall: a private API server (secure, or with {@code insecure} plain HTTP), then
 * rounds of {@link KeepAliveHammer} with a named mix. Arguments: {@code secure|insecure mix rounds connections
 * perConnection [server arguments...]}. JVM options for the server go through {@code JAVA_TOOL_OPTIONS}.
 */
public final class StallRepro {

    private StallRepro() {
    }

    public static void main(String[] args) throws Exception {
        boolean secure = args[0].equals("secure");
        String mixName = args[1];
        int rounds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int perConnection = Integer.parseInt(args[4]);
        String[] extra = java.util.Arrays.copyOfRange(args, 5, args.length);
        try (ApiServerProcess server = secure ? ApiServerProcess.startSecure(extra) : ApiServerProcess.start(extra)) {
            String admin = secure ? server.adminToken() : null;
            String node = secure ? server.addUser("system:node:node-1", "system:nodes") : null;
            String nobody = secure ? server.addUser("nobody") : null;
            List<KeepAliveHammer.Request> mix = mix(mixName, admin, node, nobody);
            int port = Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
            KeepAliveHammer hammer = new KeepAliveHammer(secure ? server.sslContext().getSocketFactory()
                : javax.net.SocketFactory.getDefault(), "127.0.0.1", port, 5000)
                .onStall(local -> {
                    if (Boolean.getBoolean("inspect")) {
                        inspect(server.pid(), local);
                    }
                });
            int stalls = 0;
            int requests = 0;
            for (int round = 0; round < rounds; round++) {
                KeepAliveHammer.Result result = hammer.run(connections, perConnection, mix);
                System.out.println("round " + round + ": " + result);
                stalls += result.stalls().size();
                requests += result.requests();
            }
            System.out.println("TOTAL mix=" + mixName + " " + args[0] + " requests=" + requests + " stalls=" + stalls);
        }
    }

    /** Prints the stalled connection's queues and the server's event-loop threads, while the stall lasts. */
    private static synchronized void inspect(long pid, int localPort) {
        try {
            Process ss = new ProcessBuilder("sh", "-c", "ss -tnoi '( sport = :" + localPort + " or dport = :"
                + localPort + " )'; jstack " + pid + " | grep -A6 'reactor-http' | grep -v '^--' | head -60")
                .redirectErrorStream(true).start();
            System.out.println("STALL on client port " + localPort + ":\n"
                + new String(ss.getInputStream().readAllBytes()));
        } catch (java.io.IOException e) {
            System.out.println("cannot inspect: " + e);
        }
    }

    static List<KeepAliveHammer.Request> mix(String name, String admin, String node, String nobody) {
        List<KeepAliveHammer.Request> mix = new ArrayList<>();
        for (String part : name.split("\\+")) {
            switch (part) {
                // the previous session's mix: node-1 lists node-2's pods (403, decided in memory) and gets a pod that
                // does not exist (403 after an etcd read)
                case "nodelist" -> mix.add(new KeepAliveHammer.Request("GET",
                    "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2", node));
                case "nodeget" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods/nope",
                    node));
                case "ownlist" -> mix.add(new KeepAliveHammer.Request("GET",
                    "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1", node));
                case "admin404" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods/nope",
                    admin));
                case "admin200" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods",
                    admin));
                case "nobody403" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods",
                    nobody));
                case "anon401" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods", null));
                case "bad401" -> mix.add(new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods",
                    "not-a-token"));
                case "livez" -> mix.add(new KeepAliveHammer.Request("GET", "/livez", null));
                case "version" -> mix.add(new KeepAliveHammer.Request("GET", "/version", admin));
                default -> throw new IllegalArgumentException("unknown mix part " + part);
            }
        }
        return mix;
    }
}
