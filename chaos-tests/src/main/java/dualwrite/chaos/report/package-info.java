/**
 * The report: reads every run folder under a runs directory and writes index.html, a page per run,
 * results.json and summary.md, with charts drawn by XChart.
 *
 * <h2>bench.json</h2>
 *
 * <p>The benchmark leaves its figures in {@code bench.json}, in the runs directory or its parent;
 * the report shows them next to the lag the checker measured. Every figure may be missing or null.
 *
 * <pre>{@code
 * {
 *   "schema": 1,
 *   "generatedAt": "2026-11-27T10:00:00Z",        // when the benchmark ran
 *   "environment": "embedded, 2 cores",            // where, in a phrase
 *   "steadyRatePerSecond": 200,                    // the rate end-to-end lag is measured at
 *   "baseline": {                                  // the bank recording alone, no event at all
 *     "throughputPerSecond": 1850.0, "p50Ms": 1.1, "p99Ms": 4.2
 *   },
 *   "variants": [
 *     {
 *       "strategy": "outbox", "variant": "polling",
 *       "recording": {                             // recording at full speed: tx/s and latency
 *         "throughputPerSecond": 1420.0, "p50Ms": 1.6, "p99Ms": 6.3
 *       },
 *       "relayDrainPerSecond": 5200.0,             // events/s the relay drains a backlog at; null without a relay
 *       "endToEndLag": { "p50Ms": 120.0, "p99Ms": 310.0 }   // commit to fraud check at the steady rate
 *     }
 *   ]
 * }
 * }</pre>
 */
package dualwrite.chaos.report;
