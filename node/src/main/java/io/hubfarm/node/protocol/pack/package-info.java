/**
 * SoftEther's PACK serialization (spec §2): the named, typed key/value message that carries every
 * negotiation step, admin RPC call and cluster task.
 *
 * <p>{@link io.hubfarm.node.protocol.pack.Pack} is the immutable message, built with
 * {@link io.hubfarm.node.protocol.pack.PackBuilder} and read with typed getters: a getter names the
 * type it expects and a value of another type reads as absent, as in SoftEther. Decoding is strict and
 * bounded by {@link io.hubfarm.node.protocol.pack.PackLimits}; anything malformed is a
 * {@link io.hubfarm.node.protocol.pack.PackFormatException}.
 */
package io.hubfarm.node.protocol.pack;
