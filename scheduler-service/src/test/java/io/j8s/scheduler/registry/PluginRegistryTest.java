package io.j8s.scheduler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.framework.Plugin;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    private final PluginRegistry registry = PluginRegistry.inTree();

    @Test
    void theDefaultConfigurationNamesOnlyKnownPluginsAtTheRightExtensionPoints() {
        Profile profile = registry.profile(new SchedulerProperties.Plugins(null, null));

        assertThat(profile.filters()).extracting(Plugin::name)
            .containsExactlyElementsOf(SchedulerProperties.Plugins.DEFAULT_FILTERS);
        assertThat(profile.preFilters()).extracting(Plugin::name)
            .containsExactly("NodeAffinity", "NodePorts", "NodeResourcesFit", "InterPodAffinity");
        assertThat(profile.scores()).extracting(s -> s.plugin().name() + "=" + s.weight()).containsExactly(
            "TaintToleration=3", "NodeAffinity=2", "InterPodAffinity=2", "NodeResourcesLeastAllocated=1",
            "NodeResourcesBalancedAllocation=1", "SelectorSpread=1");
    }

    @Test
    void everyPluginIsRegisteredUnderItsName() {
        assertThat(registry.names()).hasSize(11);
        registry.names().forEach(name -> assertThat(registry.plugin(name).orElseThrow().name()).isEqualTo(name));
    }

    @Test
    void anUnknownNameFailsNamingThePropertyAndTheKnownPlugins() {
        assertThatThrownBy(() -> registry.profile(new SchedulerProperties.Plugins(List.of("NodeNmae"), null)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("j8s.scheduler.plugins.filter: unknown plugin \"NodeNmae\"; known plugins: ")
            .hasMessageContaining("NodeName");
    }

    @Test
    void aPluginEnabledWhereItHasNoExtensionPointFails() {
        assertThatThrownBy(() -> registry.profile(new SchedulerProperties.Plugins(List.of("SelectorSpread"), null)))
            .hasMessage("j8s.scheduler.plugins.filter: SelectorSpread is not a filter plugin");
        assertThatThrownBy(() -> registry.profile(new SchedulerProperties.Plugins(List.of(),
            List.of(new SchedulerProperties.WeightedPlugin("NodeName", 1)))))
            .hasMessage("j8s.scheduler.plugins.score: NodeName is not a score plugin");
        assertThatThrownBy(() -> registry.profile(new SchedulerProperties.Plugins(List.of(),
            List.of(new SchedulerProperties.WeightedPlugin("TaintToleration", -1)))))
            .hasMessage("j8s.scheduler.plugins.score: the weight of TaintToleration must be at least 1, not -1");
    }
}
