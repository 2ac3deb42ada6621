package dev.guardedtask.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependencies of a task chain's steps, checked and ordered: every dependency declared, no cycle.
 * The order is topological, ties broken by declaration order, so it is the same for the same input.
 */
public final class StepGraph {

    private final Map<String, List<String>> dependencies;

    /** @param dependencies each step id to its dependency ids, in declaration order */
    public StepGraph(Map<String, List<String>> dependencies) {
        this.dependencies = new LinkedHashMap<>(dependencies);
        dependencies.forEach(this::checkKnown);
        List<String> cycle = findCycle();
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("TaskChain: steps depend on each other in a cycle (each depends on the next): "
                    + String.join(" -> ", cycle) + ". Remove one of these dependencies.");
        }
    }

    /** Step ids in the order they run sequentially: each time, the first declared step whose dependencies ran. */
    public List<String> order() {
        List<String> order = new ArrayList<>(dependencies.size());
        Set<String> ran = new HashSet<>();
        while (order.size() < dependencies.size()) {
            String next = dependencies.entrySet().stream()
                    .filter(step -> !ran.contains(step.getKey()) && ran.containsAll(step.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(); // there is one: the graph has no cycle
            order.add(next);
            ran.add(next);
        }
        return order;
    }

    private void checkKnown(String id, List<String> dependsOn) {
        List<String> unknown = dependsOn.stream().filter(d -> !dependencies.containsKey(d)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "TaskChain: step '%s' depends on unknown step%s %s; declare %s with step(...) first. "
                            + "Known steps: %s.", id, unknown.size() > 1 ? "s" : "", unknown,
                    unknown.size() > 1 ? "them" : "it", dependencies.keySet()));
        }
    }

    /** A cycle as a path that starts and ends on the same id, or empty. Depth-first, in declaration order. */
    private List<String> findCycle() {
        Map<String, Boolean> done = new HashMap<>(); // false: on the current path, true: finished
        for (String start : dependencies.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = visit(start, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String id, Deque<String> path, Map<String, Boolean> done) {
        Boolean state = done.get(id);
        if (Boolean.TRUE.equals(state)) {
            return List.of();
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> onPath = new ArrayList<>(path);
            List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(id), onPath.size()));
            cycle.add(id);
            return cycle;
        }
        done.put(id, false);
        path.addLast(id);
        for (String dependency : dependencies.get(id)) {
            List<String> cycle = visit(dependency, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.removeLast();
        done.put(id, true);
        return List.of();
    }
}
