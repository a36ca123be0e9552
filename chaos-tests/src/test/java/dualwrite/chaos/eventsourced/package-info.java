/** The event-sourced strategy's claims, each checked on real PostgreSQL and Kafka. */
package dualwrite.chaos.eventsourced;
