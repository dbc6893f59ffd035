import RingfindGraph

extension RingAssembly {
    /// Every entity's score, role, tier and reasons: a ring's score is 1 − 10^(−strength /
    /// scale) and its members get it weighted by role and tier; outside the rings, entities are
    /// graded by the stronger of their own evidence as a candidate or a candidate's contact
    /// (`peripheral`) and how close a random walk from the evidence comes (`Periphery`), both
    /// scaled below 0.3 so that every member ranks above every non-member.
    ///
    /// - Complexity: O(entities log entities + the walk's O(iterations × event rows)).
    static func grade(
        _ rings: [Ring], peripheral: [Double], candidates: Int, counted: Int,
        context: RingDetector.Context
    ) -> RingDetection {
        let n = context.entities.count
        var rings = rings
        var scores = peripheral
        var roles = [RingRole?](repeating: nil, count: n)
        var tiers = [RingTier?](repeating: nil, count: n)
        var ringOf = [Int](repeating: 0, count: n)
        var reasons = [[String]](repeating: [], count: n)
        for i in rings.indices {
            rings[i].score = score(rings[i].strength, scale: context.parameters.scoreScale)
            for j in rings[i].members.indices {
                rings[i].members[j].score = rings[i].score * weight(rings[i].members[j].role, rings[i].members[j].tier)
            }
        }
        var isMember = [Bool](repeating: false, count: n)
        var seeds = peripheral
        for ring in rings {
            for member in ring.members {
                isMember[Int(member.entity)] = true
                seeds[Int(member.entity)] = max(seeds[Int(member.entity)], member.score)
            }
        }
        let walk = Periphery.scores(seeds: seeds, events: context.events, entityCount: n)
        let farthest = (0..<n).filter { !isMember[$0] }.map { walk[$0] }.max() ?? 0
        if farthest > 0 {
            for e in 0..<n where !isMember[e] { scores[e] = max(peripheral[e], 0.3 * walk[e] / farthest) }
        }
        for ring in rings.reversed() {  // best ring last, so it wins ties
            for member in ring.members {
                let e = Int(member.entity)
                if roles[e] == nil || member.score >= scores[e] {
                    scores[e] = member.score
                    roles[e] = member.role
                    tiers[e] = member.tier
                    ringOf[e] = ring.rank
                    reasons[e] = member.reasons
                }
            }
        }
        let order = (0..<Int32(n)).sorted { (scores[Int($0)], -$0) > (scores[Int($1)], -$1) }
        var rank = [Int](repeating: 0, count: n)
        for (i, e) in order.enumerated() { rank[Int(e)] = i + 1 }
        return RingDetection(
            rings: rings, scores: scores, roles: roles, tiers: tiers, ringOf: ringOf, reasons: reasons, order: order,
            rank: rank, candidates: candidates, counted: counted, unavailable: context.unavailable)
    }
}
