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
///   the population's (`EmployeeBaseline`);
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
/// contacts did enough work to reach significance at all (Benjamini–Hochberg after Tarone's
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
///   candidates are assessed in parallel.
public struct RingDetector: Sendable {
    public var parameters: RingParameters

    public init(parameters: RingParameters = .init()) { self.parameters = parameters }

    public func run(entities: EntityTable, events: EventStore) -> RingDetection {
        let context = Context(entities: entities, events: events, parameters: parameters)
        // Candidates are assessed independently, in interleaved blocks on every core, each block
        // with its own scratch space; results are put back in broker order, so the outcome does
        // not depend on scheduling.
        let brokers = (0..<Int32(entities.count)).filter { context.mayBroker[Int($0)] }
        let blockSize = 256, blocks = (brokers.count + blockSize - 1) / blockSize
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blocks))
        var found = [[CandidateRing]](repeating: [], count: workers)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var scratch = Scratch(entityCount: entities.count, labelCount: events.labels.count, groupCount: context.groupCount)
                var mine: [CandidateRing] = []
                for block in stride(from: w, to: blocks, by: workers) {
                    for b in brokers[(block * blockSize)..<min(brokers.count, (block + 1) * blockSize)] {
                        if let candidate = assess(accounts: [b], owner: b, context: context, scratch: &scratch) { mine.append(candidate) }
                    }
                }
                out[w] = mine
            }
        }
        var candidates = found.flatMap { $0 }.sorted { $0.broker < $1.broker }
        // A broker's two accounts used one after the other, once more as one candidate.
        var scratch = Scratch(entityCount: entities.count, labelCount: events.labels.count, groupCount: context.groupCount)
        for (k, pair) in SuccessiveAccounts.pairs(candidates, window: parameters.window).enumerated() {
            let accounts = [candidates[pair.earlier].broker, candidates[pair.later].broker]
            // Owners below -1 never collide with an entity's id or the empty stamp.
            if let joint = assess(accounts: accounts, owner: -2 - Int32(clamping: k), context: context, scratch: &scratch) {
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

        init(entityCount n: Int, labelCount labels: Int, groupCount groups: Int) {
            clients = StampedSlots(n)
            contacts = StampedSlots(n)
            groupStamp = [Int32](repeating: -1, count: groups)
            labelCount = [Int](repeating: 0, count: labels)
        }
    }

    /// One candidate: a broker's `accounts` (one, or two used one after the other, see
    /// `SuccessiveAccounts`) with their clients and every contact's evidence. `owner` stamps the
    /// scratch slots: unique per candidate.
    private func assess(accounts: [Int32], owner: Int32, context: Context, scratch: inout Scratch) -> CandidateRing? {
        let index = context.index, payments = context.events.payments, messages = context.events.communications
        let isVendor = context.isVendor, isEmployee = context.isEmployee
        // Clients: vendors paying an account, or paying a front that pays one.
        var clients: [ClientMoney] = []
        func client(_ v: Int32) -> Int {
            scratch.clients.slot(of: v, owner: owner, count: &clients) { ClientMoney(vendor: v) }
        }
        func addClients(of b: Int32) {
            // Whether an account passes on most of its vendor income to b (or to b and another
            // account dealing itself with one of the employees b deals with itself: a second
            // account), once per account.
            var fronts: [Int32: Bool] = [:]
            var brokersEmployees: Set<Int32>? = nil
            func isFront(_ payer: Int32) -> Bool {
                if let known = fronts[payer] { return known }
                let own = brokersEmployees ?? context.directlyTiedEmployees(of: b)
                brokersEmployees = own
                let front = PassThrough.passesOnMost(of: payer, to: b, payments: payments, index: index, isVendor: isVendor) { other in
                    context.mayBroker[Int(other)] && !context.directlyTiedEmployees(of: other).isDisjoint(with: own)
                }
                fronts[payer] = front
                return front
            }
            for r in index.paymentsIn.rows(of: b) {
                let payer = payments.source[Int(r)]
                if isVendor[Int(payer)] {
                    clients[client(payer)].rows.append(Int(r))
                } else if context.mayBroker[Int(payer)] && !accounts.contains(payer), isFront(payer) {
                    // A possible front: the vendor payments it passed on to b (see `PassThrough`).
                    for r2 in PassThrough.funding(of: Int(r), into: payer, payments: payments, index: index, isVendor: isVendor,
                                                  window: context.parameters.window) {
                        let c = client(payments.source[r2])
                        if clients[c].front < 0 || clients[c].front == payer, !clients[c].rows.contains(r2) {
                            clients[c].front = payer
                            clients[c].rows.append(r2)
                            if clients[c].frontRows.last != Int(r) { clients[c].frontRows.append(Int(r)) }
                        }
                    }
                }
            }
        }
        for b in accounts { addClients(of: b) }
        guard clients.count >= 2 else { return nil }
        // Contacts: employees an account pays or messages (either way), or pays through a mule.
        var contacts: [Contact] = []
        func contact(_ e: Int32) -> Int {
            scratch.contacts.slot(of: e, owner: owner, count: &contacts) { Contact(employee: e) }
        }
        var relayed = Set<Int>()
        func addContacts(of b: Int32) {
            for r in index.paymentsOut.rows(of: b) {
                let to = payments.target[Int(r)]
                if isEmployee[Int(to)] {
                    let c = contact(to)
                    contacts[c].times.append(payments.time[Int(r)])
                    contacts[c].rows.append((.payment, Int(r)))
                    contacts[c].paid += payments.amount[Int(r)]
                    contacts[c].payments += 1
                } else if context.mayBroker[Int(to)] && !accounts.contains(to) {
                    // A possible mule: the payments to employees that relay b's (see `PassThrough`).
                    for r2 in PassThrough.relays(of: Int(r), from: to, payments: payments, index: index, isEmployee: isEmployee,
                                                 window: context.parameters.window) {
                        let e = payments.target[r2]
                        let c = contact(e)
                        if contacts[c].mule < 0 { contacts[c].mule = to }
                        contacts[c].muleRows.append(Int(r))
                        // One relayed payment can follow several of b's payments to the mule: count it once.
                        guard relayed.insert(r2).inserted else { continue }
                        contacts[c].times.append(payments.time[r2])
                        contacts[c].rows.append((.payment, r2))
                        contacts[c].paid += payments.amount[r2]
                        contacts[c].payments += 1
                    }
                }
            }
            for r in index.messagesOut.rows(of: b) where isEmployee[Int(messages.target[Int(r)])] {
                let c = contact(messages.target[Int(r)])
                contacts[c].times.append(messages.time[Int(r)])
                contacts[c].rows.append((.communication, Int(r)))
                contacts[c].messagesFromBroker += 1
            }
            for r in index.messagesIn.rows(of: b) where isEmployee[Int(messages.source[Int(r)])] {
                let c = contact(messages.source[Int(r)])
                contacts[c].times.append(messages.time[Int(r)])
                contacts[c].rows.append((.communication, Int(r)))
                contacts[c].messagesToBroker += 1
            }
        }
        for b in accounts { addContacts(of: b) }
        guard !contacts.isEmpty else { return nil }
        for c in clients.indices { clients[c].sortByTime(payments: payments) }
        for c in contacts.indices {
            let order = contacts[c].times.indices.sorted { (contacts[c].times[$0], $0) < (contacts[c].times[$1], $1) }
            contacts[c].times = order.map { contacts[c].times[$0] }
            contacts[c].rows = order.map { contacts[c].rows[$0] }
        }
        var clientShare = 0.0
        for money in clients {
            clientShare += index.accessShare[Int(money.vendor)]
            let g = context.groupOf[Int(money.vendor)]
            if g >= 0 { scratch.groupStamp[Int(g)] = owner }
        }
        let anyClient = PaymentTimes(merging: clients)
        var pairs: [PairEvidence] = []
        var tested = 0
        for c in contacts {
            let pair = evaluate(c, owner: owner, clients: clients, anyClient: anyClient, clientShare: clientShare,
                                context: context, scratch: &scratch)
            if !pair.tests.isEmpty { tested += 1 }
            pairs.append(pair)
        }
        guard tested > 0 else { return nil }
        return CandidateRing(accounts: accounts, clients: clients, pairs: pairs, testedContacts: tested)
    }

    private func evaluate(_ contact: Contact, owner b: Int32, clients: [ClientMoney], anyClient: PaymentTimes, clientShare: Double,
                          context: Context, scratch: inout Scratch) -> PairEvidence {
        let access = context.events.access
        let e = contact.employee
        let rows = context.index.accessByEmployee.rows(of: e)
        let firstContact = contact.times.first { $0 != Timestamp.missing } ?? Timestamp.missing
        var pair = PairEvidence(contact: contact)
        var selectedRows: [Int] = []
        /// Whether each selected row starts a job (see `Jobs`).
        var startsJob: [Bool] = []
        var ordinary = 0, total = 0
        // Ordinary jobs and unticketed ones, on vendors' accounts [0] and in bulk [1].
        var ordinaryJobs = [0, 0], ordinaryUnticketedJobs = [0, 0]
        var previous: (row: Int, selected: Bool)? = nil
        /// When each of the employee's jobs started, in time order.
        var jobStarts: [Int64] = []
        for label in scratch.touchedLabels { scratch.labelCount[Int(label)] = 0 }
        scratch.touchedLabels.removeAll(keepingCapacity: true)
        for r in rows {
            let row = Int(r), v = access.target[row], w = Int(access.count[row])
            total += w
            // Work on the clients' own accounts counts whenever it happened (a bribe can follow
            // the job); rival and bulk work, which a whole market's traffic could fill, only after
            // the first contact — before it, it is the employee's own baseline.
            let t = access.time[row]
            let afterContact = firstContact == Timestamp.missing || t == Timestamp.missing || t >= firstContact
            let isClient = v >= 0 && scratch.clients.owner(Int(v)) == b
            var isRival = false
            if afterContact && !isClient {
                if v < 0 { isRival = true } else {
                    let g = context.groupOf[Int(v)]
                    isRival = g >= 0 && scratch.groupStamp[Int(g)] == b
                }
            }
            let selected = isClient || isRival
            let newJob = previous.map { !Jobs.continues(row, after: $0.row, access: access, sessionGap: context.parameters.sessionGap) || $0.selected != selected } ?? true
            previous = (row, selected)
            if newJob && t != Timestamp.missing { jobStarts.append(t) }
            if selected {
                selectedRows.append(row)
                startsJob.append(newJob)
                if isClient { pair.touchedClients.insert(v) }
                if isClient { pair.clientAccesses += w } else { pair.rivalAccesses += w }
            } else {
                ordinary += w
                if newJob {
                    let part = v < 0 ? 1 : 0
                    ordinaryJobs[part] += 1
                    if access.ticket.isEmpty(row) { ordinaryUnticketedJobs[part] += 1 }
                }
                let label = access.label[row]
                if label >= 0 {
                    if scratch.labelCount[Int(label)] == 0 { scratch.touchedLabels.append(label) }
                    scratch.labelCount[Int(label)] += w
                }
            }
        }
        pair.focus = .init(kind: .focus, observed: Double(pair.clientAccesses), expected: Double(total) * clientShare)
        // Only a tie is tested: money (directly or through a mule) or messages both ways. A
        // message nobody answered is not a relationship (cold-messaging would-be brokers,
        // agencies writing to support), and testing every recipient would spend significance.
        guard !selectedRows.isEmpty, contact.isTie else { return pair }
        // Unusual action: actions never seen in the ordinary work, against the unseen mass.
        // Unusual action: kinds of action the employee never performs in ordinary work. A kind
        // counts once however often it recurs (one job type repeated is one surprise, not many).
        // Under the null, the work is more draws from the ordinary mix: m draws fall on unseen
        // kinds with probability at most the Good–Turing unseen mass U = (N₁ + 1)/(|O| + 1) each,
        // so they show at most m·U new kinds, and never more than the kinds the log names that
        // the employee has not used.
        var seenOnce = 0
        for label in scratch.touchedLabels where scratch.labelCount[Int(label)] == 1 { seenOnce += 1 }
        let unseenMass = min(1, Double(seenOnce + 1) / Double(ordinary + 1))
        let unusedKinds = max(0, context.actionKinds - scratch.touchedLabels.count)
        // The employee's unticketed rate on vendors' accounts and in bulk, each its own prior
        // updated with the employee's own ordinary jobs of that kind.
        func prior(_ part: Int) -> (a: Double, b: Double) {
            let population = part == 0 ? context.baseline : context.bulkBaseline
            return (population.a + Double(ordinaryUnticketedJobs[part]), population.b + Double(ordinaryJobs[part] - ordinaryUnticketedJobs[part]))
        }
        func conduct(_ kind: WorkKind) -> ConductTests {
            var trials = 0, jobs = 0, unticketed = 0
            var unusual = Set<Int32>()
            for (i, row) in selectedRows.enumerated() {
                let v = access.target[row]
                guard WorkKind(target: v, isClient: v >= 0 && scratch.clients.owner(Int(v)) == b) == kind else { continue }
                trials += Int(access.count[row])
                if startsJob[i] {
                    jobs += 1
                    if access.ticket.isEmpty(row) { unticketed += 1 }
                }
                let label = access.label[row]
                if label >= 0 && scratch.labelCount[Int(label)] == 0 { unusual.insert(label) }
            }
            var tests = ConductTests()
            tests.unusualCounts = !context.uses(.concealment)
            guard trials > 0 else { return tests }
            // Concealment: unticketed jobs, beta-binomial predictive of the employee's own rate.
            if context.uses(.concealment) {
                let (a, bb) = prior(kind == .bulk ? 1 : 0)
                tests.concealment = .init(kind: .concealment, observed: Double(unticketed), expected: Double(jobs) * a / (a + bb),
                                          surprise: TailProbability.betaBinomial(observed: unticketed, trials: jobs, a: a, b: bb))
                tests.concealmentNull = (jobs, a, bb)
            }
            if context.uses(.unusualAction) {
                let expected = min(Double(trials) * unseenMass, Double(unusedKinds))
                tests.unusualAction = .init(kind: .unusualAction, observed: Double(unusual.count), expected: expected,
                                            surprise: TailProbability.poisson(observed: Double(unusual.count), expected: expected))
            }
            return tests
        }
        pair.clientTests = conduct(.client)
        pair.rivalTests = conduct(.rival)
        pair.bulkTests = conduct(.bulk)
        // Timing: jobs that close a loop (a client's payment, then the broker's payment or message
        // to the employee, then the job, within the window), against the employee's own job start
        // times shuffled. Reported, not evidence (see the type's notes).
        let window = context.parameters.window
        var timedJobs = 0
        var isTimed = Set<Int>()
        if context.uses(.timing) {
            var clientTimes: [Int: PaymentTimes] = [:]
            var chance: [Int: Double] = [:]  // client slot (or -1 for any client) → P(a shuffled job closes a loop)
            var expected = 0.0
            for (i, row) in selectedRows.enumerated() where startsJob[i] {
                let v = access.target[row]
                let slot = v >= 0 && scratch.clients.owner(Int(v)) == b ? scratch.clients.slot(Int(v)) : -1
                if slot >= 0 && clientTimes[slot] == nil { clientTimes[slot] = PaymentTimes(clients[slot]) }
                let money = slot >= 0 ? clientTimes[slot]! : anyClient
                if chance[slot] == nil {
                    // Rival and bulk work is only counted after the first contact: shuffle it among those times.
                    chance[slot] = Self.coveredShare(of: jobStarts, from: slot >= 0 ? Timestamp.missing : firstContact,
                                                     money: money, contact: contact, window: window)
                }
                expected += chance[slot]!
                if Self.closesLoop(at: access.time[row], money: money, contact: contact, window: window) {
                    timedJobs += 1
                    isTimed.insert(row)
                }
            }
            pair.timing = .init(kind: .timing, observed: Double(timedJobs), expected: expected)
        }
        for row in selectedRows {
            let label = access.label[row]
            let flags = (unticketed: access.ticket.isEmpty(row), unusual: context.uses(.unusualAction) && label >= 0 && scratch.labelCount[Int(label)] == 0,
                         timed: isTimed.contains(row))
            // An unusual action alone marks a job only where it is the evidence (concealment
            // cannot be measured): beside concealment it makes no ring, and it decides no client.
            guard flags.unticketed || flags.timed || (flags.unusual && !context.uses(.concealment)) else { continue }
            pair.suspiciousJobs.append(.init(row: row, time: access.time[row], target: access.target[row],
                                             unticketed: flags.unticketed, unusual: flags.unusual, timed: flags.timed))
        }
        return pair
    }
}
