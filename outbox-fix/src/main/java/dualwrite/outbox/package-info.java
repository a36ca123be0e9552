/**
 * The transactional outbox: the bank writes the event in the same database transaction as the
 * ledger, and a relay (polling or change data capture) publishes it to Kafka at least once.
 */
package dualwrite.outbox;
