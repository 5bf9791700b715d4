package io.j8s.deploy;

import com.google.gson.Gson;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects of a rendered chart, each parsed strictly into the official Kubernetes model class of its kind
 * (kubernetes-client/java): a field the class does not know, a missing required field or a value of the wrong
 * type fails, as the API server of a real cluster would refuse it.
 */
record RenderedObjects(List<KubernetesObject> objects) {

    /** The kinds the chart may render, by apiVersion/kind. */
    private static final Map<String, Class<? extends KubernetesObject>> MODELS = Map.of(
        "v1/ConfigMap", V1ConfigMap.class,
        "v1/Secret", V1Secret.class,
        "v1/Service", V1Service.class,
        "apps/v1/Deployment", V1Deployment.class,
        "apps/v1/StatefulSet", V1StatefulSet.class,
        "apps/v1/DaemonSet", V1DaemonSet.class,
        "batch/v1/Job", V1Job.class,
        "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);

    private static final Gson GSON = new Gson();

    static RenderedObjects parse(String manifests) {
        var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<KubernetesObject> objects = new ArrayList<>();
        for (Object document : yaml.loadAll(manifests)) {
            if (document == null) {
                continue;   // an empty document between two ---
            }
            objects.add(strict(document));
        }
        return new RenderedObjects(List.copyOf(objects));
    }

    /** One rendered document as its model class; fails on anything the class would not accept. */
    static KubernetesObject strict(Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a rendered document is not an object: " + document);
        }
        String type = map.get("apiVersion") + "/" + map.get("kind");
        Class<? extends KubernetesObject> model = MODELS.get(type);
        if (model == null) {
            throw new IllegalArgumentException("the chart renders " + type + ", which this test does not know");
        }
        String json = GSON.toJson(document);
        try {
            // fromJson validates the JSON against the class's fields (unknown and required ones) before binding
            return model.cast(model.getMethod("fromJson", String.class).invoke(null, json));
        } catch (InvocationTargetException e) {
            Object name = map.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
            throw new IllegalArgumentException(type + " " + name + " does not parse strictly: " + e.getCause().getMessage(),
                e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends KubernetesObject> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends KubernetesObject> T one(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> Objects.equals(o.getMetadata().getName(), name)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in " + names()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }
}
