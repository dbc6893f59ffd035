import Foundation
import RingfindGraph

extension RingDetector {
    /// What one contact did for a candidate: the employee's accesses split into client, rival
    /// and bulk work against the rest (the employee's own baseline), with the conduct tests on
    /// each part, the timing and focus that are explained only, and the suspicious jobs that
    /// decide clients (see the type's notes).
    ///
    /// - Complexity: O(accesses of the employee + timed jobs × log payments).
    func evaluate(
        _ contact: Contact, owner b: Int32, clients: [ClientMoney], anyClient: PaymentTimes, clientShare: Double,
        context: Context, scratch: inout Scratch
    ) -> PairEvidence {
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
                if v < 0 {
                    isRival = true
                } else {
                    let g = context.groupOf[Int(v)]
                    isRival = g >= 0 && scratch.groupStamp[Int(g)] == b
                }
            }
            let selected = isClient || isRival
            let newJob =
                previous.map {
                    !Jobs.continues(row, after: $0.row, access: access, sessionGap: context.parameters.sessionGap)
                        || $0.selected != selected
                } ?? true
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
            return (
                population.a + Double(ordinaryUnticketedJobs[part]),
                population.b + Double(ordinaryJobs[part] - ordinaryUnticketedJobs[part])
            )
        }
        func conduct(_ kind: WorkKind) -> ConductTests {
            var trials = 0, jobs = 0, unticketed = 0
            var unusual = Set<Int32>()
            for (i, row) in selectedRows.enumerated() {
                let v = access.target[row]
                guard WorkKind(target: v, isClient: v >= 0 && scratch.clients.owner(Int(v)) == b) == kind else {
                    continue
                }
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
                tests.concealment = .init(
                    kind: .concealment, observed: Double(unticketed), expected: Double(jobs) * a / (a + bb),
                    surprise: TailProbability.betaBinomial(observed: unticketed, trials: jobs, a: a, b: bb))
                tests.concealmentNull = (jobs, a, bb)
            }
            if context.uses(.unusualAction) {
                let expected = min(Double(trials) * unseenMass, Double(unusedKinds))
                tests.unusualAction = .init(
                    kind: .unusualAction, observed: Double(unusual.count), expected: expected,
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
                    chance[slot] = Self.coveredShare(
                        of: jobStarts, from: slot >= 0 ? Timestamp.missing : firstContact,
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
            let flags = (
                unticketed: access.ticket.isEmpty(row),
                unusual: context.uses(.unusualAction) && label >= 0 && scratch.labelCount[Int(label)] == 0,
                timed: isTimed.contains(row)
            )
            // An unusual action alone marks a job only where it is the evidence (concealment
            // cannot be measured): beside concealment it makes no ring, and it decides no client.
            guard flags.unticketed || flags.timed || (flags.unusual && !context.uses(.concealment)) else { continue }
            pair.suspiciousJobs.append(
                .init(
                    row: row, time: access.time[row], target: access.target[row],
                    unticketed: flags.unticketed, unusual: flags.unusual, timed: flags.timed))
        }
        return pair
    }
}
