package dev.periscope.model.serde;

import dev.periscope.model.v1.HealthReport;

public class HealthReportDeserializer extends ProtobufDeserializer<HealthReport> {
    public HealthReportDeserializer() {
        super(HealthReport.parser());
    }
}
