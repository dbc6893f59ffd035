import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// The population's habits, which concealment is tested against, are learnt from the work no
/// candidate is tested on: a world's own rings must not widen the null their weaker neighbours
/// are tested against.
@Suite struct PopulationPriorTests {
    static func day(_ d: Double) -> String { SupportStaffWorld.day(d) }

    /// Four strong rings: broker `xK` paid by vendors v(3K)…v(3K+2), paying insiders `iK0` and
    /// `iK1`, each of whom does 12 jobs on those vendors without a ticket and 30 ordinary jobs
    /// with one — 40 % of their jobs unticketed, where the support staff skip 3 %.
    static func strongRings() -> (entities: String, payments: String, access: String) {
        var entities = "", payments = "", access = ""
        for k in 0..<4 {
            entities += "x\(k),external\n"
            for c in 0..<3 { payments += "v\(3 * k + c),x\(k),900,\(day(Double(2 + c)))\n" }
            for i in 0..<2 {
                let insider = "i\(k)\(i)"
                entities += "\(insider),employee\n"
                payments += "x\(k),\(insider),300,\(day(5))\n"
                for j in 0..<12 {
                    access += "\(insider),delete_review,v\(3 * k + j % 3),\(day(10 + Double(j) * 9)),\n"
                }
                for j in 0..<30 {
                    access +=
                        "\(insider),view_account,v\(200 + (j * 7 + k) % 90),\(day(3 + Double(j) * 5.5)),T-\(k)\(i)\(j)\n"
                }
            }
        }
        return (entities, payments, access)
    }

    /// A weak ring beside them: broker `y` paid by v50…v52 pays `w`, new in the job (two ordinary
    /// jobs, with tickets), who does 3 of 5 jobs on them without a ticket.
    static func weakRing() -> (entities: String, payments: String, access: String) {
        var payments = "", access = ""
        for c in 0..<3 { payments += "v\(50 + c),y,900,\(day(Double(2 + c)))\n" }
        payments += "y,w,300,\(day(5))\n"
        for j in 0..<5 {
            access += "w,restore_account,v\(50 + j % 3),\(day(20 + Double(j) * 30)),\(j < 2 ? "T-job\(j)" : "")\n"
        }
        for j in 0..<2 { access += "w,view_account,v\(120 + j),\(day(4 + Double(j) * 5)),T-w\(j)\n" }
        return ("y,external\nw,employee\n", payments, access)
    }

    @Test func thePriorIsFittedOnTheWorkNoCandidateIsTestedOn() throws {
        let rings = Self.strongRings()
        let run = try SupportStaffWorld.make(
            seed: 11, entities: rings.entities, payments: rings.payments, access: rings.access)
        let context = RingDetector.Context(entities: run.entities, events: run.events, parameters: .init())
        let access = run.events.access, gap = RingParameters().sessionGap
        // The work under test: every insider's jobs on the vendors paying their broker.
        let favour = try #require(run.events.labels.lookup("delete_review"))
        var underTest = RowSet(rowCount: access.rowCount)
        for row in 0..<access.rowCount where access.label[row] == favour { underTest.insert(row) }
        let fitted = context.priors(excluding: underTest).vendor
        // The same world without that work: the staff and the insiders' ordinary jobs.
        let ordinary = rings.access.split(separator: "\n").filter { !$0.contains("delete_review") }
        let without = try SupportStaffWorld.make(
            seed: 11, entities: rings.entities, payments: rings.payments,
            access: ordinary.joined(separator: "\n") + "\n")
        let plain = RingDetector.Context(entities: without.entities, events: without.events, parameters: .init())
        let reference = EmployeeBaseline(
            access: without.events.access, unjustified: plain.unjustified, index: plain.index,
            entityCount: without.entities.count, bulk: false, sessionGap: gap)
        #expect(abs(fitted.a - reference.a) < 1e-9 && abs(fitted.b - reference.b) < 1e-9)
        // Fitted on everything, the rings' unticketed jobs read as a wide spread of habits.
        let everything = EmployeeBaseline(
            access: access, unjustified: context.unjustified, index: context.index, entityCount: run.entities.count,
            bulk: false, sessionGap: gap)
        #expect(everything.a + everything.b < (fitted.a + fitted.b) / 4)
    }

    @Test func strongRingsDoNotHideAWeakOneBesideThem() throws {
        let strong = Self.strongRings(), weak = Self.weakRing()
        let run = try SupportStaffWorld.make(
            seed: 11, entities: strong.entities + weak.entities, payments: strong.payments + weak.payments,
            access: strong.access + weak.access)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        let brokers = Set(detection.rings.flatMap { $0.members(.broker).map { run.entities.id($0.entity) } })
        #expect(brokers == ["x0", "x1", "x2", "x3", "y"])
    }

    @Test func withoutRingsThePriorIsTheWholePopulations() throws {
        let run = try SupportStaffWorld.make(seed: 11)
        let context = RingDetector.Context(entities: run.entities, events: run.events, parameters: .init())
        let fitted = context.priors(excluding: RowSet(rowCount: run.events.access.rowCount))
        let whole = EmployeeBaseline(
            access: run.events.access, unjustified: context.unjustified, index: context.index,
            entityCount: run.entities.count, bulk: false, sessionGap: RingParameters().sessionGap)
        #expect(fitted.vendor.a == whole.a && fitted.vendor.b == whole.b)
        // About 3 % of the staff's jobs are unticketed.
        let mean = whole.a / (whole.a + whole.b)
        #expect(mean > 0.015 && mean < 0.05)
    }
}
