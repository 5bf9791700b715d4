/**
 * The Kubernetes API types j8s serves, as immutable records that read and write Kubernetes' JSON.
 *
 * <p>Conventions every type follows:
 * <ul>
 *   <li>Fields j8s does not model are not lost: each record's last component, {@code extra}, collects
 *       them on read ({@code @JsonAnySetter}) and writes them back in place ({@code @JsonAnyGetter}).
 *       Pass {@code null} for it when building a record by hand.</li>
 *   <li>Null fields are omitted on output; times are RFC 3339 strings ({@code meta.Times}).</li>
 *   <li>Top-level kinds implement {@code meta.KubeObject}, fill {@code apiVersion}/{@code kind} when
 *       null, and have {@code of(metadata, spec)} and {@code withMetadata/withSpec/withStatus}.</li>
 *   <li>Helper methods never start with {@code get} or {@code is}: Jackson would write them as fields.</li>
 * </ul>
 */
package io.j8s.common.api;
