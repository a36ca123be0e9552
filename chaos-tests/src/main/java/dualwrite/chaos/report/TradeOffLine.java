package dualwrite.chaos.report;

record TradeOffLine(String scenario, String pair, TradeOffCell cell, String verdict) {}
