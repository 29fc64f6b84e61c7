package io.zapconnect.cluster;

import java.io.IOException;

/**
 * The cluster test bed for the benchmark (bench/cluster.py): starts it, says {@code READY} with its
 * URLs, and stops it when its standard input closes.
 */
public final class ClusterMain {

    private ClusterMain() {
    }

    public static void main(String[] args) throws IOException {
        Cluster cluster = Cluster.get();
        System.out.println("READY " + cluster.url("") + " " + cluster.emulator());
        System.out.flush();
        while (System.in.read() != -1) {
            // until the benchmark closes our input; the shutdown hook stops the servers
        }
        System.exit(0);
    }
}
