/** The workload: clients that send the scenario's transactions to the bank, concurrently. */
package dualwrite.chaos.workload;
