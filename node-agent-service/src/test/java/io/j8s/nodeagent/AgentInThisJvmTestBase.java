package io.j8s.nodeagent;

import io.j8s.testsupport.ApiServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Tests with the node agent running in this JVM (a Spring context per test class and node). After the class the
 * agent is stopped first, so it does not recreate what is being removed, then its node's containers are removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentInThisJvmTestBase extends NodeAgentTestBase {

    @Autowired
    NodeAgent agent;

    /** The settings every in-JVM agent needs: the shared API server, the node, fast resyncs and Lease renewals. */
    static void agentFor(DynamicPropertyRegistry registry, String node) {
        registry.add("j8s.node-agent.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.node-agent.node-name", () -> node);
        registry.add("j8s.node-agent.lease-renew-interval", () -> "2s");
        registry.add("j8s.node-agent.resync-interval", () -> "2s");
    }

    @AfterAll
    void stopAgentAndRemoveContainers() {
        agent.destroy();
        removeContainersOf(nodeName());
    }
}
