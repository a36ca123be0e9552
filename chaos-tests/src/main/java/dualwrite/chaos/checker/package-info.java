/** The checker: reads the truth after everything healed and settled, and returns a verdict. */
package dualwrite.chaos.checker;
