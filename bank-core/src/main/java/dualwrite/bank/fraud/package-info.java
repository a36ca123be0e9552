/** The fraud-detection service: an idempotent consumer of the bank's events. */
package dualwrite.bank.fraud;
