/**
 * The docs' claims about Linux and Java that no conformance test covers, each proved here on the backend it is
 * about: the glossary's unused local address, S-02's SO_PASSCRED remark, a datagram queued before connect(),
 * Java's flush of it, S-06 on a TCP socket, and the privilege S-14 speaks of.
 */
package dev.connectkit.claims;
