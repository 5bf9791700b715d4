package io.j8s.scheduler.schedule;

/** The outcome of one pod's scheduling cycle: a node, or a {@link FitError} saying why none fits. */
public sealed interface ScheduleResult permits ScheduleResult.Scheduled, FitError {

    /**
     * @param node           the chosen node
     * @param evaluatedNodes how many nodes were filtered
     * @param feasibleNodes  how many of them passed every filter
     */
    record Scheduled(String node, int evaluatedNodes, int feasibleNodes) implements ScheduleResult {
    }
}
