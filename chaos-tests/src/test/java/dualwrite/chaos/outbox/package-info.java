/** The outbox strategy's chaos suite: real PostgreSQL and Kafka, faults on each link, crashes. */
package dualwrite.chaos.outbox;
