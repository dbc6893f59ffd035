import Foundation
import RingfindGraph

/// Turns candidates into significant, explained rings with tiered members, merges a broker's
/// accounts, and grades every entity.
///
/// - A candidate is a ring when its p-value adjusted for the number of candidates that could
///   have reached significance (adaptive Benjamini–Hochberg after Tarone's screening, `FalseDiscovery`)
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
///   as associates). An account drafted again after it became a ring's broker (alone, or with
///   another account used after it) joins that ring: one account is one broker. A candidate
///   not significant on its own that passes vendor money to a ring's broker (its front) but
///   deals with the ring's core insiders itself is the broker, and the ring's broker its mule
///   (`isBroker(_:behindFrontOf:)`).
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
        let base: Double =
            switch role {
            case .broker: 1
            case .insider: 0.98
            case .intermediary: 0.96
            case .client: 0.94
            }
        return tier == .core ? base : base * 0.9
    }

    static func best(_ a: RingTier?, _ b: RingTier) -> RingTier { a == .core || b == .core ? .core : .associate }

    static func assemble(_ candidates: [CandidateRing], context: RingDetector.Context) -> RingDetection {
        let parameters = context.parameters
        let significance = FalseDiscovery(
            surprises: candidates.map(\.surprise), attainable: candidates.map(\.attainable), alpha: parameters.alpha)
        var drafting = Drafting(candidates: candidates, context: context)
        let (drafts, peripheral) = sortOut(candidates, significance: significance, drafting: &drafting)
        var merged = mergeAccounts(drafts, candidates: candidates, significance: significance, context: context)
        attachWeakerAccounts(to: &merged, candidates: candidates, drafting: &drafting, window: parameters.window)
        attachSilentAccounts(to: &merged, candidates: candidates, context: context, window: parameters.window)
        for k in merged.indices { complete(&merged[k], candidates: candidates) }
        let rings = merged.enumerated().map {
            explain($1, rank: $0 + 1, candidates: candidates, counted: significance.counted, context: context)
        }
        return grade(
            rings, peripheral: peripheral, candidates: candidates.count, counted: significance.counted, context: context
        )
    }

    /// Each candidate drafted once, when first asked for (its members do not depend on its
    /// strength): one short of significance grades the periphery and is looked at again as
    /// another account of a ring.
    struct Drafting {
        let candidates: [CandidateRing]
        let context: RingDetector.Context
        private var drafted: [Int: Draft] = [:]

        init(candidates: [CandidateRing], context: RingDetector.Context) {
            self.candidates = candidates
            self.context = context
        }

        mutating func draft(_ i: Int) -> Draft {
            if let d = drafted[i] { return d }
            let d = RingAssembly.draft(
                candidates[i], index: i, threshold: -log10(context.parameters.alpha),
                window: context.parameters.window, context: context)
            drafted[i] = d
            return d
        }
    }

    /// A ring's strength shown as a score in [0, 1).
    static func score(_ strength: Double, scale: Double) -> Double { 1 - pow(10, -max(0, strength) / scale) }

    /// The significant candidates' drafts, strongest first, and every entity's grade from the
    /// evidence of candidates and their contacts (`peripheral`, below 0.3). A candidate short
    /// of significance still grades the members it would have: its would-be clients, insiders
    /// and intermediaries rank with its broker, weighted by role and tier like a ring's, so a
    /// missed ring's clients rank near its broker rather than among the broker's ordinary
    /// customers.
    static func sortOut(
        _ candidates: [CandidateRing], significance: FalseDiscovery,
        drafting: inout Drafting
    ) -> (drafts: [Draft], peripheral: [Double]) {
        let parameters = drafting.context.parameters
        let threshold = -log10(parameters.alpha)
        let map = { (strength: Double) in score(strength, scale: parameters.scoreScale) }
        var drafts: [Draft] = []
        var peripheral = [Double](repeating: 0, count: drafting.context.entities.count)
        for (i, candidate) in candidates.enumerated() {
            let raw = candidate.surprise, strength = significance.adjusted[i]
            peripheral[Int(candidate.broker)] = max(peripheral[Int(candidate.broker)], 0.3 * map(raw))
            for pair in candidate.pairs where !pair.tests.isEmpty {
                let e = Int(pair.contact.employee)
                peripheral[e] = max(peripheral[e], 0.3 * map(pair.surprise))
            }
            guard strength >= threshold else {
                guard raw > 0, candidate.testedContacts > 0 else { continue }
                let d = drafting.draft(i)
                let base = 0.3 * map(raw)
                for (e, tier) in d.insiders {
                    peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.insider, tier))
                }
                for (e, tier) in d.intermediaries {
                    peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.intermediary, tier))
                }
                for (e, tier) in d.clients {
                    peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.client, tier))
                }
                for e in d.acquaintances.keys {
                    peripheral[Int(e)] = max(peripheral[Int(e)], base * weight(.client, .associate))
                }
                continue
            }
            var d = drafting.draft(i)
            d.strength = strength
            drafts.append(d)
        }
        drafts.sort {
            ($0.strength, -$0.brokers[0], -$0.candidates[0]) > ($1.strength, -$1.brokers[0], -$1.candidates[0])
        }
        return (drafts, peripheral)
    }

    /// Significant drafts, strongest first, merged into rings: a draft that is another account
    /// of a kept ring's broker (Jaccard ≥ 0.5, a shared front and insider, or a handover) joins
    /// it; any other is a ring of its own if it stays significant once insiders proven in a
    /// stronger ring are explained away.
    static func mergeAccounts(
        _ drafts: [Draft], candidates: [CandidateRing], significance: FalseDiscovery,
        context: RingDetector.Context
    ) -> [Draft] {
        let window = context.parameters.window, threshold = -log10(context.parameters.alpha)
        var merged: [Draft] = []
        for d in drafts {
            // The same account assessed again (alone, or with another one used after it) is
            // the ring it is already a broker of.
            if let k = merged.firstIndex(where: { d.brokers.allSatisfy($0.brokers.contains) }) {
                if let handover = handover(between: merged[k], and: d, window: window) {
                    merged[k].handovers.append(handover)
                }
                takeMembers(of: d, into: &merged[k])
                continue
            }
            var match: (ring: Int, handover: Handover?)? = nil
            for (k, ring) in merged.enumerated() {
                let handover = handover(between: ring, and: d, window: window)
                if handover != nil || jaccard(ring.core, d.core) >= 0.5 || sharesAccounts(ring, d) {
                    match = (k, handover)
                    break
                }
            }
            if let match {
                join(d, into: &merged[match.ring], handover: match.handover, context: context)
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
        return merged
    }

    /// A significant draft that is another account of `ring`'s broker joins it. A front or mule
    /// of the kept ring found again as a candidate stays an intermediary; when the kept ring's
    /// broker is the other's front or mule, they swap. The account that deals with the
    /// insiders itself is the broker; between two that both do (a broker and its mule), the one
    /// that pays the other. Related: one is the other's own front or mule (money passes between
    /// the two). An account that is only some other intermediary's relay — a mule of the ring's
    /// front — and is a candidate itself is another account of the broker, not a go-between; so
    /// is a "mule" the other account does not fund (`fundsMostOf`): a broker that moves some
    /// money between two accounts it uses side by side.
    static func join(_ d: Draft, into ring: inout Draft, handover: Handover?, context: RingDetector.Context) {
        if let handover { ring.handovers.append(handover) }
        let related =
            isOwnIntermediary(d.brokers[0], of: ring, context: context)
            || ring.brokers.contains { isOwnIntermediary($0, of: d, context: context) }
        let dLeads = d.direct > ring.direct || (d.direct == ring.direct && d.mules.contains(ring.brokers[0]))
        if related && dLeads && ring.brokers.count == 1 {
            ring.intermediaries[ring.brokers[0]] = .core
            ring.brokers = d.brokers
            ring.direct = d.direct
            ring.mules = d.mules
        } else if related {
            ring.intermediaries[d.brokers[0]] = .core
        } else {
            ring.brokers += d.brokers.filter { !ring.brokers.contains($0) }
        }
        takeMembers(of: d, into: &ring)
    }

    /// `d`'s dealings, paying vendors, candidates, fronts, message ties and members join `ring`,
    /// each member at the better of its two tiers — or, `asAssociates` (a draft not significant
    /// on its own), as an associate where the ring does not hold it yet; an account that is one
    /// of the ring's brokers is no intermediary.
    static func takeMembers(of d: Draft, into ring: inout Draft, asAssociates: Bool = false) {
        ring.dealings += d.dealings
        ring.payers.formUnion(d.payers)
        ring.candidates.append(contentsOf: d.candidates)
        ring.fronts.formUnion(d.fronts)
        ring.takeMessageTies(of: d)
        let tier = { (t: RingTier) in asAssociates ? RingTier.associate : t }
        for (e, t) in d.insiders { ring.insiders[e] = best(ring.insiders[e], tier(t)) }
        for (e, t) in d.clients { ring.clients[e] = best(ring.clients[e], tier(t)) }
        for (e, t) in d.intermediaries where !ring.brokers.contains(e) {
            ring.intermediaries[e] = best(ring.intermediaries[e], tier(t))
        }
    }

    /// Whether `account` is one of `draft`'s broker's own go-betweens: a front passing vendor
    /// money on to it, or a mule it funds (`fundsMostOf`).
    static func isOwnIntermediary(_ account: Int32, of draft: Draft, context: RingDetector.Context) -> Bool {
        draft.fronts.contains(account)
            || (draft.mules.contains(account) && fundsMostOf(account, from: draft.brokers, context: context))
    }

    /// Whether `accounts` paid at least half of all the money `mule` received: a mule relays
    /// the broker's money, so the broker funds it, as a front passes on most of its vendor
    /// income (`PassThrough.passesOnMost`). An account the broker pays now and then but that
    /// lives on its own income — vendors paying it — is another of the broker's accounts.
    ///
    /// - Complexity: O(payments into `mule`).
    static func fundsMostOf(_ mule: Int32, from accounts: [Int32], context: RingDetector.Context) -> Bool {
        let payments = context.events.payments
        var fromAccounts = 0.0, total = 0.0
        for r in context.index.paymentsIn.rows(of: mule) {
            let amount = payments.amount[Int(r)]
            total += amount
            if accounts.contains(payments.source[Int(r)]) { fromAccounts += amount }
        }
        return fromAccounts >= total / 2
    }

    /// Other accounts of a reported broker: a candidate not significant on its own (a broker
    /// that switched accounts half-way leaves each with part of the evidence) that shares
    /// insiders and clients with a ring and whose own clients and insiders are mostly the
    /// ring's (at least half of them), that shares an insider and a front with it, or that
    /// handed an insider over to it — unless it is the ring broker's own front or mule (one the
    /// broker funds: see `join`). Its own members join as associates. (Two accounts assessed together are looked at here each on
    /// its own.)
    static func attachWeakerAccounts(
        to merged: inout [Draft], candidates: [CandidateRing], drafting: inout Drafting, window: Int64
    ) {
        let inRing = Set(merged.flatMap { $0.candidates })
        /// How much of `d` is the ring's (1 for a shared front and insider, or a handover).
        func containment(_ ring: Draft, _ d: Draft) -> (share: Double, handover: Handover?) {
            let handover = handover(between: ring, and: d, window: window)
            if handover != nil || sharesAccounts(ring, d) { return (1, handover) }
            let shared = ring.core.intersection(d.core)
            guard !Set(ring.insiders.keys).isDisjoint(with: d.insiders.keys),
                !Set(ring.clients.keys).isDisjoint(with: d.clients.keys)
            else { return (0, nil) }
            return (Double(shared.count) / Double(max(d.core.count, 1)), nil)
        }
        for (i, candidate) in candidates.enumerated()
        where !inRing.contains(i) && candidate.testedContacts > 0 && candidate.accounts.count == 1 {
            let b = candidate.broker
            let d = drafting.draft(i)
            guard !d.core.isEmpty else { continue }
            if let k = merged.indices.first(where: { isBroker(candidate, behindFrontOf: merged[$0]) }) {
                promote(b, draft: d, toBrokerOf: &merged[k])
                continue
            }
            let attachments = merged.map { containment($0, d) }
            guard
                let k = merged.indices.filter({ attachments[$0].share >= 0.5 })
                    .max(by: { (attachments[$0].share, -$0) < (attachments[$1].share, -$1) }),
                !merged[k].brokers.contains(b), !isOwnIntermediary(b, of: merged[k], context: drafting.context),
                merged[k].insiders[b] == nil, merged[k].clients[b] == nil
            else { continue }
            if let handover = attachments[k].handover { merged[k].handovers.append(handover) }
            merged[k].brokers.append(b)
            takeMembers(of: d, into: &merged[k], asAssociates: true)
        }
    }

    /// Whether `candidate`'s account, which a ring's broker counts as its front (it passes vendor
    /// money on to the broker), deals itself with one of the ring's core insiders — pays it
    /// directly or exchanges messages with it both ways. Then it is no go-between but the
    /// broker, and the ring's broker its mule: of two accounts that both deal with the insiders,
    /// the one that pays the other is the broker (`join`), and a front pays the broker.
    static func isBroker(_ candidate: CandidateRing, behindFrontOf ring: Draft) -> Bool {
        guard ring.brokers.count == 1, ring.fronts.contains(candidate.broker) else { return false }
        return candidate.pairs.contains { pair in
            let c = pair.contact
            let dealsItself = (c.messagesFromBroker > 0 && c.messagesToBroker > 0) || (c.mule < 0 && c.payments > 0)
            return dealsItself && ring.insiders[c.employee] == .core
        }
    }

    /// `account` (a candidate not significant on its own, drafted as `d`) becomes `ring`'s
    /// broker and the broker it paid an intermediary; its own members join as associates. It
    /// changes no strength.
    static func promote(_ account: Int32, draft d: Draft, toBrokerOf ring: inout Draft) {
        let former = ring.brokers[0]
        ring.brokers = [account]
        ring.intermediaries[account] = nil
        ring.intermediaries[former] = .core
        ring.fronts.remove(account)
        ring.mules.insert(former)
        ring.direct = max(ring.direct, d.direct)
        takeMembers(of: d, into: &ring, asAssociates: true)
    }

    /// A merged ring's last members: vendors tied to its broker by messages (and their fronts)
    /// join as associates, and vendors off the books that the insiders worked for as core
    /// clients; a broker is neither intermediary nor client; the broker's own
    /// candidate explains first (candidates whose broker ended up an intermediary still
    /// explain the members they found).
    static func complete(_ ring: inout Draft, candidates: [CandidateRing]) {
        for (v, front) in ring.acquaintances.sorted(by: { $0.key < $1.key }) where ring.clients[v] == nil {
            ring.clients[v] = .associate
            if front >= 0, ring.intermediaries[front] == nil { ring.intermediaries[front] = .associate }
        }
        for v in ring.offBooks.keys.sorted() where ring.clients[v] == nil { ring.clients[v] = .core }
        for b in ring.brokers {
            ring.intermediaries[b] = nil
            ring.clients[b] = nil
        }
        let primary = ring.brokers[0]
        ring.candidates.sort {
            (candidates[$0].broker == primary ? 0 : 1, $0) < (candidates[$1].broker == primary ? 0 : 1, $1)
        }
    }
}
