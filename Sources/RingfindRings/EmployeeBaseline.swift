import RingfindGraph

/// What the population of employees does on its own, learnt from the access log: the prior for
/// each employee's rate of unjustified jobs — without a ticket, or under a reused one
/// (`TicketReuse`).
///
/// Employees differ (a careless one skips tickets more often), so an employee's rate is not the
/// population's. Empirical Bayes (Robbins 1956; Efron & Morris 1975): rates are modelled as
/// drawn from Beta(a, b), fitted by the method of moments to the employees' observed rates with
/// binomial noise removed; an employee's rate given a history of u unticketed accesses out of n
/// is then Beta(a + u, b + n − u) (counted in jobs, `Jobs`), and a new count is tested against the beta-binomial
/// predictive distribution — so a sparse history leans on the population and a careless
/// employee's own habits are not mistaken for concealment.
///
/// **Fitted on the work no candidate is tested on.** The prior stands for the habits of
/// employees doing their own work, so the work under test — every candidate's contacts' client,
/// rival and bulk jobs (`excluding`) — is left out of the fit. Left in, a world's rings widen the
/// null they are tested against: their insiders' many unticketed jobs read as between-employee
/// variance. Measured on ringfind's marketplace worlds (seeds 1–3), the fitted concentration
/// a + b is 70–203 without rings and 14–18 with ten, 66–187 fitted without the work under test;
/// on the real-e-mail worlds 80–174, 9–18 and 93–178. Which jobs are left out depends only on
/// who paid and messaged whom and which accounts they touched — never on tickets — so when no
/// candidate is a ring the prior is still an unbiased estimate of everyone's habits (in the
/// spirit of Efron's empirical null, 2004: the null learnt where it holds).
///
/// - Complexity: O(access rows + entities + omitted totals).
struct EmployeeBaseline {
    /// The priors concealment is tested against: jobs on vendors' accounts, and bulk jobs
    /// (naming no vendor), whose habits differ.
    struct Priors {
        var vendor: EmployeeBaseline
        var bulk: EmployeeBaseline
    }

    /// Prior Beta(a, b) of an employee's unticketed rate.
    let a: Double
    let b: Double

    /// Fitted on jobs on vendors' accounts, or with `bulk` on jobs naming no vendor, of the log's
    /// rows and of the jobs `omitted` from it (`AccessTotals`; sums of whole numbers, so the
    /// prior is the same whether a job is a row or a total), leaving out the jobs starting at a
    /// row in `excluding` (the work under test).
    init(
        access: EventLog, unjustified: [Bool], omitted: AccessTotals = .init(), index: EventIndex,
        entityCount n: Int, bulk: Bool, sessionGap: Int64, excluding: RowSet? = nil
    ) {
        // Counted in jobs (`Jobs`), as the tests count.
        var rows = [Double](repeating: 0, count: n), unticketed = [Double](repeating: 0, count: n)
        var total = 0.0, totalUnticketed = 0.0
        for e in 0..<n {
            _ = Jobs.forEachStart(of: Int32(e), access: access, index: index, sessionGap: sessionGap) { r in
                guard (access.target[r] < 0) == bulk, excluding?.contains(r) != true else { return true }
                rows[e] += 1
                total += 1
                if unjustified[r] {
                    unticketed[e] += 1
                    totalUnticketed += 1
                }
                return true
            }
        }
        // Jobs of access rows left out of the log (a reduced input's totals) add to the employee's own.
        for (e, jobs) in omitted.jobs {
            let count = Double(bulk ? jobs.bulk : jobs.vendor),
                without = Double(bulk ? jobs.bulkUnticketed : jobs.vendorUnticketed)
            rows[Int(e)] += count
            unticketed[Int(e)] += without
            total += count
            totalUnticketed += without
        }
        let mean = min(max(totalUnticketed, 0.5) / max(total, 1), 1 - 0.5 / max(total, 1))
        // Between-employee variance of rates, binomial noise removed (weights = rows).
        var weighted = 0.0, people = 0.0
        for e in 0..<n where rows[e] > 0 {
            let rate = unticketed[e] / rows[e]
            weighted += rows[e] * (rate - mean) * (rate - mean)
            people += 1
        }
        let binomial = people * mean * (1 - mean)
        let between = total > 0 ? max(0, (weighted - binomial) / total) : 0
        // Concentration a + b from mean·(1 − mean) / variance − 1, kept within [2, 10⁴]: at least
        // one observation each way, at most "everyone has the same rate".
        let concentration = between > 0 ? min(max(mean * (1 - mean) / between - 1, 2), 10_000) : 10_000
        a = mean * concentration
        b = (1 - mean) * concentration
    }

    /// Whether concealment can be measured: some job on a vendor's account has a fresh ticket.
    /// False when no access row has a ticket (the log has no ticket column, or never fills it)
    /// or every job is unjustified. Stops at the first justified job.
    ///
    /// - Complexity: O(access rows) at worst.
    static func ticketsInformative(
        access: EventLog, unjustified: [Bool], omitted: AccessTotals = .init(), index: EventIndex,
        entityCount n: Int, sessionGap: Int64
    ) -> Bool {
        if omitted.jobs.values.contains(where: { $0.vendor > $0.vendorUnticketed }) { return true }
        for e in 0..<n {
            let unjustifiedOnly = Jobs.forEachStart(of: Int32(e), access: access, index: index, sessionGap: sessionGap)
            {
                !(access.target[$0] >= 0 && !unjustified[$0])
            }
            if !unjustifiedOnly { return true }
        }
        return false
    }
}
