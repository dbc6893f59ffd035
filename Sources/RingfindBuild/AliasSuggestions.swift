import Foundation
import RingfindGraph

/// `ringfind build --suggest-aliases`: pairs of entities that may be one person or firm under
/// two ids, written to `alias-suggestions.csv` for the investigator to check — never applied.
///
/// Two methods, neither comparing all pairs:
///
/// - **Same name or e-mail local part** (`same_name`, `same_email_local_part`): every entity
///   gets keys — its name normalised (case and accents folded, only letters and digits, single
///   spaces) and, for an id or name that is an e-mail address, its local part (lower-case,
///   dots and `+tag` removed; a plain id counts as a local part too, so `jdoe` meets
///   `j.doe@corp.example`). Entities are bucketed by key and the pairs within a bucket are
///   suggested. A bucket larger than `maxBucket` is a common name, not evidence, and is
///   skipped (counted). Cost O(n · key length) plus the pairs written, at most
///   `maxBucket²/2` per bucket.
/// - **Shared counterparties, never in the same log** (`shared_counterparties`): the same
///   employee under its mail address and its staff number shares contacts across logs but
///   never appears in one log under both. Candidate pairs come from counterparties: every
///   counterparty with at most `maxCounterpartyDegree` distinct counterparties of its own
///   (hubs — a payroll account, a help desk — say nothing about who is whom) proposes each pair
///   of its counterparties that appear in no common log and whose declared kinds agree; the
///   pairs proposed by at least `minShared` counterparties whose Jaccard similarity of
///   counterparty sets, shared / (deg a + deg b − shared), is at least `minJaccard` are
///   suggested. Cost O(Σ_c min(deg c, cap)²) ≤ O(cap · edges) time, the same in memory for
///   the pair counts; no pair without a shared counterparty is ever looked at.
///
/// Output is sorted by method, score (descending) and ids, so it is deterministic.
public struct AliasSuggestions: Sendable {
    /// Name or e-mail buckets larger than this are skipped (a common name is no evidence).
    public var maxBucket = 20
    /// Counterparties with more distinct counterparties than this propose no pairs.
    public var maxCounterpartyDegree = 50
    /// Shared counterparties needed for a suggestion.
    public var minShared = 2
    /// Jaccard similarity of the two counterparty sets needed for a suggestion.
    public var minJaccard = 0.5

    public init() {}

    /// One suggested pair (`a < b`, dense ids).
    public struct Suggestion: Sendable, Equatable {
        public var a: Int32
        public var b: Int32
        public var reason: String
        /// 1 for a shared key; the Jaccard similarity for shared counterparties.
        public var score: Double
        /// Shared counterparties (0 for a shared key).
        public var shared: Int
        /// The shared key (normalised name or local part); empty for shared counterparties.
        public var key: String
    }

    /// What the run found and skipped.
    public struct Result: Sendable {
        public var suggestions: [Suggestion]
        /// Name or e-mail buckets skipped as larger than `maxBucket`.
        public var bucketsSkipped: Int
        /// Counterparties skipped as hubs.
        public var hubsSkipped: Int
    }

    // MARK: - Same name or e-mail local part

    /// A name as compared: case and accents folded, letters and digits only, single spaces.
    static func normalisedName(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = "", space = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if space && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// The local part of an e-mail address as compared (lower-case, no dots, no `+tag`), or of
    /// a plain id made of letters, digits, dots, `_` and `-` with at least one letter; else `nil`.
    static func localPart(_ text: String) -> String? {
        let lower = text.lowercased()
        var local = Substring(lower)
        if let at = lower.firstIndex(of: "@") {
            local = lower[..<at]
            if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        } else {
            guard
                lower.unicodeScalars.allSatisfy({
                    CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0)
                }),
                lower.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) })
            else { return nil }
        }
        let key = local.filter { $0 != "." }
        return key.isEmpty ? nil : key
    }

    /// Pairs sharing a normalised name or an e-mail local part (run on the raw names, before
    /// any pseudonymisation).
    /// - Complexity: O(n · key length + pairs written).
    public func byName(_ entities: EntityTable) -> (suggestions: [Suggestion], bucketsSkipped: Int) {
        var buckets: [String: [Int32]] = [:]
        for e in 0..<entities.count {
            var keys = Set<String>()
            let name = Self.normalisedName(entities.names[e])
            if !name.isEmpty { keys.insert("n\u{0}" + name) }
            for text in [entities.id(Int32(e)), entities.names[e]]
            where text.contains("@") || text == entities.id(Int32(e)) {
                if let local = Self.localPart(text) { keys.insert("e\u{0}" + local) }
            }
            for key in keys { buckets[key, default: []].append(Int32(e)) }
        }
        var out: [Suggestion] = []
        var skipped = 0
        var seen = Set<UInt64>()
        for key in buckets.keys.sorted() {
            guard let members = buckets[key], members.count > 1 else { continue }
            guard members.count <= maxBucket else {
                skipped += 1
                continue
            }
            let isName = key.hasPrefix("n")
            for i in 0..<members.count {
                for j in (i + 1)..<members.count {
                    let a = members[i], b = members[j]
                    guard Self.kindsAgree(entities, a, b) else { continue }
                    // An e-mail bucket holding only ids that are not addresses is two plain ids
                    // that happen to be equal after lower-casing: still worth a look.
                    let pair = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
                    guard seen.insert(pair ^ (isName ? 0 : 1 << 63)).inserted else { continue }
                    out.append(
                        Suggestion(
                            a: a, b: b, reason: isName ? "same_name" : "same_email_local_part", score: 1, shared: 0,
                            key: String(key.dropFirst(2))))
                }
            }
        }
        return (out, skipped)
    }

    /// Whether two entities may be one: declared kinds, when both are declared, agree.
    static func kindsAgree(_ entities: EntityTable, _ a: Int32, _ b: Int32) -> Bool {
        let (i, j) = (Int(a), Int(b))
        return entities.kindOrigins[i] != .declared || entities.kindOrigins[j] != .declared
            || entities.kinds[i] == entities.kinds[j]
    }

    // MARK: - Shared counterparties

    /// Pairs never seen in one log that share most of their counterparties.
    /// - Complexity: O(n + edges + Σ_c min(deg c, cap)²) time and pair-count memory.
    public func byCounterparties(_ graph: MultiplexGraph, entities: EntityTable) -> (
        suggestions: [Suggestion], hubsSkipped: Int
    ) {
        let n = graph.nodeCount
        var logs = [UInt8](repeating: 0, count: n)
        for (bit, type) in EdgeType.allCases.enumerated() {
            let edges = graph[type]
            for e in 0..<edges.edgeCount {
                logs[Int(edges.sources[e])] |= 1 << bit
                logs[Int(edges.targets[e])] |= 1 << bit
            }
        }
        let degree = graph.degrees()
        var shared: [UInt64: Int32] = [:]
        var hubs = 0
        var neighbours: [Int32] = []
        for c in 0..<Int32(n) {
            guard Int(degree[Int(c)]) >= 2 else { continue }
            guard Int(degree[Int(c)]) <= maxCounterpartyDegree else {
                hubs += 1
                continue
            }
            neighbours.removeAll(keepingCapacity: true)
            for type in EdgeType.allCases {
                let edges = graph[type]
                for e in edges.outEdges(of: c) where edges.targets[e] != c { neighbours.append(edges.targets[e]) }
                for e in edges.inEdges(of: c) where edges.sources[Int(e)] != c {
                    neighbours.append(edges.sources[Int(e)])
                }
            }
            neighbours.sort()
            var unique: [Int32] = []
            for v in neighbours where unique.last != v { unique.append(v) }
            for i in 0..<unique.count {
                for j in (i + 1)..<unique.count {
                    let a = unique[i], b = unique[j]
                    guard logs[Int(a)] & logs[Int(b)] == 0, Self.kindsAgree(entities, a, b) else { continue }
                    shared[UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)), default: 0] += 1
                }
            }
        }
        var out: [Suggestion] = []
        for (pair, count) in shared where Int(count) >= minShared {
            let a = Int32(truncatingIfNeeded: pair >> 32), b = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
            let union = Int(degree[Int(a)]) + Int(degree[Int(b)]) - Int(count)
            let jaccard = union > 0 ? Double(count) / Double(union) : 0
            if jaccard >= minJaccard {
                out.append(
                    Suggestion(a: a, b: b, reason: "shared_counterparties", score: jaccard, shared: Int(count), key: "")
                )
            }
        }
        return (out, hubs)
    }

    /// Both methods' suggestions in output order: method, score descending, then ids.
    public static func ordered(_ suggestions: [Suggestion], entities: EntityTable) -> [Suggestion] {
        suggestions.sorted {
            if $0.reason != $1.reason { return $0.reason < $1.reason }
            if $0.score != $1.score { return $0.score > $1.score }
            let (a0, a1) = (entities.id($0.a), entities.id($1.a))
            if a0 != a1 { return a0 < a1 }
            return entities.id($0.b) < entities.id($1.b)
        }
    }
}
