/**
 * The workshop exercises' checks (docs/exercises), tagged {@code exercise}: each fails until its
 * exercise is solved. Run one with {@code -Pexercises -Dtest=Exercise01LoseAnEventTest}.
 */
package dualwrite.chaos.exercises;
