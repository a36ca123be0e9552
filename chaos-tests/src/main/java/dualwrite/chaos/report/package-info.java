/**
 * The report: reads every run folder under a runs directory and writes index.html, a page per run,
 * results.json and summary.md, with charts drawn by XChart.
 *
 * <h2>bench.json</h2>
 *
 * <p>{@code ./lab bench} leaves its figures in {@code bench.json} (the JSON form of {@link
 * dualwrite.chaos.bench.BenchResults}), in the runs directory or its parent; the report shows them
 * next to the lag the checker measured. Every figure may be missing or null.
 */
package dualwrite.chaos.report;
