import Foundation
import RingfindGraph

/// Turns candidates into significant, explained rings with tiered members, merges a broker's
/// accounts, and grades every entity.
///
/// - A candidate is a ring when its p-value adjusted for the number of candidates that could
///   have reached significance (Benjamini–Hochberg after Tarone's screening, `FalseDiscovery`)
///   is at most `alpha` (see `RingDetector`).
/// - **Insiders**: *core* when the employee's own tests are significant (Bonferroni over the
///   broker's tested contacts; the strongest contact when none is alone), *associate* when the
///   broker pays the employee (directly or through a mule) or they exchange messages both ways.
/// - **Clients**: *core* when an insider did a suspicious job (unticketed; unusual where
///   concealment cannot be measured; timed where the insider's jobs are significantly more
///   often timed than chance) on the vendor's data, or on its market (a rival in its group) or
///   in bulk, attributed to the payer within the window most likely buying jobs (see `draft`);
///   *associate* when it paid the broker more than once, or once and exchanged messages with it
///   both ways (the tie that makes an employee an associate); a vendor that paid once, was never
///   worked for and never talked with the broker is left out (a consultancy's ordinary customer).
///   Those tied by messages join after merging, so that which accounts are one broker's is
///   decided by what money and jobs show.
/// - **Intermediaries**: the fronts and mules on the included members' paths.
/// - **Accounts**: rings whose clients and insiders overlap at Jaccard ≥ 0.5, that share an
///   insider and a front, or that share a paying vendor and handed a core insider from one to
///   the other (`handover(between:and:window:)`) are one broker's accounts (a second account, a
///   switch half-way) and are merged; so is a candidate that is not significant on its own but shares
///   insiders and clients with a ring and has at least half of its own among the ring's, or
///   shares an insider and a front with it, or handed an insider over to it (its members join
///   as associates).
/// - **Scores**: a ring's score is 1 − 10^(−strength / scale); members get it weighted by role
///   and tier; everyone else is graded below 0.3 by the stronger of its own evidence and a
///   random walk with restart from the members and the candidates' evidence (`Periphery`), so
///   every member ranks above every non-member and the periphery is still ordered. A candidate
///   short of significance grades the members its ring would have (drafted as for a ring) at
///   0.3 × its score, weighted by role and tier: a missed ring's clients rank near its broker,
///   not among the broker's ordinary customers.
///
/// - Complexity: O(Σ candidate size + rings² · ring size) for merging; rings are few.
enum RingAssembly {
    static func weight(_ role: RingRole, _ tier: RingTier) -> Double {
        let base: Double = switch role {
        case .broker: 1
        case .insider: 0.98
        case .intermediary: 0.96
        case .client: 0.94
        }
        return tier == .core ? base : base * 0.9
    }

    /// A ring before merging and explanation.
    struct Draft {
        var brokers: [Int32]
        var candidates: [Int]
        var strength: Double
        var insiders: [Int32: RingTier] = [:]
        var clients: [Int32: RingTier] = [:]
        var intermediaries: [Int32: RingTier] = [:]
        /// Insiders the broker pays or messages itself (not through a mule).
        var direct = 0
        /// Accounts that relayed this broker's payments to insiders.
        var mules = Set<Int32>()
        /// Accounts that passed clients' money on to this broker.
        var fronts = Set<Int32>()
        /// Vendors that paid once (through the front, or -1) and exchanged messages with the
        /// broker both ways: associate clients, added once accounts are merged.
        var acquaintances: [Int32: Int32] = [:]
        var core: Set<Int32> { Set(insiders.keys).union(clients.keys) }
        /// The broker's own go-betweens: accounts it pays that relay to insiders, and accounts
        /// that pass vendor money on to it (money passes between them and the broker).
        var ownIntermediaries: Set<Int32> { mules.union(fronts) }
        /// When each account dealt with its core insiders, for telling a switch of accounts
        /// (`handover(between:and:window:)`).
        var dealings: [Dealing] = []
        /// Accounts of this ring used one after the other, with the insider that shows it.
        var handovers: [Handover] = []
        /// Every vendor that paid one of the ring's accounts (directly or through a front).
        var payers = Set<Int32>()
    }

    /// One account's dealings with one of its core insiders — payments (directly or through a
    /// mule) and messages either way: when the first and the last were.
    struct Dealing {
        var account: Int32
        var insider: Int32
        var first: Int64
        var last: Int64
    }

    /// Two accounts that dealt with the same insider one after the other.
    struct Handover {
        var earlier: Dealing
        var later: Dealing
    }

    /// Whether two drafts are one broker's accounts used one after the other: a vendor paid both,
    /// and an insider core to both dealt with one account and then with the other, the two
    /// periods overlapping by at most the window (a handover). A broker that switches accounts
    /// half-way keeps its clients and its insiders and deals with them from the new account; two
    /// brokers that share an insider deal with it side by side, and an agency with its contractor
    /// all along. Each period needs at least two dealings (one message is no period).
    ///
    /// - Complexity: O(|a.dealings| · |b.dealings| + min(|a.payers|, |b.payers|)).
    static func handover(between a: Draft, and b: Draft, window: Int64) -> Handover? {
        guard !a.payers.isDisjoint(with: b.payers) else { return nil }
        for x in a.dealings {
            for y in b.dealings where x.insider == y.insider && x.account != y.account {
                if let overlap = Timestamp.gap(from: y.first, to: x.last), overlap <= window { return Handover(earlier: x, later: y) }
                if let overlap = Timestamp.gap(from: x.first, to: y.last), overlap <= window { return Handover(earlier: y, later: x) }
            }
        }
        return nil
    }

    /// Whether two drafts are one broker's accounts by the company they keep: the same front
    /// passes vendor money to both and both deal with the same insider. A front passes most of
    /// its vendor income to its broker's accounts (`PassThrough.passesOnMost`); a switch of
    /// accounts half-way splits the front's money and the clients between them, so their cores
    /// need not overlap. A shared mule is not enough: a payroll firm relays many payers' money.
    static func sharesAccounts(_ a: Draft, _ b: Draft) -> Bool {
        !a.fronts.isDisjoint(with: b.fronts) && !Set(a.insiders.keys).isDisjoint(with: b.insiders.keys)
    }

    static func assemble(_ candidates: [CandidateRing], context: RingDetector.Context) -> RingDetection {
        let n = context.entities.count
        let parameters = context.parameters
        let significance = FalseDiscovery(surprises: candidates.map(\.surprise), attainable: candidates.map(\.attainable), alpha: parameters.alpha)
        let threshold = -log10(parameters.alpha)
        let map = { (strength: Double) in 1 - pow(10, -max(0, strength) / parameters.scoreScale) }
        var drafts: [Draft] = []
        // Each candidate is drafted once (its members do not depend on its strength): one short
        // of significance grades the periphery and is looked at again as another account of a
        // ring below.
        var drafted: [Int: Draft] = [:]
        func draftOf(_ i: Int) -> Draft {
            if let d = drafted[i] { return d }
            let d = draft(candidates[i], index: i, threshold: threshold, window: parameters.window, context: context)
            drafted[i] = d
            return d
        }
        var peripheral = [Double](repeating: 0, count: n)
        for (i, candidate) in candidates.enumerated() {
            let raw = candidate.surprise, strength = significance.adjusted[i]
            peripheral[Int(candidate.broker)] = max(peripheral[Int(candidate.broker)], 0.3 * map(raw))
            for pair in candidate.pairs where !pair.tests.isEmpty {
                let e = Int(pair.contact.employee)
                peripheral[e] = max(peripheral[e], 0.3 * map(pair.surprise))
            }
            guard strength >= threshold else {
                // A candidate short of significance still grades the members it would have: its
                // would-be clients, insiders and intermediaries rank with its broker, weighted
                // by role and tier like a ring's, so a missed ring's clients rank near its broker
                // rather than among the broker's ordinary customers.
                guard raw > 0, candidate.testedContacts > 0 else { continue }
                let d = draftOf(i)
                let base = 0.3 * map(raw)
                for (e, tier) in d.insiders { peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.insider, tier)) }
                for (e, tier) in d.intermediaries { peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.intermediary, tier)) }
                for (e, tier) in d.clients { peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.client, tier)) }
                for e in d.acquaintances.keys { peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.client, .associate)) }
                continue
            }
            var d = draftOf(i)
            d.strength = strength
            drafts.append(d)
        }
        // Strongest first; a draft overlapping a kept ring at Jaccard ≥ 0.5 is another account of its broker.
        drafts.sort { ($0.strength, -$0.brokers[0], -$0.candidates[0]) > ($1.strength, -$1.brokers[0], -$1.candidates[0]) }
        var merged: [Draft] = []
        for d in drafts {
            if let k = merged.firstIndex(where: {
                jaccard($0.core, d.core) >= 0.5 || sharesAccounts($0, d) || handover(between: $0, and: d, window: parameters.window) != nil
            }) {
                if let h = handover(between: merged[k], and: d, window: parameters.window) { merged[k].handovers.append(h) }
                merged[k].dealings += d.dealings
                merged[k].payers.formUnion(d.payers)
                // A front or mule of the kept ring found again as a candidate stays an intermediary;
                // when the kept ring's broker is the other's front or mule, they swap.
                // The account that deals with the insiders itself is the broker; between two that
                // both do (a broker and its mule), the one that pays the other.
                // Related: one is the other's own front or mule (money passes between the two). An
                // account that is only some other intermediary's relay — a mule of the ring's front
                // — and is a candidate itself is another account of the broker, not a go-between.
                let related = merged[k].ownIntermediaries.contains(d.brokers[0]) || !d.ownIntermediaries.isDisjoint(with: merged[k].brokers)
                let dLeads = d.direct > merged[k].direct || (d.direct == merged[k].direct && d.mules.contains(merged[k].brokers[0]))
                if related && dLeads && merged[k].brokers.count == 1 {
                    merged[k].intermediaries[merged[k].brokers[0]] = .core
                    merged[k].brokers = d.brokers
                    merged[k].direct = d.direct
                    merged[k].mules = d.mules
                } else if related {
                    merged[k].intermediaries[d.brokers[0]] = .core
                } else {
                    merged[k].brokers += d.brokers.filter { !merged[k].brokers.contains($0) }
                }
                merged[k].candidates.append(contentsOf: d.candidates)
                merged[k].fronts.formUnion(d.fronts)
                merged[k].acquaintances.merge(d.acquaintances) { a, _ in a }
                for (e, t) in d.insiders { merged[k].insiders[e] = best(merged[k].insiders[e], t) }
                for (e, t) in d.clients { merged[k].clients[e] = best(merged[k].clients[e], t) }
                for (e, t) in d.intermediaries where !merged[k].brokers.contains(e) { merged[k].intermediaries[e] = best(merged[k].intermediaries[e], t) }
            } else {
                // Explaining away: insiders already proven in a stronger ring do not count again
                // for an account that merely also deals with them (an agency whose clients a
                // broker's insider happens to touch).
                let claimed = Set(merged.flatMap { m in m.insiders.filter { $0.value == .core }.map(\.key) })
                let candidate = candidates[d.candidates[0]]
                let rest = candidate.pairs.filter { !claimed.contains($0.contact.employee) }
                // The same correction as the candidate's own (its rank among the candidates).
                let index = d.candidates[0]
                let raw = CandidateRing.combined(rest) - (candidate.surprise - significance.adjusted[index])
                guard raw >= threshold else { continue }
                var kept = d
                for e in claimed where kept.insiders[e] != nil { kept.insiders[e] = nil }
                kept.strength = raw
                merged.append(kept)
            }
        }
        // Other accounts of a reported broker: a candidate not significant on its own (a broker
        // that switched accounts half-way leaves each with part of the evidence) that shares
        // insiders and clients with a ring and whose own clients and insiders are mostly the
        // ring's (at least half of them), or that shares an insider and a front with it —
        // unless it is the ring broker's own front or mule. Its own members join as associates.
        let inRing = Set(merged.flatMap { $0.candidates })
        func containment(_ ring: Draft, _ d: Draft) -> Double {
            if sharesAccounts(ring, d) || handover(between: ring, and: d, window: parameters.window) != nil { return 1 }
            let shared = ring.core.intersection(d.core)
            guard !Set(ring.insiders.keys).isDisjoint(with: d.insiders.keys), !Set(ring.clients.keys).isDisjoint(with: d.clients.keys) else { return 0 }
            return Double(shared.count) / Double(max(d.core.count, 1))
        }
        // (Two accounts assessed together are looked at here each on its own.)
        for (i, candidate) in candidates.enumerated() where !inRing.contains(i) && candidate.testedContacts > 0 && candidate.accounts.count == 1 {
            let b = candidate.broker
            let d = draftOf(i)
            guard !d.core.isEmpty,
                  let k = merged.indices.filter({ containment(merged[$0], d) >= 0.5 })
                      .max(by: { (containment(merged[$0], d), -$0) < (containment(merged[$1], d), -$1) }),
                  !merged[k].brokers.contains(b), !merged[k].ownIntermediaries.contains(b),
                  merged[k].insiders[b] == nil, merged[k].clients[b] == nil else { continue }
            if let h = handover(between: merged[k], and: d, window: parameters.window) { merged[k].handovers.append(h) }
            merged[k].dealings += d.dealings
            merged[k].payers.formUnion(d.payers)
            merged[k].brokers.append(b)
            merged[k].candidates.append(i)
            merged[k].fronts.formUnion(d.fronts)
            merged[k].acquaintances.merge(d.acquaintances) { a, _ in a }
            for e in d.insiders.keys where merged[k].insiders[e] == nil { merged[k].insiders[e] = .associate }
            for v in d.clients.keys where merged[k].clients[v] == nil { merged[k].clients[v] = .associate }
            for m in d.intermediaries.keys where merged[k].intermediaries[m] == nil && !merged[k].brokers.contains(m) {
                merged[k].intermediaries[m] = .associate
            }
        }
        for k in merged.indices {
            for (v, front) in merged[k].acquaintances.sorted(by: { $0.key < $1.key }) where merged[k].clients[v] == nil {
                merged[k].clients[v] = .associate
                if front >= 0, merged[k].intermediaries[front] == nil { merged[k].intermediaries[front] = .associate }
            }
            for b in merged[k].brokers { merged[k].intermediaries[b] = nil; merged[k].clients[b] = nil }
            // Candidates whose broker ended up an intermediary still explain the members they found.
            let primary = merged[k].brokers[0]
            merged[k].candidates.sort { (candidates[$0].broker == primary ? 0 : 1, $0) < (candidates[$1].broker == primary ? 0 : 1, $1) }
        }
        var rings = merged.enumerated().map { explain($1, rank: $0 + 1, candidates: candidates, counted: significance.counted, context: context) }
        var scores = peripheral
        var roles = [RingRole?](repeating: nil, count: n)
        var tiers = [RingTier?](repeating: nil, count: n)
        var ringOf = [Int](repeating: 0, count: n)
        var reasons = [[String]](repeating: [], count: n)
        for i in rings.indices {
            rings[i].score = map(rings[i].strength)
            for j in rings[i].members.indices {
                rings[i].members[j].score = rings[i].score * weight(rings[i].members[j].role, rings[i].members[j].tier)
            }
        }
        // Outside the rings, entities are graded by the stronger of their own evidence as a
        // candidate or a candidate's contact (`peripheral`) and how close a random walk from
        // the evidence comes (`Periphery`), both scaled below 0.3 so that every member ranks
        // above every non-member.
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
        return RingDetection(rings: rings, scores: scores, roles: roles, tiers: tiers, ringOf: ringOf, reasons: reasons, order: order,
                             rank: rank, candidates: candidates.count, counted: significance.counted, unavailable: context.unavailable)
    }

    static func best(_ a: RingTier?, _ b: RingTier) -> RingTier { a == .core || b == .core ? .core : .associate }

    /// Members and tiers of one candidate (strength 0: the caller sets it when it is a ring).
    static func draft(_ candidate: CandidateRing, index: Int, threshold: Double, window: Int64,
                      context: RingDetector.Context) -> Draft {
        var d = Draft(brokers: candidate.accounts, candidates: [index], strength: 0)
        d.payers = Set(candidate.clients.map(\.vendor))
        let contactCorrection = log10(Double(max(candidate.testedContacts, 1)))
        let tested = candidate.pairs.filter { !$0.tests.isEmpty }
        var core = tested.filter { $0.surprise - contactCorrection >= threshold }
        if core.isEmpty, let strongest = tested.max(by: { ($0.surprise, -$0.contact.employee) < ($1.surprise, -$1.contact.employee) }),
           strongest.surprise > 0 {
            core = [strongest]
        }
        let coreSet = Set(core.map(\.contact.employee))
        let clientVendors = Set(candidate.clients.map(\.vendor))
        func isClientJob(_ job: PairEvidence.Job) -> Bool { job.target >= 0 && clientVendors.contains(job.target) }
        var jobs: [PairEvidence.Job] = []
        for pair in candidate.pairs {
            let c = pair.contact
            let tier: RingTier
            if coreSet.contains(c.employee) {
                tier = .core
            } else if c.payments > 0 || (c.messagesFromBroker > 0 && c.messagesToBroker > 0) || pair.surprise >= threshold {
                tier = .associate
            } else {
                continue
            }
            d.insiders[c.employee] = tier
            let dealt = c.times.filter { $0 != Timestamp.missing }  // in time order
            if tier == .core, dealt.count >= 2, let first = dealt.first, let last = dealt.last {
                d.dealings.append(Dealing(account: candidate.broker, insider: c.employee, first: first, last: last))
            }
            if c.messages > 0 || (c.mule < 0 && c.payments > 0) { d.direct += 1 }
            if c.mule >= 0 {
                d.intermediaries[c.mule] = best(d.intermediaries[c.mule], tier)
                d.mules.insert(c.mule)
            }
            // Jobs on the clients' own data count; jobs on their markets or in bulk only when the
            // employee's rival and bulk work is itself significantly unusual — else they are the
            // employee's ordinary slips, and attributing each to the client that paid last would
            // make every customer of a busy broker a client.
            // Likewise a job marked only by its timing counts only when the employee's jobs are
            // significantly more often timed than their own shuffled job times give: a busy
            // broker's customers pay often, so some honest, ticketed job always follows a payment.
            let rivalWorkUnusual = TailProbability.combined(pair.rivalTests.evidence.map(\.surprise)) >= threshold
            let bulkWorkUnusual = TailProbability.combined(pair.bulkTests.evidence.map(\.surprise)) >= threshold
            let timingUnusual = (pair.timing?.surprise ?? 0) >= threshold
            jobs += pair.suspiciousJobs.filter { job in
                guard job.unticketed || (job.unusual && !context.uses(.concealment)) || timingUnusual else { return false }
                return job.target < 0 ? bulkWorkUnusual : rivalWorkUnusual || isClientJob(job)
            }
        }
        // Each suspicious job is attributed to one client: the one whose data it touched, or for a
        // job on a rival (same group), a client of that group whose payment preceded it within the
        // window; a job in bulk names no market, so any client that paid within the window. Among
        // those, explaining away: the payer most likely to be buying jobs wins — one already shown
        // buying jobs (bulk jobs only), then one tied to the broker beyond a single payment (it
        // paid repeatedly, or exchanged messages with it both ways), then any — and the most
        // recent payment breaks ties. A busy broker's ordinary customers pay once and often, so
        // the last payment before a job is as likely theirs.
        let groupOf = context.groupOf
        let talkedBothWays = context.messagedBothWays(with: candidate.broker)
        var workedFor = Set<Int32>()
        for job in jobs where isClientJob(job) { workedFor.insert(job.target) }
        for job in jobs.sorted(by: { ($0.target < 0 ? 1 : 0, $0.row) < ($1.target < 0 ? 1 : 0, $1.row) })
        where !isClientJob(job) {
            let g = job.target >= 0 ? groupOf[Int(job.target)] : -1
            var chosen: (likelihood: Int, gap: Int64, vendor: Int32)? = nil
            for money in candidate.clients where job.target < 0 || (g >= 0 && groupOf[Int(money.vendor)] == g) {
                let tied = money.rows.count >= 2 || talkedBothWays.contains(money.vendor)
                let likelihood = job.target < 0 && workedFor.contains(money.vendor) ? 2 : tied ? 1 : 0
                for t in money.times {
                    guard let gap = Timestamp.gap(from: t, to: job.time), gap >= 0, gap <= window else { continue }
                    if chosen == nil || (-likelihood, gap, money.vendor) < (-chosen!.likelihood, chosen!.gap, chosen!.vendor) {
                        chosen = (likelihood, gap, money.vendor)
                    }
                }
            }
            if let chosen { workedFor.insert(chosen.vendor) }
        }
        // A vendor that paid once is an associate only when it also exchanged messages with the
        // broker both ways — the tie that makes an employee an associate; a consultancy's
        // ordinary customers pay once and write to it seldom, and it seldom answers them. They
        // join after merging (`acquaintances`): which accounts are one broker's is decided by
        // the members their money and jobs show.
        for money in candidate.clients {
            let v = money.vendor
            let tier: RingTier
            if workedFor.contains(v) {
                tier = .core
            } else if money.rows.count >= 2 {
                tier = .associate
            } else {
                if talkedBothWays.contains(v) { d.acquaintances[v] = money.front }
                continue
            }
            d.clients[v] = tier
            if money.front >= 0 {
                d.intermediaries[money.front] = best(d.intermediaries[money.front], tier)
                d.fronts.insert(money.front)
            }
        }
        return d
    }
}
