/**
 * An embeddable TCP fault proxy that speaks Toxiproxy's HTTP control API: faults are toxics, named
 * per-direction transformations of a connection's byte stream, set and removed through that API.
 */
package dualwrite.faultproxy;
