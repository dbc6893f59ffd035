import Foundation
import GRDB
import GRDBSQLite

import enum RingfindGraph.NumberText

/// A case file opened read-only, for `ringfind query`.
public final class CaseStore: @unchecked Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// The build id the case file records.
    public let buildID: String

    /// Opens `folder/case.sqlite`; fails clearly if it is missing, of another format, or not
    /// from the same build as `folder/build.json`.
    ///
    /// First finishes or undoes a publish that was interrupted, then opens the case under the
    /// shared `case.lock` (waiting up to `wait` seconds for a running publish). The open file
    /// stays readable and unchanged when a later build publishes a new case over it.
    public init(folder: String, wait: Double = 60) throws(CaseError) {
        path = folder + "/case.sqlite"
        let caseFolder = CaseFolder(path: folder)
        var lock: FileLock? = nil
        do throws(CaseFolderError) {
            for attempt in 0..<3 {
                try CasePublisher.recover(caseFolder)
                lock = try caseFolder.lock(.publication, exclusive: false, create: false, wait: wait)
                // A publish that crashed between the recovery and the lock is recovered again.
                guard CasePublisher.isPending(caseFolder) else { break }
                lock = nil
                if attempt == 2 { throw CaseFolderError.publishing(path: folder, seconds: wait) }
            }
        } catch {
            throw .folder(error)
        }
        defer { withExtendedLifetime(lock) {} }
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let (format, id) = try queue.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT value FROM manifest WHERE key = 'case_format'"),
                    try String.fetchOne(db, sql: "SELECT value FROM manifest WHERE key = 'build_id'")
                )
            }
            guard format == CaseSchema.version else { throw CaseError.stale(path: path, found: format ?? "unknown") }
            buildID = id ?? ""
        } catch let error as CaseError {
            throw error
        } catch {
            throw .database(path: path, message: "\(error)")
        }
        let manifestID = CaseStore.manifestBuildID(folder + "/build.json")
        guard manifestID == buildID, !buildID.isEmpty else {
            throw .mixed(path: folder, caseFile: buildID, manifest: manifestID ?? "")
        }
    }

    /// A number as SQL results show it: whole numbers without a decimal point, others in the
    /// shortest form that reads back as the same double (`1234567.891`, `0.1`, `1e-07`).
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        return NumberText.shortest(value)
    }

    /// The `build_id` of a `build.json`, or `nil`.
    static func manifestBuildID(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["build_id"] as? String
    }

    /// Runs a read-only query; refuses statements that would write.
    public func rows(_ sql: String, _ arguments: [DatabaseValueConvertible?] = []) throws(CaseError) -> (
        columns: [String], rows: [[String]]
    ) {
        do {
            return try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                guard statement.isReadonly else {
                    throw CaseError.database(path: path, message: "only reading statements are allowed")
                }
                let columns = statement.columnNames
                let rows = try Row.fetchAll(statement, arguments: StatementArguments(arguments)).map { row in
                    (0..<row.count).map { i -> String in
                        let value = row[i] as DatabaseValue
                        switch value.storage {
                        case .null: return ""
                        case .int64(let v): return String(v)
                        case .double(let v): return CaseStore.text(v)
                        case .string(let v): return v
                        case .blob(let data): return "<\(data.count) bytes>"
                        }
                    }
                }
                return (columns, rows)
            }
        } catch let error as CaseError {
            throw error
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }
}
