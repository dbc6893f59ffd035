import Foundation
import RingfindGraph

extension RingAssembly {
    /// Members and tiers of one candidate (strength 0: the caller sets it when it is a ring):
    /// its insiders and the suspicious jobs they did, the clients those jobs were for, and the
    /// intermediaries on the way.
    static func draft(
        _ candidate: CandidateRing, index: Int, threshold: Double, window: Int64,
        context: RingDetector.Context
    ) -> Draft {
        var d = Draft(brokers: candidate.accounts, candidates: [index], strength: 0)
        d.payers = Set(candidate.clients.map(\.vendor))
        let jobs = draftInsiders(of: candidate, threshold: threshold, context: context, into: &d)
        var talkedBothWays = Set<Int32>()
        for account in candidate.accounts { talkedBothWays.formUnion(context.messagedBothWays(with: account)) }
        let workedFor = clientsWorkedFor(
            by: jobs, of: candidate, talkedBothWays: talkedBothWays, window: window, context: context)
        draftClients(of: candidate, workedFor: workedFor, talkedBothWays: talkedBothWays, into: &d)
        if context.uses(.concealment) {
            draftOffBooks(of: candidate, talkedBothWays: talkedBothWays, context: context, into: &d)
        }
        return d
    }

    /// Clients off the books (`Draft.offBooks`): vendors that exchanged messages with the broker
    /// both ways and paid it nothing that was seen (cash, another channel), on whose own accounts
    /// a core insider worked without a ticket — the same job that makes a paying client core.
    /// They join the ring, not its tests: which broker is significant is decided by the clients
    /// whose money shows, since a vendor that answers a broker's messages is not yet its client.
    ///
    /// - Complexity: O(accesses of the core insiders).
    static func draftOffBooks(
        of candidate: CandidateRing, talkedBothWays: Set<Int32>, context: RingDetector.Context, into d: inout Draft
    ) {
        let access = context.events.access
        let payers = Set(candidate.clients.map(\.vendor))
        for (e, tier) in d.insiders.sorted(by: { $0.key < $1.key }) where tier == .core {
            for r in context.index.accessByEmployee.rows(of: e) {
                let v = access.target[Int(r)]
                guard v >= 0, context.isVendor[Int(v)], talkedBothWays.contains(v), !payers.contains(v),
                    context.isUnjustified(Int(r))
                else { continue }
                d.offBooks[v, default: []].append(Int(r))
            }
        }
    }

    /// The candidate's insiders — *core* when their own tests are significant (the strongest
    /// contact when none is alone), *associate* when tied by money or messages both ways — with
    /// their mules and dealings; returns the suspicious jobs that decide clients.
    static func draftInsiders(
        of candidate: CandidateRing, threshold: Double, context: RingDetector.Context, into d: inout Draft
    ) -> [PairEvidence.Job] {
        let contactCorrection = log10(Double(max(candidate.testedContacts, 1)))
        let tested = candidate.pairs.filter { !$0.tests.isEmpty }
        var core = tested.filter { $0.surprise - contactCorrection >= threshold }
        if core.isEmpty,
            let strongest = tested.max(by: { ($0.surprise, -$0.contact.employee) < ($1.surprise, -$1.contact.employee) }
            ),
            strongest.surprise > 0
        {
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
            } else if c.payments > 0 || (c.messagesFromBroker > 0 && c.messagesToBroker > 0)
                || pair.surprise >= threshold
            {
                tier = .associate
            } else {
                continue
            }
            d.insiders[c.employee] = tier
            if tier == .core, let dealing = Dealing(account: candidate.broker, contact: c) {
                d.dealings.append(dealing)
            }
            if c.isDirect { d.direct += 1 }
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
                guard job.unticketed || (job.unusual && !context.uses(.concealment)) || timingUnusual else {
                    return false
                }
                return job.target < 0 ? bulkWorkUnusual : rivalWorkUnusual || isClientJob(job)
            }
        }
        return jobs
    }

    /// The clients the jobs were done for. Each suspicious job is attributed to one client: the
    /// one whose data it touched, or for a
    /// job on a rival (same group), a client of that group whose payment preceded it within the
    /// window; a job in bulk names no market, so any client that paid within the window. Among
    /// those, explaining away: the payer most likely to be buying jobs wins — one already shown
    /// buying jobs (bulk jobs only), then one tied to the broker beyond a single payment (it paid
    /// repeatedly, or exchanged messages with it both ways), then any — and the most recent
    /// payment breaks ties. A busy broker's ordinary customers pay once and often, so the last
    /// payment before a job is as likely theirs.
    static func clientsWorkedFor(
        by jobs: [PairEvidence.Job], of candidate: CandidateRing, talkedBothWays: Set<Int32>, window: Int64,
        context: RingDetector.Context
    ) -> Set<Int32> {
        let clientVendors = Set(candidate.clients.map(\.vendor))
        func isClientJob(_ job: PairEvidence.Job) -> Bool { job.target >= 0 && clientVendors.contains(job.target) }
        let groupOf = context.groupOf
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
                    if chosen == nil
                        || (-likelihood, gap, money.vendor) < (-chosen!.likelihood, chosen!.gap, chosen!.vendor)
                    {
                        chosen = (likelihood, gap, money.vendor)
                    }
                }
            }
            if let chosen { workedFor.insert(chosen.vendor) }
        }
        return workedFor
    }

    /// The candidate's clients: *core* when a job was done for them, *associate* when they paid
    /// more than once. A vendor that paid once is an associate only when it also exchanged
    /// messages with the broker both ways — the tie that makes an employee an associate; a
    /// consultancy's ordinary customers pay once and write to it seldom, and it seldom answers
    /// them. They join after merging (`acquaintances`): which accounts are one broker's is
    /// decided by the members their money and jobs show.
    static func draftClients(
        of candidate: CandidateRing, workedFor: Set<Int32>, talkedBothWays: Set<Int32>, into d: inout Draft
    ) {
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
    }
}
