/** The history: every client and nemesis operation as invoke, then ok, fail or info. */
package dualwrite.chaos.history;
