package dev.guardedtask.internal;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepGraphTest {

    /** Step ids and their dependencies, in declaration order: {@code graph("a", "", "b", "a")}. */
    private static Map<String, List<String>> graph(String... idsAndDependencies) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (int i = 0; i < idsAndDependencies.length; i += 2) {
            String dependencies = idsAndDependencies[i + 1];
            graph.put(idsAndDependencies[i], dependencies.isEmpty() ? List.of() : List.of(dependencies.split(",")));
        }
        return graph;
    }

    @Test
    void independentStepsKeepTheirDeclarationOrder() {
        assertThat(new StepGraph(graph("c", "", "a", "", "b", "")).order()).containsExactly("c", "a", "b");
    }

    @Test
    void eachTimeTheFirstDeclaredStepWhoseDependenciesRanComesNext() {
        assertThat(new StepGraph(graph("d", "b,c", "c", "a", "b", "a", "a", "")).order())
                .containsExactly("a", "c", "b", "d");
        assertThat(new StepGraph(graph("z", "y", "y", "x", "x", "")).order()).containsExactly("x", "y", "z");
    }

    @Test
    void oneUnknownDependencyIsNamedInTheSingular() {
        assertThatThrownBy(() -> new StepGraph(graph("a", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step 'a' depends on unknown step [x]; declare it with step(...) first. "
                        + "Known steps: [a].");
    }

    @Test
    void severalUnknownDependenciesAreNamedInThePlural() {
        assertThatThrownBy(() -> new StepGraph(graph("a", "", "b", "a,x,y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: step 'b' depends on unknown steps [x, y]; declare them with step(...) first. "
                        + "Known steps: [a, b].");
    }

    @Test
    void aCycleIsReportedAsItsPathFromTheFirstStepOnIt() {
        assertThatThrownBy(() -> new StepGraph(graph("free", "", "a", "free,b", "b", "c", "c", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TaskChain: steps depend on each other in a cycle (each depends on the next): "
                        + "a -> b -> c -> a. Remove one of these dependencies.");
    }

    @Test
    void aCycleReachedFromAnAcyclicStepStartsWhereItCloses() {
        assertThatThrownBy(() -> new StepGraph(graph("entry", "a", "a", "b", "b", "a")))
                .hasMessageContaining("cycle (each depends on the next): a -> b -> a.");
    }

    @Test
    void aDiamondSharesADependencyWithoutBeingACycle() {
        StepGraph diamond = new StepGraph(graph("a", "", "b", "a", "c", "a", "d", "b,c", "e", "d,a"));

        assertThat(diamond.order()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void theGraphIsCopied() {
        Map<String, List<String>> graph = graph("a", "");
        StepGraph steps = new StepGraph(graph);
        graph.put("b", List.of());

        assertThat(steps.order()).containsExactly("a");
    }
}
