/**
 * The environment: real PostgreSQL, a real Kafka broker and the fault proxy, with every link of
 * every component behind its own proxy.
 */
package dualwrite.chaos.env;
