import Foundation
import RingfindBuild

/// `ringfind bench ingest`: times a whole build of a generated input folder, stage by stage,
/// and reports peak memory. The input is generated once per (rows, seed) and reused.
public enum IngestBenchmark {
    /// One measured run.
    public struct Measurement {
        public var rows: Int
        public var inputBytes: Int
        public var stages: [(String, Double)]
        public var totalSeconds: Double
        public var peakResidentBytes: Int
    }

    /// Generates (if needed) and builds `rows` rows in `workFolder`, `repeats` times.
    public static func run(
        rows: Int, seed: UInt64, workFolder: String, repeats: Int,
        log: (String) -> Void
    ) throws -> [Measurement] {
        let input = workFolder + "/input-\(rows)-\(seed)"
        try GeneratedInput.prepare(input, what: "\(rows) rows", log: log) {
            try SyntheticLogs(rows: rows, seed: seed).write(to: input)
        }
        let bytes = GeneratedInput.bytes(in: input, files: ["communications.csv", "payments.csv", "access.csv"])
        var measurements: [Measurement] = []
        for _ in 0..<repeats {
            let options = BuildOptions(
                inputFolder: input, outputFolder: workFolder + "/output", rejectPolicy: .standard,
                commandLine: ["ringfind", "bench", "ingest"])
            let result = try BuildPipeline.run(options)
            measurements.append(
                Measurement(
                    rows: result.manifest.totals.rowsRead, inputBytes: bytes,
                    stages: result.manifest.stageSeconds.map { ($0.stage, $0.seconds) },
                    totalSeconds: result.manifest.totalSeconds, peakResidentBytes: ProcessUsage.peakResidentBytes()))
        }
        return measurements
    }
}
