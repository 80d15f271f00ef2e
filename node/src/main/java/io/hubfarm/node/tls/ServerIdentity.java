package io.hubfarm.node.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server certificate names: the cluster's DNS name (or, without one, the name of the node
 * that created the cluster) and the public addresses clients may use.
 */
public record ServerIdentity(String commonName, List<String> alternativeNames) {
    public ServerIdentity {
        alternativeNames = List.copyOf(alternativeNames);
    }

    public static ServerIdentity of(String clusterDnsName, String nodeName, List<String> publicHosts) {
        String cn = clusterDnsName == null || clusterDnsName.isBlank() ? nodeName : clusterDnsName;
        List<String> sans = new ArrayList<>();
        sans.add(cn);
        for (String host : publicHosts) {
            if (!host.isBlank() && !sans.contains(host)) {
                sans.add(host);
            }
        }
        return new ServerIdentity(cn, sans);
    }
}
