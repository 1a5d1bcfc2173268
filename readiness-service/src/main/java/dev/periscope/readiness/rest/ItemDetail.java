package dev.periscope.readiness.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ItemHistory;

/** One checklist item as it stands now, plus its recent changes (newest first). */
public record ItemDetail(@JsonUnwrapped ChecklistItem item, List<ItemHistory.Entry> history) {
}
