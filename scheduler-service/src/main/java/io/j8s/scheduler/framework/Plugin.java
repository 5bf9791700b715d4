package io.j8s.scheduler.framework;

/** A scheduling plugin, named as kube-scheduler names its own (e.g. {@code NodeResourcesFit}). */
public interface Plugin {

    String name();
}
