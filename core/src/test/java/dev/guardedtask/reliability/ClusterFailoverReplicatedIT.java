package dev.guardedtask.reliability;

/**
 * {@link ClusterFailoverIT} with guards that wait for their replica ({@code waitForReplicas(1, 500 ms)}): the
 * promoted replica has every lock and fencing counter an acquire returned with, so no token is handed out twice.
 */
class ClusterFailoverReplicatedIT extends ClusterFailoverIT {

    @Override
    int replicas() {
        return 1;
    }

    @Override
    String topology() {
        return "Cluster, waitForReplicas(1, 500 ms)";
    }
}
