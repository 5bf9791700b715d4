package io.j8s.scheduler.registry;

import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.Plugin;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import io.j8s.scheduler.plugins.interpodaffinity.InterPodAffinity;
import io.j8s.scheduler.plugins.nodeaffinity.NodeAffinity;
import io.j8s.scheduler.plugins.nodename.NodeName;
import io.j8s.scheduler.plugins.nodeports.NodePorts;
import io.j8s.scheduler.plugins.nodeready.NodeReady;
import io.j8s.scheduler.plugins.noderesources.BalancedAllocation;
import io.j8s.scheduler.plugins.noderesources.LeastAllocated;
import io.j8s.scheduler.plugins.noderesources.NodeResourcesFit;
import io.j8s.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import io.j8s.scheduler.plugins.selectorspread.SelectorSpread;
import io.j8s.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that knows every plugin by its NAME (kube-scheduler's in-tree registry), and builds the
 * {@link Profile} the configuration enables. A name the registry does not know, a plugin enabled at an
 * extension point it does not implement, or a weight below 1 fails at startup, naming the property.
 */
public final class PluginRegistry {

    private final Map<String, Plugin> plugins = new LinkedHashMap<>();

    public PluginRegistry(List<? extends Plugin> plugins) {
        for (Plugin plugin : plugins) {
            if (this.plugins.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalArgumentException("two plugins are named " + plugin.name());
            }
        }
    }

    /** Every plugin j8s ships, one instance each (plugins keep no state between cycles). */
    public static PluginRegistry inTree() {
        return new PluginRegistry(List.of(
            new NodeUnschedulable(),
            new NodeReady(),
            new NodeName(),
            new TaintToleration(),
            new NodeAffinity(),
            new NodePorts(),
            new NodeResourcesFit(),
            new InterPodAffinity(),
            new LeastAllocated(),
            new BalancedAllocation(),
            new SelectorSpread()));
    }

    public Optional<Plugin> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    public Set<String> names() {
        return plugins.keySet();
    }

    /** The plugins {@code config} enables, in its order. */
    public Profile profile(SchedulerProperties.Plugins config) {
        List<PreFilterPlugin> preFilters = new ArrayList<>();
        List<FilterPlugin> filters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : config.filter()) {
            Plugin plugin = require(name, "j8s.scheduler.plugins.filter");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("j8s.scheduler.plugins.filter: " + name + " is listed twice");
            }
            if (!(plugin instanceof FilterPlugin filter)) {
                throw new IllegalArgumentException("j8s.scheduler.plugins.filter: " + name + " is not a filter plugin");
            }
            filters.add(filter);
            if (plugin instanceof PreFilterPlugin preFilter) {
                preFilters.add(preFilter);
            }
        }
        List<Profile.WeightedScore> scores = new ArrayList<>();
        seen.clear();
        for (SchedulerProperties.WeightedPlugin weighted : config.score()) {
            Plugin plugin = require(weighted.name(), "j8s.scheduler.plugins.score");
            if (!seen.add(weighted.name())) {
                throw new IllegalArgumentException("j8s.scheduler.plugins.score: " + weighted.name()
                    + " is listed twice");
            }
            if (!(plugin instanceof ScorePlugin score)) {
                throw new IllegalArgumentException("j8s.scheduler.plugins.score: " + weighted.name()
                    + " is not a score plugin");
            }
            if (weighted.weight() < 1) {
                throw new IllegalArgumentException("j8s.scheduler.plugins.score: the weight of " + weighted.name()
                    + " must be at least 1, not " + weighted.weight());
            }
            scores.add(new Profile.WeightedScore(score, weighted.weight()));
        }
        return new Profile(preFilters, filters, scores);
    }

    private Plugin require(String name, String property) {
        Plugin plugin = plugins.get(name);
        if (plugin == null) {
            throw new IllegalArgumentException(property + ": unknown plugin \"" + name + "\"; known plugins: "
                + String.join(", ", plugins.keySet()));
        }
        return plugin;
    }
}
