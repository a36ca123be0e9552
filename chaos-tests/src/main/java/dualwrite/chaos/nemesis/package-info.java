/**
 * The nemesis: network faults through the Toxiproxy API, crashes at crash points, server faults.
 */
package dualwrite.chaos.nemesis;
