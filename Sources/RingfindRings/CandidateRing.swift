import Foundation
import RingfindGraph

/// What one employee in contact with a candidate broker did, with each test's result.
struct PairEvidence {
    struct Job {
        var row: Int
        var time: Int64
        var target: Int32
        var unticketed: Bool
        var unusual: Bool
        var timed: Bool
    }

    var contact: RingDetector.Contact
    var clientAccesses = 0
    var rivalAccesses = 0
    var focus = RingSignal(kind: .focus, observed: 0, expected: 0)
    /// Concealment and unusual actions, each tested separately on client work, rival work and
    /// bulk work: a client's few jobs are not diluted by a whole market's ordinary traffic, and
    /// bulk work (exports naming no vendor) is held to the employee's own bulk habits.
    var clientTests = ConductTests()
    var rivalTests = ConductTests()
    var bulkTests = ConductTests()
    var timing: RingSignal?
    /// Clients whose own data the employee touched.
    var touchedClients = Set<Int32>()
    /// Client, rival and bulk accesses that were unticketed, unusual or timed.
    var suspiciousJobs: [Job] = []

    var selected: Int { clientAccesses + rivalAccesses }
    /// Whether any part has a test that counts (`tests`, once concluded).
    var isTested: Bool { clientTests.isTested || rivalTests.isTested || bulkTests.isTested }

    /// Tests each part's concealment counts against the fitted priors (`ConductTests.conclude`).
    mutating func conclude(_ priors: EmployeeBaseline.Priors) {
        clientTests.conclude(priors)
        rivalTests.conclude(priors)
        bulkTests.conclude(priors)
    }
    /// The tests that count for this pair: concealment on client, rival and bulk work (see
    /// `ConductTests.evidence`). Unusual actions, timing and focus are reported, not counted.
    var tests: [RingSignal] { clientTests.evidence + rivalTests.evidence + bulkTests.evidence }
    /// Concealment over all the pair's selected work, for explanations (counts add up; the
    /// surprise is the Fisher combination of the two parts).
    var concealment: RingSignal? {
        ConductTests.joined([clientTests.concealment, rivalTests.concealment, bulkTests.concealment])
    }
    var unusualAction: RingSignal? {
        ConductTests.joined([clientTests.unusualAction, rivalTests.unusualAction, bulkTests.unusualAction])
    }
    /// Every measured kind, for explanations.
    var measured: [RingSignal] { [concealment, unusualAction, timing].compactMap { $0 } }
    /// The pair's conduct tests combined (`TailProbability.combined`).
    var surprise: Double { TailProbability.combined(tests.map(\.surprise)) }
    /// The strongest `surprise` the same work could have shown (see `ConductTests.attainable`).
    var attainable: Double {
        TailProbability.combined(clientTests.attainable + rivalTests.attainable + bulkTests.attainable)
    }
}

/// The conduct tests of one part of a pair's work.
struct ConductTests {
    /// What concealment is tested on: the part's jobs and unjustified ones, and the employee's
    /// ordinary jobs and unjustified ones — counted while every candidate is assessed, tested
    /// once the population's prior is fitted on the work none of them is tested on
    /// (`conclude`, `EmployeeBaseline`).
    struct ConcealmentCounts {
        var jobs = 0, unjustified = 0
        var ordinaryJobs = 0, ordinaryUnjustified = 0
        /// Bulk work (naming no vendor), held to the bulk prior.
        var bulk = false
    }

    var concealmentCounts: ConcealmentCounts?
    /// Set by `conclude`.
    var concealment: RingSignal?
    var unusualAction: RingSignal?
    /// The null of the unticketed count, BetaBinomial(jobs, a, b), for pooling; set by `conclude`.
    var concealmentNull = (trials: 0, a: 0.0, b: 0.0)

    /// Whether unusual actions count as evidence: only when concealment cannot be measured (the
    /// log records no tickets, or concealment is switched off).
    var unusualCounts = false

    /// Whether the part has a test that counts as evidence (`evidence`, once concluded).
    var isTested: Bool { concealmentCounts != nil || (unusualCounts && unusualAction != nil) }

    /// Tests the concealment counts against the employee's own habits: the beta-binomial
    /// predictive of the population's prior (`priors.vendor`, or `priors.bulk` for bulk work)
    /// updated with the employee's ordinary jobs.
    mutating func conclude(_ priors: EmployeeBaseline.Priors) {
        guard let counts = concealmentCounts else { return }
        let population = counts.bulk ? priors.bulk : priors.vendor
        let a = population.a + Double(counts.ordinaryUnjustified)
        let b = population.b + Double(counts.ordinaryJobs - counts.ordinaryUnjustified)
        concealment = .init(
            kind: .concealment, observed: Double(counts.unjustified), expected: Double(counts.jobs) * a / (a + b),
            surprise: TailProbability.betaBinomial(observed: counts.unjustified, trials: counts.jobs, a: a, b: b))
        concealmentNull = (counts.jobs, a, b)
    }

    /// The tests that count as evidence: concealment, or, without it, unusual actions. When
    /// both can be measured, unusual actions are explained but, like timing and focus, do not
    /// make a ring — see `RingDetector`.
    var evidence: [RingSignal] { [concealment ?? (unusualCounts ? unusualAction : nil)].compactMap { $0 } }

    /// The surprise each of `evidence` would show had every job been unticketed — the most the
    /// same work could prove, for Tarone's screening (`FalseDiscovery`). Unusual actions are
    /// not screened (`ConductTests.unscreened`).
    var attainable: [Double] {
        if concealment != nil {
            let null = concealmentNull
            return [TailProbability.betaBinomial(observed: null.trials, trials: null.trials, a: null.a, b: null.b)]
        }
        return evidence.isEmpty ? [] : [Self.unscreened]
    }

    /// A surprise beyond any threshold, finite so that combining stays defined.
    static let unscreened = 300.0

    static func joined(_ parts: [RingSignal?]) -> RingSignal? {
        let present = parts.compactMap { $0 }
        guard let first = present.first else { return nil }
        guard present.count > 1 else { return first }
        return RingSignal(
            kind: first.kind, observed: present.reduce(0) { $0 + $1.observed },
            expected: present.reduce(0) { $0 + $1.expected },
            surprise: TailProbability.fisher(present.map(\.surprise)))
    }
}

extension RingSignal {
    init(kind: Kind, observed: Double, expected: Double, surprise: Double? = nil) {
        self.init(
            kind: kind, observed: observed, expected: expected,
            surprise: surprise ?? TailProbability.poisson(observed: observed, expected: expected), available: true)
    }
}

/// A candidate broker with its clients and every contact's evidence, before significance.
struct CandidateRing {
    /// The broker's accounts: one, or two used one after the other (`SuccessiveAccounts`),
    /// the earlier first.
    var accounts: [Int32]
    var clients: [RingDetector.ClientMoney]
    var pairs: [PairEvidence]
    /// Contacts with client, rival or bulk accesses (the pairs whose tests count).
    var testedContacts: Int

    /// The account the candidate is named after (the earlier of two).
    var broker: Int32 { accounts[0] }

    /// Tests every contact's concealment counts against the fitted priors (`PairEvidence.conclude`).
    mutating func conclude(_ priors: EmployeeBaseline.Priors) {
        for p in pairs.indices { pairs[p].conclude(priors) }
    }

    /// The contacts' evidence combined (see `combined`).
    var surprise: Double { Self.combined(pairs) }
    /// The strongest `surprise` the candidate could have shown with the same work — every job of
    /// its contacts unticketed (Tarone 1990; see `FalseDiscovery`). Each part of `combined` is
    /// largest when every count is at its maximum, so this bounds it.
    var attainable: Double { Self.combined(pairs, attaining: true) }

    /// A broker's contacts' evidence combined (`TailProbability.combined` over two views):
    /// - *together*: client, rival and bulk work each pooled over the contacts — the unticketed
    ///   jobs of all of them against the sum of what each one's own habits predict (a sum of
    ///   independent beta-binomials, `TailProbability.sumOfBetaBinomials`) — then Fisher's
    ///   method over the pooled tests: strong when several insiders each did a little;
    /// - *alone*: the strongest contact, corrected for how many were tested: strong when one
    ///   insider among dozens of innocent contacts did a lot.
    /// With `attaining`, the same with every job unticketed (`attainable`).
    static func combined(_ pairs: [PairEvidence], attaining: Bool = false) -> Double {
        let tested = pairs.filter { !$0.tests.isEmpty }
        guard let strongest = tested.map({ attaining ? $0.attainable : $0.surprise }).max() else { return 0 }
        var pooled: [Double] = []
        for part in [\PairEvidence.clientTests, \PairEvidence.rivalTests, \PairEvidence.bulkTests] {
            let parts = tested.map { $0[keyPath: part] }
            let concealment = parts.filter { $0.concealment != nil }
            if !concealment.isEmpty {
                if attaining {
                    // Every job unticketed: the sum at its maximum, P = Π P(Xᵢ = nᵢ).
                    pooled.append(concealment.reduce(0) { $0 + $1.attainable.reduce(0, +) })
                } else {
                    let observed = concealment.reduce(0) { $0 + Int($1.concealment?.observed ?? 0) }
                    pooled.append(
                        TailProbability.sumOfBetaBinomials(
                            observed: observed, parts: concealment.map(\.concealmentNull)))
                }
            }
            let unusual = parts.filter { $0.concealment == nil && $0.unusualCounts }.compactMap(\.unusualAction)
            if !unusual.isEmpty {
                pooled.append(
                    attaining
                        ? ConductTests.unscreened
                        : TailProbability.poisson(
                            observed: unusual.reduce(0) { $0 + $1.observed },
                            expected: unusual.reduce(0) { $0 + $1.expected }))
            }
        }
        let together = TailProbability.fisher(pooled)
        let alone = strongest - log10(Double(tested.count))
        return max(0, max(together, alone) - log10(2))
    }
}

/// Per-candidate slots for entities, without clearing between candidates: an entity's slot is
/// valid only while its stamp equals the current candidate's id.
struct StampedSlots {
    private var stamps: [Int32]
    private var slots: [Int32]

    init(_ entityCount: Int) {
        stamps = [Int32](repeating: -1, count: entityCount)
        slots = [Int32](repeating: 0, count: entityCount)
    }

    func owner(_ entity: Int) -> Int32 { stamps[entity] }
    func slot(_ entity: Int) -> Int { Int(slots[entity]) }

    /// The entity's index in `items` for `owner`, appending `make()` the first time.
    mutating func slot<Item>(of entity: Int32, owner: Int32, count items: inout [Item], make: () -> Item) -> Int {
        if stamps[Int(entity)] == owner { return Int(slots[Int(entity)]) }
        stamps[Int(entity)] = owner
        slots[Int(entity)] = Int32(items.count)
        items.append(make())
        return items.count - 1
    }
}
