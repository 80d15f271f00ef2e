package io.hubfarm.dns;

import io.netty.handler.codec.dns.AbstractDnsOptPseudoRrRecord;

/** The OPT pseudo-record of a reply to an EDNS0 query (RFC 6891): the UDP payload size the responder takes. */
final class EdnsOpt extends AbstractDnsOptPseudoRrRecord {
    EdnsOpt(int udpPayloadSize) {
        super(udpPayloadSize);
    }
}
