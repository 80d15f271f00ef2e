/** The cluster's round-robin DNS: an authoritative responder, zone export and RFC 2136 updates. */
package io.hubfarm.dns;
