/**
 * TLS for the VPN listeners: the cluster CA and server certificate kept in the database with their
 * keys sealed by the cluster secret, which lives in a file outside the database.
 */
package io.hubfarm.node.tls;
