import Foundation
import RingfindBuild
import RingfindGraph

/// Writes a synthetic marketplace with planted broker rings, in the input contract.
///
/// **Background** (built so that naive rules fail): departments that mostly message inside
/// their teams; support staff who work tickets on a book of a few hundred vendors each;
/// trust-and-safety and analysts who delete reviews, restore accounts and export metrics —
/// with tickets; agencies and service firms legitimately paid by many vendors and in touch
/// with staff; relatives and contractors who pay employees; a little unticketed access by
/// honest staff.
///
/// **Rings**: a broker (an unlabelled external) is paid by several client vendors, pays or
/// messages a few insiders, who then touch those clients' data with sensitive actions, mostly
/// within days of the money moving. Camouflage adds mules (bribes relayed by an intermediary),
/// fronts (vendor money routed through another account), off-book bribes (messages only),
/// tickets on ring access, and brokers with ordinary busy lives.
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

    /// Writes `folder/data/{entities,communications,payments,access}.csv` and `folder/truth.csv`.
    @discardableResult
    public func write(to folder: String) throws -> [TruthRow] {
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var world = World(parameters)
        let entities = try CSVWriter(path: data + "/entities.csv")
        let communications = try CSVWriter(path: data + "/communications.csv")
        let payments = try CSVWriter(path: data + "/payments.csv")
        let access = try CSVWriter(path: data + "/access.csv")
        let sinks = EventSinks(communications: communications, payments: payments, access: access, start: world.start)
        try communications.row(["from", "to", "timestamp", "channel"])
        try payments.row(["from", "to", "amount", "timestamp", "currency"])
        try access.row(["employee", "action", "vendor", "resource", "timestamp", "ticket"])
        try world.writeBackground(sinks)
        let truth = try world.writeRings(sinks)
        try world.writeEntities(entities)
        for writer in [entities, communications, payments, access] { try writer.close() }
        let truthWriter = try CSVWriter(path: folder + "/truth.csv")
        try truthWriter.row(["entity_id", "ring_id", "role"])
        for row in truth {
            truthWriter.text(row.entity)
            writeNumber(truthWriter, row.ring)
            truthWriter.text(row.role)
            try truthWriter.endRow()
        }
        try truthWriter.close()
        return truth
    }

    private func writeNumber(_ writer: CSVWriter, _ value: Int) { writer.number(value) }
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

    func touch(_ employee: String, _ action: String, vendor: String, resource: String = "", at time: Int64, ticket: String) throws {
        access.text(employee)
        access.text(action)
        access.text(vendor)
        access.text(resource)
        access.text(Timestamp.iso8601(time))
        access.text(ticket)
        try access.endRow()
    }
}
