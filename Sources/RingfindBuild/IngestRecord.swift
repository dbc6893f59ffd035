import Foundation
import RingfindIngest

/// What reading the inputs recorded besides the tables: for `build.json` and the summary.
public struct IngestRecord: Sendable {
    /// One report per input file read, in reading order.
    public var inputs: [FileReport]
    /// Files in the input folder that are not inputs.
    public var ignoredFiles: [String]
    /// What the mapping files (`aliases`, `resources`) did.
    public var mapping: MappingReport
    /// The first few rejected rows (withheld in a pseudonymised build), for the summary.
    public var sampleRejections: [RowRejection]

    public init(inputs: [FileReport], ignoredFiles: [String], mapping: MappingReport, sampleRejections: [RowRejection])
    {
        self.inputs = inputs
        self.ignoredFiles = ignoredFiles
        self.mapping = mapping
        self.sampleRejections = sampleRejections
    }

    /// Row accounting over all inputs.
    public var totals: BuildManifest.Totals {
        .init(
            rowsRead: inputs.reduce(0) { $0 + $1.rowsRead }, rowsAccepted: inputs.reduce(0) { $0 + $1.rowsAccepted },
            rowsRejected: inputs.reduce(0) { $0 + $1.rowsRejected },
            rowsOutsideWindow: inputs.reduce(0) { $0 + $1.rowsOutsideWindow })
    }

    /// Whether an aliases or resources file was read (then `build.json` records `mapping`).
    public var readMappingFiles: Bool {
        inputs.contains { $0.kind == InputKind.aliases.rawValue || $0.kind == InputKind.resources.rawValue }
    }

    /// Inputs that did not stop the build but look wrong: a file with bytes and no rows.
    public var warnings: [String] {
        inputs.filter { $0.bytes > 0 && $0.rowsRead == 0 }.map {
            "\(($0.path as NSString).lastPathComponent) has \($0.bytes) bytes but no rows (only a header?)"
        }
    }
}
