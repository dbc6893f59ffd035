import RingfindCase
import RingfindGraph
import RingfindRings

private typealias V = CaseWriter.Value

/// The tables of what the analysis found: communities, rings, their members and evidence, and
/// the baseline rule's rings.
extension CaseFileStage {
    /// `communities`: one row per community with its size, its members by kind and its share
    /// of modularity.
    static func writeCommunities(
        _ communities: CommunityAnalysis, kinds entityKinds: [EntityKind], to writer: CaseWriter
    ) throws(CaseError) {
        try writer.insert(into: CaseSchema.Communities.name, columns: CaseSchema.Communities.columns.map(\.name)) {
            insert in
            var kinds = [[Int]](repeating: [0, 0, 0, 0], count: communities.partition.count)
            for (e, c) in communities.partition.labels.enumerated() {
                kinds[Int(c)][Int(entityKinds[e].rawValue)] += 1
            }
            for c in 0..<communities.partition.count {
                let share = communities.contributions[c]
                try insert([
                    V(c), V(communities.sizes[c]), V(kinds[c][0]), V(kinds[c][1]), V(kinds[c][2]), V(kinds[c][3]),
                    V(share.internalWeight), V(share.externalWeight), V(share.total),
                ])
            }
        }
    }

    /// `rings`: one row per ring with its score and, per signal in the schema's order, its
    /// surprise, observed and expected values.
    static func writeRings(_ rings: [Ring], to writer: CaseWriter) throws(CaseError) {
        try writer.insert(into: CaseSchema.Rings.name, columns: CaseSchema.Rings.columns.map(\.name)) { insert in
            for ring in rings {
                try insert(
                    [V(ring.rank), V(ring.score), V(ring.pValue), V(ring.strength), V(ring.members.count)]
                        + CaseSchema.signals.flatMap { name -> [V] in
                            // By name, in the schema's column order (not by position in `ring.signals`).
                            guard let s = ring.signals.first(where: { $0.kind.rawValue == name }) else {
                                return [.null, .null, .null]
                            }
                            return [s.available ? V(s.surprise) : .null, V(s.observed), V(s.expected)]
                        })
            }
        }
    }

    /// `ring_members`: one row per member of a ring, with its role, tier, score and reasons.
    static func writeRingMembers(_ rings: [Ring], to writer: CaseWriter) throws(CaseError) {
        try writer.insert(into: CaseSchema.RingMembers.name, columns: CaseSchema.RingMembers.columns.map(\.name)) {
            insert in
            for ring in rings {
                for m in ring.members {
                    try insert([
                        V(ring.rank), V(Int(m.entity)), V(m.role.rawValue), V(m.tier.rawValue), V(m.score),
                        V(m.reasons.joined(separator: "\n")),
                    ])
                }
            }
        }
    }

    /// `evidence`: one row per evidence row of a ring, with the input row it cites.
    static func writeEvidence(of rings: [Ring], events: EventStore, to writer: CaseWriter) throws(CaseError) {
        try writer.insert(into: CaseSchema.Evidence.name, columns: CaseSchema.Evidence.columns.map(\.name)) {
            insert in
            for ring in rings {
                for item in ring.evidence {
                    let log = events[item.type], r = item.row
                    try insert([
                        V(ring.rank), V(Int(item.entity)), V(item.signal.rawValue), V(item.type.description),
                        V(Int(log.source[r])),
                        log.target[r] >= 0 ? V(Int(log.target[r])) : .null,
                        log.time[r] == Timestamp.missing ? .null : V(log.time[r]),
                        item.type == .payment ? V(log.amount[r]) : .null,
                        V(item.type == .access && log.label[r] >= 0 ? events.labels.string(log.label[r]) : nil),
                        item.type == .access ? V(log.ticket[r]) : .null, V(events.origin(of: r, in: item.type)),
                    ])
                }
            }
        }
    }

    /// `baseline_rings` and `baseline_members`: the rings of `baseline-rings.csv`, numbered as there.
    static func writeBaseline(
        _ baseline: [BaselineRule.BaselineRing], to writer: CaseWriter
    ) throws(CaseError) {
        try writer.insert(into: CaseSchema.BaselineRings.name, columns: CaseSchema.BaselineRings.columns.map(\.name)) {
            insert in
            for (i, ring) in baseline.enumerated() {
                try insert([V(i + 1), V(ring.score), V(1 + ring.insiders.count + ring.clients.count)])
            }
        }
        try writer.insert(
            into: CaseSchema.BaselineMembers.name, columns: CaseSchema.BaselineMembers.columns.map(\.name)
        ) { insert in
            for (i, ring) in baseline.enumerated() {
                try insert([V(i + 1), V(Int(ring.broker)), V(RingRole.broker.rawValue)])
                for e in ring.insiders { try insert([V(i + 1), V(Int(e)), V(RingRole.insider.rawValue)]) }
                for e in ring.clients { try insert([V(i + 1), V(Int(e)), V(RingRole.client.rawValue)]) }
            }
        }
    }

    /// `pictures`: each picture's DOT source and engine.
    static func writePictures(_ pictures: [RenderStage.Drawing], to writer: CaseWriter) throws(CaseError) {
        try writer.insert(into: CaseSchema.Pictures.name, columns: CaseSchema.Pictures.columns.map(\.name)) { insert in
            for drawing in pictures { try insert([V(drawing.picture), V(drawing.engine.rawValue), V(drawing.dot)]) }
        }
    }
}
