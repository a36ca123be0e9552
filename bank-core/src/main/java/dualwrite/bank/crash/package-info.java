/** Crash points: named places where the harness can make a component die as if killed. */
package dualwrite.bank.crash;
