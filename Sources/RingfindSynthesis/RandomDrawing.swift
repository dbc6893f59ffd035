import Foundation
import RingfindCSV
import RingfindGraph

/// Draws shared by every synthetic world: all from one seeded generator, so that a world is a
/// function of its parameters alone.
protocol RandomDrawing {
    var rng: SplitMix64 { get set }
}

extension RandomDrawing {
    /// A uniform element of a non-empty pool.
    mutating func pick(_ pool: [Int]) -> Int { pool[rng.below(pool.count)] }
    mutating func chance(_ p: Double) -> Bool { rng.unit() < p }
    /// A log-normal amount with the given median (σ = 0.6).
    mutating func amount(median: Double) -> Double { median * exp(0.6 * normal()) }
    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u = max(rng.unit(), 1e-12), v = rng.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
    mutating func ticket() -> String { "T-\(100_000 + rng.below(9_000_000))" }
}

/// Every entity of a world: id, kind, name and group, by dense index.
struct EntityRoster {
    var ids: [String] = []
    var kinds: [String] = []
    var names: [String] = []
    var groups: [String] = []
    private var usedIDs = Set<String>()

    /// Adds an entity with a fresh random 8-digit hex id; returns its index.
    mutating func add(kind: String, name: String, group: String, using rng: inout SplitMix64) -> Int {
        var id: String
        repeat {
            id = String(rng.next() & 0xFFFF_FFFF, radix: 16)
            id = String(repeating: "0", count: 8 - id.count) + id
        } while !usedIDs.insert(id).inserted
        ids.append(id)
        kinds.append(kind)
        names.append("\(name) \(id.prefix(4).uppercased())")
        groups.append(group)
        return ids.count - 1
    }

    /// `entities.csv` in random order, so that row position says nothing about when an entity
    /// was made.
    func write(_ out: CSVWriter, using rng: inout SplitMix64) throws {
        try out.row(["id", "kind", "name", "group"])
        var order = Array(ids.indices)
        rng.shuffle(&order)
        for i in order {
            out.text(ids[i])
            out.text(kinds[i])
            out.text(names[i])
            out.text(groups[i])
            try out.endRow()
        }
    }
}
