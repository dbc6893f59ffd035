import Foundation
import RingfindBuild

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func run(rows: Int, seed: UInt64, workFolder: String, repeats: Int,
                           log: (String) -> Void) throws -> [Measurement] {
        let input = workFolder + "/input-\(rows)-\(seed)"
        let marker = input + "/.complete"
        if !FileManager.default.fileExists(atPath: marker) {
            log("generating \(rows) rows into \(input) …")
            let started = Date()
            try? FileManager.default.removeItem(atPath: input)
            try SyntheticLogs(rows: rows, seed: seed).write(to: input)
            FileManager.default.createFile(atPath: marker, contents: Data())
            log(String(format: "generated in %.1f s", Date().timeIntervalSince(started)))
        }
        let bytes = ["communications.csv", "payments.csv", "access.csv"].reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: input + "/" + $1)[.size] as? Int) ?? 0)
        }
        var measurements: [Measurement] = []
        for _ in 0..<repeats {
            let options = BuildOptions(inputFolder: input, outputFolder: workFolder + "/output", rejectPolicy: .standard,
                                       commandLine: ["ringfind", "bench", "ingest"])
            let result = try BuildPipeline.run(options)
            measurements.append(Measurement(
                rows: result.manifest.totals.rowsRead, inputBytes: bytes,
                stages: result.manifest.stageSeconds.map { ($0.stage, $0.seconds) },
                totalSeconds: result.manifest.totalSeconds, peakResidentBytes: peakResidentBytes()))
        }
        return measurements
    }

    /// The process's peak resident set size so far (Linux reports kilobytes, macOS bytes).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }
}
