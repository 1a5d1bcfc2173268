package dev.periscope.readiness.rest;

import java.util.List;

import dev.periscope.readiness.dr.DrillRecord;

/** Drill runs, newest first, and the last passing run. */
public record DrillsResponse(DrillRecord lastPassed, List<DrillRecord> drills) {
}
