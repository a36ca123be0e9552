/** The naive dual write: one piece of code writes to PostgreSQL and to Kafka, in some order. */
package dualwrite.naive;
