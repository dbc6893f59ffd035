import Foundation
import RingfindGraph
import TestSupport

@testable import RingfindSynthesis

/// A CSV file written by the generator (no quoting is ever needed in them), by column name.
struct Table: Sendable {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        header = lines.first ?? []
        rows = Array(lines.dropFirst())
    }

    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
    func values(_ name: String) -> [String] {
        let c = column(name)
        return rows.map { $0[c] }
    }
}

/// A payment or message: who, whom, how much, when (in days since the logs start).
struct Flow: Sendable {
    var from: String
    var to: String
    var amount: Double
    var day: Double
}

/// Days since 2025-01-01 of a timestamp the generator writes (`2025-03-16T09:08:11.114Z`).
func day(of timestamp: String) -> Double {
    let parts = timestamp.split(whereSeparator: { "-T:Z".contains($0) }).map { Double($0)! }
    let days =
        Timestamp.daysSinceEpoch(year: Int64(parts[0]), month: Int64(parts[1]), day: Int64(parts[2]))
        - Timestamp.daysSinceEpoch(year: 2025, month: 1, day: 1)
    return Double(days) + (parts[3] * 3600 + parts[4] * 60 + parts[5]) / 86_400
}

/// A generated world, written to a temporary folder and read back.
struct GeneratedSample: Sendable {
    let folder: TemporaryFolder
    let written: WorldGenerator.Written
    let entities: Table
    let communications: Table
    let payments: Table
    let access: Table
    let truth: Table

    static func make(
        _ style: RingStyle, rings: Int = 6, camouflage: Camouflage = .heavy, seed: UInt64 = 7, entities: Int = 1000,
        decoys: Bool? = nil, without: Set<RingBehaviour> = []
    ) throws -> GeneratedSample {
        var parameters = WorldParameters(
            entities: entities, events: 20 * entities, rings: rings, camouflage: camouflage, seed: seed)
        parameters.style = style
        parameters.decoys = decoys ?? style.isMarketplace
        parameters.without = without
        let folder = TemporaryFolder("ringfind-world")
        let written = try WorldGenerator(parameters).write(to: folder.path)
        func table(_ name: String) -> Table { Table(folder.read(name)!) }
        return GeneratedSample(
            folder: folder, written: written, entities: table("data/entities.csv"),
            communications: table("data/communications.csv"), payments: table("data/payments.csv"),
            access: table("data/access.csv"), truth: table("truth.csv"))
    }

    /// Every file the generator wrote, by path under the folder.
    func files() -> [String: Data] {
        var files: [String: Data] = [:]
        for name in [
            "data/entities.csv", "data/communications.csv", "data/payments.csv", "data/access.csv",
            "truth.csv", "planted.csv", "decoys.csv",
        ] where folder.exists(name) {
            files[name] = FileManager.default.contents(atPath: folder.path + "/" + name)
        }
        return files
    }

    var paymentFlows: [Flow] { flows(payments, amount: true) }
    var messageFlows: [Flow] { flows(communications, amount: false) }

    private func flows(_ table: Table, amount: Bool) -> [Flow] {
        let (f, t, ts) = (table.column("from"), table.column("to"), table.column("timestamp"))
        let a = amount ? table.column("amount") : nil
        return table.rows.map { row in
            Flow(from: row[f], to: row[t], amount: a.map { Double(row[$0])! } ?? 0, day: day(of: row[ts]))
        }
    }

    /// Access rows as (employee, action, vendor, day, ticket).
    var accessRows: [(employee: String, action: String, vendor: String, day: Double, ticket: String)] {
        let (e, a, v, ts, t) = (
            access.column("employee"), access.column("action"), access.column("vendor"), access.column("timestamp"),
            access.column("ticket")
        )
        return access.rows.map { ($0[e], $0[a], $0[v], day(of: $0[ts]), $0[t]) }
    }

    var groupOf: [String: String] {
        let (i, g) = (entities.column("id"), entities.column("group"))
        return Dictionary(uniqueKeysWithValues: entities.rows.map { ($0[i], $0[g]) })
    }

    var truthIDs: Set<String> { Set(truth.values("entity_id")) }
}

/// Worlds shared by the tests (each generated once).
enum Samples {
    static let mixed = try! GeneratedSample.make(.mixed, rings: 12)
    static let timed = try! GeneratedSample.make(.timed)
    static let retainer = try! GeneratedSample.make(.retainer)
    static let offbook = try! GeneratedSample.make(.offbook)
    static let noRings = try! GeneratedSample.make(.mixed, rings: 0)
}
