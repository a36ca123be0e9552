/** The runner: runs a scenario against a strategy variant and leaves a folder with the verdict. */
package dualwrite.chaos.run;
