import Foundation
import RingfindCSV
import RingfindGraph
import RingfindIngest

/// The build's first stage: reads every input in `InputDiscovery`'s order into the entity
/// table and the event store, streaming each rejected row into the staged `rejected.csv`
/// (withheld values in a pseudonymised build) and keeping the first three for the summary.
///
/// Cost: linear in input bytes (one pass over each file; logs parsed on a second thread,
/// see `ParseAhead`). A `--max-rejects` stop salvages what was rejected as
/// `rejected-failed-build.csv`.
enum IngestStage {
    static let rejectedHeader = ["file", "line", "column", "field", "code", "reason", "row"]

    /// What was read.
    struct Tables {
        var entities: EntityTable
        var events: EventStore
        var mapping: MappingReport
        /// One per input, in reading order.
        var reports: [FileReport]
        /// The first rejected rows (at most three).
        var samples: [RowRejection]
    }

    static func run(
        _ inputs: [InputFile], options: BuildOptions, staging: OutputStaging,
        progress: ((String) -> Void)?
    ) throws(BuildError) -> Tables {
        let rejected = try writingCSV { () throws(CSVWriteError) in
            let writer = try CSVWriter(path: staging.stagedPath("rejected.csv"))
            try writer.row(rejectedHeader)
            return writer
        }
        var samples: [RowRejection] = []
        let withholding = options.pseudonymizer != nil
        var ingestor = Ingestor(policy: options.rejectPolicy, window: options.window) {
            (raw: RowRejection) throws(IngestError) in
            // A pseudonymised build records where and why a row was rejected, never its values.
            let rejection = withholding ? PseudonymStage.withheld(raw) : raw
            if samples.count < 3 { samples.append(rejection) }
            do {
                for cell in [
                    rejection.file, String(rejection.line), String(rejection.column), rejection.reason.field,
                    rejection.reason.code, withholding ? rejection.withheldReason : rejection.reason.description,
                    rejection.row,
                ] {
                    rejected.text(cell)
                }
                try rejected.endRow()
            } catch {
                throw .unreadableFile(file: rejection.file, reason: "cannot record a rejected row: \(error)")
            }
        }
        var reports: [FileReport] = []
        for input in inputs {
            let size = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
            if let progress {
                let name = (input.path as NSString).lastPathComponent
                progress("reading \(name)")
                ingestor.onProgress = { bytes in
                    progress("reading \(name): \(size > 0 ? min(100, bytes * 100 / size) : 0)%")
                }
            }
            do {
                reports.append(try ingestor.ingest(input))
            } catch {
                try? rejected.close()
                if case .tooManyRejects = error {
                    throw .rejectsExceeded(
                        error, rejectedFile: staging.salvage("rejected.csv", as: "rejected-failed-build.csv"))
                }
                if withholding, case .strictRejection(let rejection) = error {
                    throw .input(.strictRejection(PseudonymStage.withheld(rejection)))
                }
                throw .input(error)
            }
        }
        try writingCSV { () throws(CSVWriteError) in try rejected.close() }
        let (entities, events, mapping) = ingestor.finishWithMapping()
        return Tables(entities: entities, events: events, mapping: mapping, reports: reports, samples: samples)
    }
}
