/**
 * Scenarios: a seed and a list of steps (record, inject, heal, crash, restart, wait) that tell a
 * story.
 */
package dualwrite.chaos.scenario;
