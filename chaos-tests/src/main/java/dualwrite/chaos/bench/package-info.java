/** The benchmark: recording throughput and latency, relay drain rate, delivery lag, start-up. */
package dualwrite.chaos.bench;
