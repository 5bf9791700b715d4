package io.j8s.controller.endpointslice;

import io.j8s.common.api.discovery.EndpointSlice;
import java.util.List;

/**
 * The writes that bring one Service's EndpointSlices to what its pods call for. Slices to create have no name yet
 * (their generateName is the Service's name and a dash); slices to update and delete are the cached ones, changed.
 */
record SlicePlan(List<EndpointSlice> toCreate, List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete) {

    SlicePlan {
        toCreate = List.copyOf(toCreate);
        toUpdate = List.copyOf(toUpdate);
        toDelete = List.copyOf(toDelete);
    }

    static SlicePlan deleting(List<EndpointSlice> slices) {
        return new SlicePlan(List.of(), List.of(), slices);
    }

    boolean isEmpty() {
        return toCreate.isEmpty() && toUpdate.isEmpty() && toDelete.isEmpty();
    }
}
