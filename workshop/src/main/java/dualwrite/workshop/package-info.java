/**
 * Build it yourself: three classes a workshop learner writes, each with its contract in its Javadoc
 * and nothing done. {@code ./lab grade relay|inbox|cursor} runs the class through every fault of
 * the catalogue that applies and through generated scenarios, measures it, and prints a scoreboard.
 *
 * <ul>
 *   <li>{@link dualwrite.workshop.OutboxRelay}: the outbox's polling relay (exercise 9);
 *   <li>{@link dualwrite.workshop.FraudInbox}: the fraud service's inbox (exercise 10);
 *   <li>{@link dualwrite.workshop.LedgerCursor}: the event-sourced relay's cursor (exercise 11).
 * </ul>
 *
 * <p>The exercises are in {@code docs/exercises/09-build-the-relay.md} and the two pages after it.
 */
package dualwrite.workshop;
