/** The lab's command line: list, run, compare, replay, explore, bench and env. */
package dualwrite.chaos.cli;
