/**
 * Property-based chaos: generated scenarios, named properties, and a shrinker that runs for real.
 */
package dualwrite.chaos.property;
