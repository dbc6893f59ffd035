import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

@Suite struct TailProbabilityTests {
    @Test func poissonKnownTails() {
        // P(X ≥ 3 | λ = 1) = 1 − e⁻¹(1 + 1 + 1/2) = 0.0803013970713942
        #expect(abs(TailProbability.poisson(observed: 3, expected: 1) - (-log10(0.0803013970713942))) < 1e-9)
        // P(X ≥ 1 | λ = 0.01) = 1 − e^−0.01
        #expect(abs(TailProbability.poisson(observed: 1, expected: 0.01) - (-log10(1 - exp(-0.01)))) < 1e-9)
        #expect(TailProbability.poisson(observed: 2, expected: 5) == 0)
        #expect(TailProbability.poisson(observed: 0, expected: 0) == 0)
        #expect(TailProbability.poisson(observed: 40, expected: 0.1) > 60)
        // Normal approximation above λ = 1000 agrees with the exact sum near the boundary.
        let exact = TailProbability.poisson(observed: 1100, expected: 999),
            approx = TailProbability.poisson(observed: 1101, expected: 1000.5)
        #expect(abs(exact - approx) < 0.3)
    }

    @Test func betaBinomialKnownTails() {
        // BetaBinomial(2, 1, 1) is uniform on {0, 1, 2}: P(X ≥ 2) = 1/3.
        #expect(abs(TailProbability.betaBinomial(observed: 2, trials: 2, a: 1, b: 1) - (-log10(1.0 / 3))) < 1e-9)
        // With a very concentrated prior it approaches the binomial: P(X ≥ 3 | n = 3, p = 0.1) = 0.001.
        #expect(abs(TailProbability.betaBinomial(observed: 3, trials: 3, a: 1e6, b: 9e6) - 3) < 1e-3)
        // An uncertain rate makes the same count less surprising than a known one.
        #expect(
            TailProbability.betaBinomial(observed: 6, trials: 10, a: 0.3, b: 9.7)
                < TailProbability.betaBinomial(observed: 6, trials: 10, a: 3e4, b: 9.7e5))
        #expect(TailProbability.betaBinomial(observed: 0, trials: 10, a: 1, b: 1) == 0)
    }

    @Test func fisherCombination() {
        // One test: Fisher's method returns it unchanged.
        #expect(abs(TailProbability.fisher([3]) - 3) < 1e-9)
        // Two p = 0.1: X = −2(ln 0.1 + ln 0.1) = 9.2103, P(χ²₄ ≥ X) = e^{−X/2}(1 + X/2) = 0.0565.
        let x = -2 * 2 * log(0.1)
        #expect(abs(TailProbability.fisher([1, 1]) - (-log10(exp(-x / 2) * (1 + x / 2)))) < 1e-9)
        // Tests that saw nothing dilute, never strengthen.
        #expect(TailProbability.fisher([4, 0, 0]) < 4)
    }

    @Test func pooledCountsHaveTheirExactTails() {
        // One part: the beta-binomial itself.
        #expect(abs(TailProbability.sumOfBetaBinomials(observed: 2, parts: [(2, 1, 1)]) - (-log10(1.0 / 3))) < 1e-9)
        // Two BetaBinomial(2, 1, 1), each uniform on {0, 1, 2}: P(S ≥ 3) = 2/9 + 1/9.
        #expect(
            abs(TailProbability.sumOfBetaBinomials(observed: 3, parts: [(2, 1, 1), (2, 1, 1)]) - (-log10(1.0 / 3)))
                < 1e-9)
        // Several employees each a little above their habits add up to strong evidence.
        let each = (trials: 10, a: 0.5, b: 9.5)  // 5 % expected
        #expect(TailProbability.betaBinomial(observed: 2, trials: 10, a: 0.5, b: 9.5) < 1)
        #expect(
            TailProbability.sumOfBetaBinomials(
                observed: 12, parts: [(trials: Int, a: Double, b: Double)](repeating: each, count: 6)) > 2)
        #expect(TailProbability.sumOfBetaBinomials(observed: 0, parts: [each]) == 0)  // at or below the mean
        // Beyond what 1 − CDF can resolve, at least 12.
        #expect(TailProbability.sumOfBetaBinomials(observed: 60, parts: [(60, 1, 1_000)]) >= 12)
        // Negative binomial r = 1, q = 1/2 is geometric: mean 1, variance 2, P(X ≥ 3) = 1/8.
        #expect(abs(TailProbability.overdispersed(observed: 3, mean: 1, variance: 2) - (-log10(0.125))) < 1e-9)
        #expect(
            TailProbability.overdispersed(observed: 3, mean: 1, variance: 1)
                == TailProbability.poisson(observed: 3, expected: 1))
    }

    @Test func combinationKeepsOneStrongTestAmongManyNullOnes() {
        // One p = 1e-8 among 99 tests that saw nothing: Fisher's sum drowns it, Bonferroni's
        // minimum keeps 1e-8 × 100; doubled for choosing between the two.
        let sparse = [8.0] + [Double](repeating: 0, count: 99)
        #expect(TailProbability.fisher(sparse) < 2)
        #expect(abs(TailProbability.combined(sparse) - (8 - 2 - log10(2))) < 1e-9)
        // Ten tests at p = 0.01 each: Fisher is far stronger than the minimum, and is kept.
        let dense = [Double](repeating: 2, count: 10)
        #expect(abs(TailProbability.combined(dense) - (TailProbability.fisher(dense) - log10(2))) < 1e-9)
        #expect(TailProbability.combined(dense) > 2 - 1)
        #expect(TailProbability.combined([]) == 0 && TailProbability.combined([0, 0]) == 0)
    }

    @Test func whenTheFirstStageFindsNothingQValuesAreBenjaminiHochbergsTimesOnePlusAlpha() {
        // p = (0.01, 0.04, 0.03, 0.005): R's p.adjust(p, "BH") = (0.02, 0.04, 0.04, 0.02), none at
        // most α/(1+α) = 0.01/1.01, so nothing is found and each q is multiplied by 1.01.
        let p = [0.01, 0.04, 0.03, 0.005]
        let adjusted = FalseDiscovery(surprises: p.map { -log10($0) }).adjusted
        for (a, expected) in zip(adjusted, [0.02, 0.04, 0.04, 0.02]) {
            #expect(abs(a - (-log10(expected * 1.01))) < 1e-9)
        }
        // A case of chance alone reports nothing: no q-value reaches α.
        #expect(
            FalseDiscovery(surprises: [0.5, 0.2, 0.03, 0.9, 0.011].map { -log10($0) }).adjusted.allSatisfy { $0 < 2 })
        // One candidate: found at the first stage; its q is p × 1.01.
        #expect(abs(FalseDiscovery(surprises: [3]).adjusted[0] - (3 - log10(1.01))) < 1e-12)
    }

    @Test func theSecondStageRelaxesTheCorrectionByTheRingsTheFirstStageFound() {
        // α = 0.05, p = (0.001, 0.002, 0.040, 0.045, 0.8): Benjamini–Hochberg's q = (0.005,
        // 0.005, 0.05625, 0.05625, 0.8) reports two. Stage 1 (at 0.05/1.05) finds those two, so
        // at most m₀ = 3 of the 5 can be chance: q × 1.05 · 3/5 = (0.00315, 0.00315, 0.0354,
        // 0.0354, 0.504), floored at p — four reported (Benjamini, Krieger & Yekutieli 2006).
        let p = [0.001, 0.002, 0.040, 0.045, 0.8]
        let discovery = FalseDiscovery(surprises: p.map { -log10($0) }, alpha: 0.05)
        let expected = zip([0.005, 0.005, 0.05625, 0.05625, 0.8], p).map { max($0 * 1.05 * 3 / 5, $1) }
        for (a, q) in zip(discovery.adjusted, expected) { #expect(abs(a - (-log10(q))) < 1e-9) }
        #expect(discovery.adjusted.filter { $0 >= -log10(0.05) }.count == 4)
        // The floor: a ring is reported only when its own p-value is at most α as well.
        let above = FalseDiscovery(surprises: [0.001, 0.002, 0.060, 0.8].map { -log10($0) }, alpha: 0.05)
        #expect(above.adjusted[2] == -log10(0.060))
    }

    @Test func candidatesThatCouldNeverReachSignificanceAreNotPaidFor() {
        // α = 0.01. Three candidates could attain p ≤ 0.01, but only two could attain 0.01/2:
        // Tarone's K is 2, so the correction counts those two and adjusts as if there were two.
        let discovery = FalseDiscovery(surprises: [3, 2.5, 2.2, 1, 1], attainable: [5, 5, 2.2, 1, 1], alpha: 0.01)
        #expect(discovery.counted == 2)
        // Benjamini–Hochberg over the two: (3 − log₁₀ 2, 2.5); both found at the first stage, so
        // m₀ = 1 and each gains log₁₀ 2 − log₁₀ 1.01, up to its own surprise.
        let gain = log10(2.0) - log10(1.01)
        for (a, expected) in zip(discovery.adjusted, [3 - log10(2.0) + gain, 2.5, 0, 0, 0]) {
            #expect(abs(a - expected) < 1e-9)
        }
        // Counted over all five, the first two would be paid for five times.
        #expect(FalseDiscovery(surprises: [3, 2.5, 2.2, 1, 1]).adjusted[1] < discovery.adjusted[1])
        // When every candidate could attain anything, nothing is screened out.
        #expect(FalseDiscovery(surprises: [3, 2.5, 2.2], attainable: [.infinity, 300, 300], alpha: 0.01).counted == 3)
        #expect(FalseDiscovery(surprises: [], attainable: [], alpha: 0.01).counted == 0)
    }
}

@Suite struct RingEvaluationTests {
    @Test func matchesAtJaccardOneHalf() {
        let truth: [(entity: String, ring: String, role: String)] = [
            ("b1", "1", "broker"), ("e1", "1", "insider"), ("v1", "1", "client"), ("v2", "1", "client"),
            ("b2", "2", "broker"), ("e2", "2", "insider"), ("v3", "2", "client"),
        ]
        let predicted: [Set<String>] = [["b1", "e1", "v1"], ["x", "e2"], ["y", "z"]]
        let scores = ["b1": 0.9, "e1": 0.8, "x": 0.7, "v1": 0.6, "e2": 0.5, "q": 0.4]
        let result = RingEvaluation(predicted: predicted, predictedBrokers: ["b1", "x"], scores: scores, truth: truth)
        #expect(result.ringRecall == 0.5)  // ring 1 matched (3/4), ring 2 not (1/4)
        #expect(result.ringPrecision == 0.5)  // of the top N = 2 predictions, one matches
        #expect(abs(result.meanBestJaccard - (0.75 + 0.25) / 2) < 1e-12)
        // Members in rank order at 1, 2, 4, 5 of 7 members: (1 + 1 + 3/4 + 4/5) / 7.
        #expect(abs(result.averagePrecision - (1 + 1 + 0.75 + 0.8) / 7) < 1e-12)
        #expect(result.brokerRecall == 0.5 && result.brokerPrecision == 0.5)
    }

    @Test func onlyTheTopTwoNPredictionsCountForRecallAndTheTopNForPrecision() {
        let truth: [(entity: String, ring: String, role: String)] = [("b1", "1", "broker"), ("e1", "1", "insider")]
        // N = 1: the match in third place is beyond the top 2N.
        let late = RingEvaluation(
            predicted: [["x"], ["y"], ["b1", "e1"]], predictedBrokers: [], scores: [:], truth: truth)
        #expect(late.ringRecall == 0 && late.ringPrecision == 0)
        let second = RingEvaluation(predicted: [["x"], ["b1", "e1"]], predictedBrokers: [], scores: [:], truth: truth)
        #expect(second.ringRecall == 1 && second.ringPrecision == 0)
        let first = RingEvaluation(predicted: [["b1", "e1"], ["x"]], predictedBrokers: [], scores: [:], truth: truth)
        #expect(first.ringRecall == 1 && first.ringPrecision == 1)
        // No ring at all: nothing predicted is perfect, anything predicted is not.
        #expect(RingEvaluation(predicted: [], predictedBrokers: [], scores: [:], truth: []).ringPrecision == 1)
        #expect(RingEvaluation(predicted: [["x"]], predictedBrokers: [], scores: [:], truth: []).ringPrecision == 0)
    }
}

/// Detection on small hand-built logs.
@Suite struct RingDetectorTests {
    /// Background: 400 vendors, 20 support staff touching random vendors with tickets; an agency
    /// paid by 60 vendors that e-mails everyone. A broker paid monthly by v1–v4 pays e1, who
    /// touches v1–v4 two days after each payment — or, untimed, only pays e1 at the very end.
    private func world(ringTimed: Bool) throws -> IngestRun {
        var rng = SplitMix64(seed: 3)
        var payments = "from,to,amount,timestamp\n", access = "employee,action,vendor,timestamp,ticket\n"
        var messages = "from,to,timestamp\n", entities = "id,kind\n"
        for v in 0..<400 { entities += "v\(v),vendor\n" }
        for e in 0..<20 { entities += "e\(e),employee\n" }
        func day(_ d: Double) -> String { Timestamp.iso8601(Int64(1_735_689_600_000 + d * 86_400_000)) }
        for e in 0..<20 {
            for _ in 0..<150 {
                access += "e\(e),view_account,v\(rng.below(400)),\(day(rng.unit() * 180)),T-\(rng.below(100000))\n"
            }
            messages += "agency,e\(e),\(day(rng.unit() * 180))\n"
        }
        for _ in 0..<200 { payments += "v\(rng.below(60)),agency,500,\(day(rng.unit() * 180))\n" }
        // Decoy: the agency also pays a contractor, e5, who serves its clients every month — with tickets.
        for month in 0..<6 {
            payments += "agency,e5,900,\(day(Double(month * 30 + 15)))\n"
            for _ in 0..<40 {
                access +=
                    "e5,view_account,v\(rng.below(60)),\(day(Double(month * 30) + rng.unit() * 30)),T-\(rng.below(100000))\n"
            }
        }
        for month in 0..<5 {
            for v in 1...4 {
                let d = Double(month * 30 + v)
                payments += "v\(v),broker,2000,\(day(d))\n"
                payments += "broker,e1,600,\(day(ringTimed ? d + 1 : 179))\n"
                access += "e1,delete_review,v\(v),\(day(d + 2)),\n"
            }
        }
        return try IngestRun.of([
            "entities.csv": entities, "payments.csv": payments, "access.csv": access, "communications.csv": messages,
        ])
    }

    @Test func findsTheTimedLoopAndExplainsIt() throws {
        let run = try world(ringTimed: true)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        let ids = { (role: RingRole) in Set(ring.members(role).map { run.entities.id($0.entity) }) }
        #expect(ids(.broker) == ["broker"])
        #expect(ids(.insider) == ["e1"])
        #expect(ids(.client) == ["v1", "v2", "v3", "v4"])
        #expect(ring.score > 0.5 && ring.score <= 1, "\(ring.signals.map { ($0.name, $0.surprise) })")
        #expect(ring.pValue < 0.01)
        #expect(ring.signals.map(\.name) == ["concealment", "unusual_action", "timing", "focus"])
        // 20 unticketed, unusual jobs, all timed; every client payment and bribe is cited.
        #expect(ring.evidence.filter { $0.signal == .timedAccess }.count == 20)
        #expect(ring.evidence.filter { $0.signal == .clientPayment }.count == 20)
        #expect(ring.evidence.filter { $0.signal == .bribe }.count == 20)
        #expect(ring.signal(.timing)!.observed == 20)
        let broker = Int(run.entities.entity(forID: "broker")!)
        #expect(detection.reasons[broker].contains { $0.contains("paid by 4 vendors") })
        #expect(detection.tiers[broker] == .core)
        // The agency, paid by many vendors, in touch with every employee and paying a contractor
        // who serves its clients with tickets, is no ring.
        let agency = Int(run.entities.entity(forID: "agency")!)
        #expect(detection.roles[agency] == nil)
    }

    /// Regression (issue 11): payments without a time crashed the timing test with an overflow
    /// on the missing-time sentinel. They still make the broker a candidate but close no loop.
    @Test func paymentsWithoutTimesCloseNoLoopAndDoNotCrash() throws {
        let run = try IngestRun.of([
            "payments.csv": "from,to,amount\nV1,X1,5\nV2,X1,7\nX1,M1,3\n",
            "communications.csv": "from,to\nX1,E1\n",
            "access.csv":
                "employee,action,vendor,timestamp,ticket\nE1,delete_review,V1,2025-01-02,\nE1,delete_review,V2,2025-01-03,\n",
        ])
        #expect(Timestamp.gap(from: Timestamp.missing, to: 5) == nil)
        #expect(Timestamp.gap(from: 2, to: 5) == 3)
        #expect(RingDetector().run(entities: run.entities, events: run.events).rings.isEmpty)
    }

    /// Retainer: the bribes come at the end, so no job is timed, but the unticketed, unusual jobs
    /// on the broker's clients still make the ring — timing is evidence, not a gate.
    @Test func untimedBribesStillMakeARingWithoutTimingEvidence() throws {
        let run = try world(ringTimed: false)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        let ring = try #require(detection.rings.first)
        #expect(ring.signal(.timing)!.surprise < 1)
        #expect(Set(ring.members(.insider).map { run.entities.id($0.entity) }) == ["e1"])
    }

    /// With concealment and unusual actions switched off, nothing can prove wrongdoing.
    @Test func ablatingTheConductEvidenceLeavesNoRing() throws {
        let run = try world(ringTimed: true)
        var parameters = RingParameters()
        parameters.disabled = [.concealment, .unusualAction]
        let detection = RingDetector(parameters: parameters).run(entities: run.entities, events: run.events)
        #expect(detection.rings.isEmpty)
        #expect(detection.unavailable.contains("concealment: switched off"))
    }
}
