/**
 * Event sourcing: the bank's ledger entries are the events, and a gap-safe log relay publishes
 * them.
 */
package dualwrite.eventsourced;
