package dualwrite.chaos.report;

/** A line of summary.md's trade-off table: a fault, a variant, its cell and its verdict. */
record TradeOffLine(String scenario, String pair, TradeOffCell cell, String verdict) {}
