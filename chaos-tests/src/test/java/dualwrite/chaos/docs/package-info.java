/**
 * Checks that keep the teaching material true: snippets match their regions, links resolve, shown
 * commands parse, the catalogue table matches the catalogue.
 */
package dualwrite.chaos.docs;
