import Foundation
import RingfindGraph

/// Finds broker rings by testing, for every account that sits between the vendor side and the
/// employee side, whether the employees it deals with behave *unusually* towards its clients'
/// business — and reports a ring only where chance, corrected for how many accounts were
/// tested, is an implausible explanation.
///
/// **Candidates.** A candidate broker b is an external (not an employee, not a vendor) paid by
/// at least two vendors, directly or through a *front* (an account vendors pay that pays b),
/// and in contact with employees: it pays them (directly or through a *mule* it pays, who pays
/// them within the window) or exchanges messages with them. This is Gould & Fernandez's (1989)
/// liaison position between the vendor side and the employee side, read from the logs.
///
/// **What each contact e did for b.** e's accesses split into
/// - *client work* C: accesses to b's paying vendors;
/// - *rival and bulk work* R: after e's first contact with b, accesses to vendors in the same
///   `group` (market, country, category) as one of b's clients, and accesses that name no vendor
///   (exports, bulk jobs);
/// - *ordinary work* O: everything else — e's own baseline.
///
/// Each kind of evidence compares C ∪ R with what e's ordinary work predicts, none is required:
/// - **concealment**: unticketed jobs (`Jobs`: one session on one account under one ticket or
///   none) against the beta-binomial predictive of e's own unticketed rate on O, shrunk towards
///   the population's (`EmployeeBaseline`), which is learnt from the work no candidate is tested
///   on — so every candidate is assessed (in parallel) before any concealment is tested;
/// - **unusual action**: kinds of action e never performs in O (each counted once), against at
///   most |work| × the Good–Turing unseen mass (N₁ + 1)/(|O| + 1) (Good 1953) and at most the
///   kinds e has not used, as Poisson;
/// - **timing**: *timed jobs* — a job starting at t₃ with a client's payment at t₁ and a contact
///   (payment or message) at t₂, t₁ ≤ t₂ ≤ t₃ ≤ t₁ + window (for rival and bulk work, any
///   client's payment) — against their expected number when e's job start times after the
///   first contact are shuffled (a time-shuffle permutation null, computed exactly: the share
///   of those times in the union of loop intervals, `coveredShare`); Poisson tail, which bounds
///   the Poisson-binomial tail (Hoeffding 1956).
/// Only concealment is evidence of wrongdoing (unusual actions instead, when the log has no
/// tickets). The rest is computed and explained but does not make a ring, as measured on three
/// independently written generators (`Benchmarks/ring_matrix.py --ablate`):
/// - timing and focus (accesses to b's clients against e's volume × the clients' share of all
///   access, Poisson): legitimate agencies' escalations and contractors are focused and timed
///   too — counting even loops closed by an agency's payments to a contractor employee made
///   2.3 rings per decoy-only world;
/// - unusual actions: counting them never raised recall and lowered it on most worlds (each
///   extra test costs significance, and a ring's favours are mostly actions its insiders do
///   anyway), so beside concealment they are explained only.
///
/// **Significance.** A contact's tests, then b's contacts, combine by the stronger of Fisher's
/// method and Bonferroni's minimum (`TailProbability.combined`: strong whether the evidence is
/// spread over several insiders or concentrated in one among many innocent contacts); the
/// candidates' p-values are adjusted for how many were tested — counting only those whose
/// contacts did enough work to reach significance at all (two-stage adaptive Benjamini–Hochberg after Tarone's
/// screening, `FalseDiscovery`) — and b's ring is reported when its adjusted p-value is at most
/// `alpha`.
/// So the expected share of reported rings that are chance is at most alpha, and a world with
/// no ring reports none with probability ≥ 1 − alpha, whatever its size.
///
/// Retainers, cash and fake tickets each remove one kind of evidence, not the ring; mules,
/// fronts and second accounts are followed (`RingAssembly` merges accounts with the same
/// clients and insiders, or used one after the other). Two accounts that a vendor paid both and
/// that dealt with one tested employee one after the other are also assessed together, as one
/// more candidate (`SuccessiveAccounts`): a broker that switched accounts half-way leaves each
/// half the evidence.
///
/// Nothing here depends on id formats, names, amounts or how a generator distributes them.
///
/// - Complexity: O(rows log rows) to index, then O(Σ_b Σ_{e ∈ contacts(b)} (accesses(e) +
///   relations · payments · log)) — each candidate's contacts' access lists are read once;
///   candidates are assessed in parallel — then O(access rows) to fit the two priors on the
///   work no candidate is tested on (a bitmap of rows / 8 bytes per core marks it) and
///   O(candidates · contacts) to test the counts against them.
public struct RingDetector: Sendable {
    public var parameters: RingParameters

    /// - Parameter parameters: the window, session gap, false-discovery rate and display scale.
    public init(parameters: RingParameters = .init()) { self.parameters = parameters }

    /// The significant rings among every candidate broker, with every entity's score, role,
    /// tier and reasons; the same input gives the same result on any number of cores.
    ///
    /// - Complexity: see the type.
    public func run(entities: EntityTable, events: EventStore) -> RingDetection {
        let context = Context(entities: entities, events: events, parameters: parameters)
        // Candidates are assessed independently, in interleaved blocks on every core, each block
        // with its own scratch space; results are put back in broker order, so the outcome does
        // not depend on scheduling.
        let brokers = (0..<Int32(entities.count)).filter { context.mayBroker[Int($0)] }
        let blockSize = 256, blocks = (brokers.count + blockSize - 1) / blockSize
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blocks))
        var found = [[CandidateRing]](repeating: [], count: workers)
        var underTest = [RowSet?](repeating: nil, count: workers)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            underTest.withUnsafeMutableBufferPointer { marks in
                nonisolated(unsafe) let marked = marks
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var scratch = Scratch(context: context, markingWorkUnderTest: true)
                    var mine: [CandidateRing] = []
                    for block in stride(from: w, to: blocks, by: workers) {
                        for b in brokers[(block * blockSize)..<min(brokers.count, (block + 1) * blockSize)] {
                            if let candidate = assess(accounts: [b], owner: b, context: context, scratch: &scratch) {
                                mine.append(candidate)
                            }
                        }
                    }
                    out[w] = mine
                    marked[w] = scratch.underTest
                }
            }
        }
        // Concealment is tested against the population's habits on the work no candidate is
        // tested on (`EmployeeBaseline`).
        var excluded = RowSet(rowCount: events.access.rowCount)
        for marks in underTest { if let marks { excluded.formUnion(marks) } }
        let priors = context.priors(excluding: excluded)
        var candidates = found.flatMap { $0 }.sorted { $0.broker < $1.broker }
        for c in candidates.indices { candidates[c].conclude(priors) }
        // A broker's two accounts used one after the other, once more as one candidate.
        var scratch = Scratch(context: context, markingWorkUnderTest: false)
        for (k, pair) in SuccessiveAccounts.pairs(candidates, window: parameters.window).enumerated() {
            let accounts = [candidates[pair.earlier].broker, candidates[pair.later].broker]
            // Owners below -1 never collide with an entity's id or the empty stamp.
            if var joint = assess(
                accounts: accounts, owner: -2 - Int32(clamping: k), context: context, scratch: &scratch)
            {
                joint.conclude(priors)
                candidates.append(joint)
            }
        }
        return RingAssembly.assemble(candidates, context: context)
    }

    /// Per-candidate markers, reused (stamped with the candidate's id instead of cleared).
    struct Scratch {
        var clients: StampedSlots
        var contacts: StampedSlots
        var groupStamp: [Int32]
        var labelCount: [Int]
        var touchedLabels: [Int32] = []
        /// The access rows of the work under test: every tested contact's client, rival and
        /// bulk work, for every candidate assessed with this scratch space; nil when the priors
        /// are already fitted (the accounts assessed together afterwards).
        var underTest: RowSet?

        init(context: Context, markingWorkUnderTest: Bool) {
            clients = StampedSlots(context.entities.count)
            contacts = StampedSlots(context.entities.count)
            groupStamp = [Int32](repeating: -1, count: context.groupCount)
            labelCount = [Int](repeating: 0, count: context.events.labels.count)
            underTest = markingWorkUnderTest ? RowSet(rowCount: context.events.access.rowCount) : nil
        }
    }
}
