package dev.periscope.model.serde;

import dev.periscope.model.v1.HealthReport;

public class HealthReportSerializer extends ProtobufSerializer<HealthReport> {
}
