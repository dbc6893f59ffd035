import Foundation
import RingfindCSV
import RingfindGraph

/// Writes a synthetic marketplace with planted broker rings, in the input contract.
///
/// Two worlds, chosen by `parameters.style`:
///
/// **Classic** (`World`, the default, fixed byte for byte): departments that mostly message
/// inside their teams; support staff who work tickets on a book of vendors; agencies and service
/// firms paid by many vendors; relatives and contractors who pay employees; a little unticketed
/// access. A broker is paid by client vendors, pays or messages insiders, who touch those
/// clients' data within days of the money moving. Camouflage adds mules, fronts, off-book
/// bribes, tickets on ring access and brokers with busy ordinary lives.
///
/// **Marketplace** (`Marketplace`, the styles timed, retainer, offbook and mixed): vendors in
/// markets, employees with their own no-ticket rates and workloads, sessions and sweeps under one
/// ticket. Rings pay insiders per job, by retainer or not at all, and do own, rival and bulk
/// jobs; brokers may switch accounts; insiders may be idle recruits or busy staff; clients may
/// pay once; rings may share a client; each ring tickets its jobs at its own rate. Decoys add
/// honest look-alikes that are never ring members.
///
/// Ids are random 8-character hex strings for every kind, so nothing about an id reveals a
/// role. The same parameters give the same files, byte for byte.
public struct WorldGenerator {
    public let parameters: WorldParameters

    public init(_ parameters: WorldParameters) { self.parameters = parameters }

    /// One member of a planted ring, for `truth.csv`.
    public struct TruthRow: Sendable, Equatable {
        public var entity: String
        public var ring: Int
        public var role: String
    }

    /// One member of a decoy, for `decoys.csv`: innocent, never in `truth.csv`.
    public struct DecoyRow: Sendable, Equatable {
        public var entity: String
        public var decoy: Int
        public var kind: String
        public var role: String
    }

    /// What a world holds besides its event files.
    public struct Written: Sendable {
        /// The rows of `truth.csv`: every ring's broker accounts, intermediaries, insiders, clients.
        public var truth: [TruthRow]
        /// The rows of `decoys.csv` (empty without decoys).
        public var decoys: [DecoyRow]
        /// What each ring of a marketplace style did (empty for the classic style).
        public var rings: [PlantedRing]
    }

    /// Writes `folder/data/{entities,communications,payments,access}.csv` and `folder/truth.csv`;
    /// in a marketplace style also `folder/planted.csv` (each ring's style, accounts, insiders
    /// and jobs) and, with decoys, `folder/decoys.csv`.
    ///
    /// - Throws: `SynthesisError` for decoys or `without` in the classic style; `CSVWriteError`
    ///   when a file cannot be written.
    @discardableResult
    public func write(to folder: String) throws -> Written {
        if !parameters.style.isMarketplace {
            if parameters.decoys { throw SynthesisError.needsMarketplaceStyle(option: "--decoys") }
            if !parameters.without.isEmpty { throw SynthesisError.needsMarketplaceStyle(option: "--without") }
        }
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let entities = try CSVWriter(path: data + "/entities.csv")
        let communications = try CSVWriter(path: data + "/communications.csv")
        let payments = try CSVWriter(path: data + "/payments.csv")
        let access = try CSVWriter(path: data + "/access.csv")
        let start = Timestamp.daysSinceEpoch(year: 2025, month: 1, day: 1) * 86_400_000
        let sinks = EventSinks(communications: communications, payments: payments, access: access, start: start)
        try communications.row(["from", "to", "timestamp", "channel"])
        try payments.row(["from", "to", "amount", "timestamp", "currency"])
        try access.row(["employee", "action", "vendor", "resource", "timestamp", "ticket"])
        var written = Written(truth: [], decoys: [], rings: [])
        if parameters.style.isMarketplace {
            var world = Marketplace(parameters)
            try world.writeBackground(sinks)
            (written.truth, written.rings) = try world.writeRings(sinks)
            if parameters.decoys { written.decoys = try world.writeDecoys(sinks) }
            try world.roster.write(entities, using: &world.rng)
        } else {
            var world = World(parameters)
            try world.writeBackground(sinks)
            written.truth = try world.writeRings(sinks)
            try world.writeEntities(entities)
        }
        for writer in [entities, communications, payments, access] { try writer.close() }
        try writeTable(folder + "/truth.csv", ["entity_id", "ring_id", "role"], written.truth) { w, row in
            w.text(row.entity)
            w.number(row.ring)
            w.text(row.role)
        }
        if parameters.style.isMarketplace {
            try writeTable(folder + "/planted.csv", PlantedRing.header, written.rings) { w, ring in ring.write(w) }
        }
        if parameters.decoys {
            try writeTable(folder + "/decoys.csv", ["entity_id", "decoy_id", "kind", "role"], written.decoys) {
                w, row in
                w.text(row.entity)
                w.number(row.decoy)
                w.text(row.kind)
                w.text(row.role)
            }
        }
        return written
    }

    private func writeTable<Row>(_ path: String, _ header: [String], _ rows: [Row], _ cells: (CSVWriter, Row) -> Void)
        throws
    {
        let writer = try CSVWriter(path: path)
        try writer.row(header)
        for row in rows {
            cells(writer, row)
            try writer.endRow()
        }
        try writer.close()
    }
}

/// The three event files and the clock.
struct EventSinks {
    let communications: CSVWriter
    let payments: CSVWriter
    let access: CSVWriter
    /// Milliseconds of day 0.
    let start: Int64

    func message(_ from: String, _ to: String, at time: Int64, _ channel: String) throws {
        communications.text(from)
        communications.text(to)
        communications.text(Timestamp.iso8601(time))
        communications.text(channel)
        try communications.endRow()
    }

    func pay(_ from: String, _ to: String, _ amount: Double, at time: Int64) throws {
        payments.text(from)
        payments.text(to)
        payments.number((amount * 100).rounded() / 100)
        payments.text(Timestamp.iso8601(time))
        payments.text("EUR")
        try payments.endRow()
    }

    func touch(
        _ employee: String, _ action: String, vendor: String, resource: String = "", at time: Int64, ticket: String
    ) throws {
        access.text(employee)
        access.text(action)
        access.text(vendor)
        access.text(resource)
        access.text(Timestamp.iso8601(time))
        access.text(ticket)
        try access.endRow()
    }
}
