import Foundation
import RingfindGraph

extension RingDetector {
    /// An employee's accesses split into the work a candidate may have bought — client, rival
    /// and bulk work (`selectedRows`) — and the employee's ordinary work, counted in jobs (`Jobs`).
    struct WorkSplit {
        var selectedRows: [Int] = []
        /// Whether each selected row starts a job.
        var startsJob: [Bool] = []
        /// Accesses in ordinary work, and in all.
        var ordinary = 0, total = 0
        /// Ordinary jobs and unticketed ones, on vendors' accounts [0] and in bulk [1].
        var ordinaryJobs = [0, 0], ordinaryUnticketedJobs = [0, 0]
        /// When each of the employee's jobs started, in time order.
        var jobStarts: [Int64] = []
        /// The first payment or message between the broker and the employee (`Timestamp.missing`
        /// when none is dated): rival and bulk work counts only after it.
        var firstContact = Timestamp.missing
        /// The Good–Turing unseen mass of the ordinary work's kinds of action, (N₁ + 1)/(|O| + 1),
        /// and how many kinds the log names that the ordinary work does not use.
        var unseenMass = 1.0, unusedKinds = 0
    }

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
        var pair = PairEvidence(contact: contact)
        let work = split(contact, owner: b, context: context, scratch: &scratch, into: &pair)
        pair.focus = .init(
            kind: .focus, observed: Double(pair.clientAccesses), expected: Double(work.total) * clientShare)
        // Only a tie is tested: money (directly or through a mule) or messages both ways. A
        // message nobody answered is not a relationship (cold-messaging would-be brokers,
        // agencies writing to support), and testing every recipient would spend significance.
        guard !work.selectedRows.isEmpty, contact.isTie else { return pair }
        pair.clientTests = conduct(.client, of: work, owner: b, context: context, scratch: scratch)
        pair.rivalTests = conduct(.rival, of: work, owner: b, context: context, scratch: scratch)
        pair.bulkTests = conduct(.bulk, of: work, owner: b, context: context, scratch: scratch)
        // The work under test, which the population's prior leaves out (`EmployeeBaseline`).
        if scratch.underTest != nil { for row in work.selectedRows { scratch.underTest?.insert(row) } }
        var isTimed = Set<Int>()
        if context.uses(.timing) {
            let (timing, timed) = self.timing(
                of: work, contact: contact, owner: b, clients: clients, anyClient: anyClient, context: context,
                scratch: scratch)
            pair.timing = timing
            isTimed = timed
        }
        let access = context.events.access
        for row in work.selectedRows {
            let label = access.label[row]
            let flags = (
                unticketed: context.isUnjustified(row),
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

    /// The employee's accesses split into selected and ordinary work, with the accesses to the
    /// clients and to their rivals counted into `pair`; the ordinary work's kinds of action are
    /// left counted in `scratch.labelCount`.
    func split(
        _ contact: Contact, owner b: Int32, context: Context, scratch: inout Scratch, into pair: inout PairEvidence
    ) -> WorkSplit {
        let access = context.events.access
        let firstContact = contact.times.first { $0 != Timestamp.missing } ?? Timestamp.missing
        var work = WorkSplit()
        work.firstContact = firstContact
        var previous: (row: Int, selected: Bool)? = nil
        for label in scratch.touchedLabels { scratch.labelCount[Int(label)] = 0 }
        scratch.touchedLabels.removeAll(keepingCapacity: true)
        for r in context.index.accessByEmployee.rows(of: contact.employee) {
            let row = Int(r), v = access.target[row], w = Int(access.count[row])
            work.total += w
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
            if newJob && t != Timestamp.missing { work.jobStarts.append(t) }
            if selected {
                work.selectedRows.append(row)
                work.startsJob.append(newJob)
                if isClient { pair.touchedClients.insert(v) }
                if isClient { pair.clientAccesses += w } else { pair.rivalAccesses += w }
            } else {
                work.ordinary += w
                if newJob {
                    let part = v < 0 ? 1 : 0
                    work.ordinaryJobs[part] += 1
                    if context.isUnjustified(row) { work.ordinaryUnticketedJobs[part] += 1 }
                }
                let label = access.label[row]
                if label >= 0 {
                    if scratch.labelCount[Int(label)] == 0 { scratch.touchedLabels.append(label) }
                    scratch.labelCount[Int(label)] += w
                }
            }
        }
        var seenOnce = 0
        for label in scratch.touchedLabels where scratch.labelCount[Int(label)] == 1 { seenOnce += 1 }
        work.unseenMass = min(1, Double(seenOnce + 1) / Double(work.ordinary + 1))
        work.unusedKinds = max(0, context.actionKinds - scratch.touchedLabels.count)
        return work
    }

    /// The conduct tests on one part of the selected work:
    /// - concealment: unticketed jobs against the beta-binomial predictive of the employee's own
    ///   unticketed rate on that kind of work (vendors' accounts, or bulk), the population's
    ///   rate updated with the employee's ordinary jobs — counted here, tested by
    ///   `ConductTests.conclude` once the population's prior is fitted;
    /// - unusual action: kinds of action the employee never performs in ordinary work, each
    ///   counted once however often it recurs. Under the null, the work is more draws from the
    ///   ordinary mix: m draws fall on unseen kinds with probability at most the Good–Turing
    ///   unseen mass U = (N₁ + 1)/(|O| + 1) each, so they show at most m·U new kinds, and never
    ///   more than the kinds the log names that the employee has not used.
    func conduct(_ kind: WorkKind, of work: WorkSplit, owner b: Int32, context: Context, scratch: Scratch)
        -> ConductTests
    {
        let access = context.events.access
        var trials = 0, jobs = 0, unticketed = 0
        var unusual = Set<Int32>()
        for (i, row) in work.selectedRows.enumerated() {
            let v = access.target[row]
            guard WorkKind(target: v, isClient: v >= 0 && scratch.clients.owner(Int(v)) == b) == kind else { continue }
            trials += Int(access.count[row])
            if work.startsJob[i] {
                jobs += 1
                if context.isUnjustified(row) { unticketed += 1 }
            }
            let label = access.label[row]
            if label >= 0 && scratch.labelCount[Int(label)] == 0 { unusual.insert(label) }
        }
        var tests = ConductTests()
        tests.unusualCounts = !context.uses(.concealment)
        guard trials > 0 else { return tests }
        if context.uses(.concealment) {
            // Tested once the population's prior is fitted (`ConductTests.conclude`).
            let part = kind == .bulk ? 1 : 0
            tests.concealmentCounts = .init(
                jobs: jobs, unjustified: unticketed, ordinaryJobs: work.ordinaryJobs[part],
                ordinaryUnjustified: work.ordinaryUnticketedJobs[part], bulk: kind == .bulk)
        }
        if context.uses(.unusualAction) {
            let expected = min(Double(trials) * work.unseenMass, Double(work.unusedKinds))
            tests.unusualAction = .init(
                kind: .unusualAction, observed: Double(unusual.count), expected: expected,
                surprise: TailProbability.poisson(observed: Double(unusual.count), expected: expected))
        }
        return tests
    }

    /// Timing: jobs that close a loop (a client's payment, then the broker's payment or message
    /// to the employee, then the job, within the window), against the employee's own job start
    /// times shuffled; with the rows of the timed jobs. Reported, not evidence (see the type's
    /// notes).
    func timing(
        of work: WorkSplit, contact: Contact, owner b: Int32, clients: [ClientMoney], anyClient: PaymentTimes,
        context: Context, scratch: Scratch
    ) -> (RingSignal, Set<Int>) {
        let access = context.events.access, window = context.parameters.window
        var timedJobs = 0
        var isTimed = Set<Int>()
        var clientTimes: [Int: PaymentTimes] = [:]
        var chance: [Int: Double] = [:]  // client slot (or -1 for any client) → P(a shuffled job closes a loop)
        var expected = 0.0
        for (i, row) in work.selectedRows.enumerated() where work.startsJob[i] {
            let v = access.target[row]
            let slot = v >= 0 && scratch.clients.owner(Int(v)) == b ? scratch.clients.slot(Int(v)) : -1
            let money: PaymentTimes
            if slot >= 0 {
                let times = clientTimes[slot] ?? PaymentTimes(clients[slot])
                clientTimes[slot] = times
                money = times
            } else {
                money = anyClient
            }
            // Rival and bulk work is only counted after the first contact: shuffle it among those times.
            let share =
                chance[slot]
                ?? Self.coveredShare(
                    of: work.jobStarts, from: slot >= 0 ? Timestamp.missing : work.firstContact,
                    money: money, contact: contact, window: window)
            chance[slot] = share
            expected += share
            if Self.closesLoop(at: access.time[row], money: money, contact: contact, window: window) {
                timedJobs += 1
                isTimed.insert(row)
            }
        }
        return (RingSignal(kind: .timing, observed: Double(timedJobs), expected: expected), isTimed)
    }
}
