package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Container(
        String name,
        String image,
        List<String> command,
        List<String> args,
        String workingDir,
        List<ContainerPort> ports,
        List<EnvVar> env,
        ResourceRequirements resources,
        List<VolumeMount> volumeMounts,
        String imagePullPolicy,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Container {
        extra = Extra.copyOf(extra);
    }

    public static Container of(String name, String image) {
        return new Container(name, image, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Container withImage(String value) {
        return new Container(name, value, command, args, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withCommand(List<String> value) {
        return new Container(name, image, value, args, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withArgs(List<String> value) {
        return new Container(name, image, command, value, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withPorts(List<ContainerPort> value) {
        return new Container(name, image, command, args, workingDir, value, env, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withEnv(List<EnvVar> value) {
        return new Container(name, image, command, args, workingDir, ports, value, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withResources(ResourceRequirements value) {
        return new Container(name, image, command, args, workingDir, ports, env, value, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withVolumeMounts(List<VolumeMount> value) {
        return new Container(name, image, command, args, workingDir, ports, env, resources, value, imagePullPolicy, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withImagePullPolicy(String value) {
        return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, value, livenessProbe, readinessProbe, startupProbe, extra);
    }

    public Container withLivenessProbe(Probe value) {
        return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, value, readinessProbe, startupProbe, extra);
    }

    public Container withReadinessProbe(Probe value) {
        return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, livenessProbe, value, startupProbe, extra);
    }

    public Container withStartupProbe(Probe value) {
        return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, imagePullPolicy, livenessProbe, readinessProbe, value, extra);
    }
}
