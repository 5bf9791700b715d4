package io.j8s.nodeagent.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * Hands out host ports for host-port mode from a range, never one this agent already gave to a pod, and only
 * ones nothing on the machine listens on right now. Other processes (other node agents on the same machine,
 * anything else) may still take a port between the check and Docker binding it: the caller then reports it with
 * {@link #conflicted} and asks again. Allocation starts at a random place in the range so that several agents
 * sharing one machine rarely try the same ports.
 */
public final class HostPortAllocator {

    private final int from;
    private final int to;
    private final IntPredicate isFree;
    private final Set<Integer> used = new HashSet<>();
    private int next;

    /** @param isFree whether nothing on the machine holds a port (see {@link #bindable}) */
    public HostPortAllocator(int from, int to, IntPredicate isFree) {
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("host port range " + from + "-" + to + " is not a port range");
        }
        this.from = from;
        this.to = to;
        this.isFree = isFree;
        this.next = from + ThreadLocalRandom.current().nextInt(to - from + 1);
    }

    /** A port that is free on {@code address} right now, checked by binding it for a moment. */
    public static IntPredicate bindable(String address) {
        return port -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }

    /**
     * The next free port of the range, marked used.
     *
     * @throws IllegalStateException when every port of the range is taken
     */
    public synchronized int allocate() {
        int size = to - from + 1;
        for (int tried = 0; tried < size; tried++) {
            int candidate = next;
            next = next == to ? from : next + 1;
            if (!used.contains(candidate) && isFree.test(candidate)) {
                used.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("no free host port left in " + from + "-" + to);
    }

    /** Marks a port used that a pod already holds (adopted containers, a pod's own hostPort). */
    public synchronized void markUsed(int port) {
        used.add(port);
    }

    /** Gives a port back when its pod is gone. */
    public synchronized void release(int port) {
        used.remove(port);
    }

    /**
     * Docker could not bind {@code port}: something else took it. It stays marked used, so it is not handed out
     * again while that lasts; the range is large enough to lose a few.
     */
    public synchronized void conflicted(int port) {
        used.add(port);
    }

    public synchronized boolean isUsed(int port) {
        return used.contains(port);
    }
}
