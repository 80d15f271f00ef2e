package io.hubfarm.node.tls;

import io.hubfarm.node.config.ConfigException;
import io.hubfarm.node.config.NodeConfig;
import io.hubfarm.node.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this node's cluster secret comes from. A configured file must exist. Without one the data
 * directory's {@code cluster-secret} is used, and generated only for a new cluster (no certificates
 * yet): a node joining an existing cluster must be given the first node's file, never a fresh one.
 */
public final class ClusterSecretLocation {
    public static final String DEFAULT_FILE = "cluster-secret";

    private ClusterSecretLocation() {
    }

    public static ClusterSecret resolve(NodeConfig config, boolean clusterHasCertificates) {
        if (config.clusterSecretFile().isPresent()) {
            Path file = config.clusterSecretFile().get();
            if (!Files.exists(file)) {
                throw new ConfigException("cluster secret file " + file + " (" + Setting.CLUSTER_SECRET_FILE.names()
                        + ") does not exist: copy it from the node that created the cluster");
            }
            return ClusterSecret.load(file);
        }
        Path file = config.dataDir().resolve(DEFAULT_FILE);
        if (Files.exists(file)) {
            return ClusterSecret.load(file);
        }
        if (clusterHasCertificates) {
            throw new ConfigException("this cluster's keys are sealed with a cluster secret this node does not have: "
                    + "copy the file " + DEFAULT_FILE + " from the data directory of the node that created the cluster "
                    + "and pass it with " + Setting.CLUSTER_SECRET_FILE.names());
        }
        return ClusterSecret.generate(file);
    }
}
