import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// The issue's innocent look-alikes, one at a time: each has the *shape* of a ring (money from
/// vendors, money or messages to an employee who touches vendors) and stays below the ring
/// threshold, because the employee's work on those vendors is as ticketed as the rest of it.
/// Every test then turns the same look-alike into a ring by one change — the employee skips the
/// tickets on that work — so it can fail, and shows what separates the two.
@Suite struct DecoyTests {
    private static func day(_ d: Double) -> String { SupportStaffWorld.day(d) }

    private func rings(_ run: IngestRun) -> RingDetection {
        RingDetector().run(entities: run.entities, events: run.events)
    }

    /// The look-alike with `employee`'s work on `vendors` ticketed is no ring (and, when
    /// `tested`, its account was assessed as a candidate); the same with the tickets skipped is.
    private func expectNoRingUntilTicketsAreSkipped(
        entities: String, payments: String, messages: String = "", employee: String,
        vendors: [String], tested: Bool = true
    ) throws {
        let honest = rings(
            try SupportStaffWorld.make(
                seed: 11, entities: entities, payments: payments, messages: messages,
                access: work(employee, on: vendors, ticketed: true)))
        #expect(honest.rings.isEmpty && (!tested || honest.candidates >= 1))
        let bribed = rings(
            try SupportStaffWorld.make(
                seed: 11, entities: entities, payments: payments, messages: messages,
                access: work(employee, on: vendors, ticketed: false)))
        #expect(!bribed.rings.isEmpty)
    }

    /// Work by `employee` on `vendors`, `jobs` sessions a month for six months, ticketed or not.
    private func work(_ employee: String, on vendors: [String], ticketed: Bool, from start: Double = 2) -> String {
        var rows = ""
        for month in 0..<6 {
            for (i, v) in vendors.enumerated() {
                let t = Double(month * 30) + start + Double(i)
                rows += "\(employee),edit_listing,\(v),\(Self.day(t)),\(ticketed ? "T-\(month)\(i)9" : "")\n"
            }
        }
        return rows
    }

    /// An agency paid by many vendors pays a contractor employee a monthly invoice; the
    /// contractor serves the agency's clients, with tickets.
    @Test func aContractorAgencyIsNoRing() throws {
        var payments = "", messages = ""
        let clients = (1...8).map { "v\($0)" }
        for month in 0..<6 {
            for (i, v) in clients.enumerated() { payments += "\(v),agency,900,\(Self.day(Double(month * 30 + i)))\n" }
            payments += "agency,s0,2500,\(Self.day(Double(month * 30 + 28)))\n"
            messages +=
                "agency,s0,\(Self.day(Double(month * 30 + 1)))\ns0,agency,\(Self.day(Double(month * 30) + 1.2))\n"
        }
        try expectNoRingUntilTicketsAreSkipped(
            entities: "agency,external\n", payments: payments, messages: messages, employee: "s0", vendors: clients)
    }

    /// Flatmates pay an employee the same rent share every month; one is a freelancer paid by
    /// vendors the employee happens to serve, with tickets.
    @Test func aFlatmateIsNoRing() throws {
        var payments = ""
        let customers = ["v11", "v12", "v13"]
        for month in 0..<6 {
            for (i, v) in customers.enumerated() {
                payments += "\(v),flatmate,350,\(Self.day(Double(month * 30 + 10 + i)))\n"
            }
            payments += "flatmate,s1,450,\(Self.day(Double(month * 30 + 1)))\n"
        }
        try expectNoRingUntilTicketsAreSkipped(
            entities: "flatmate,external\n", payments: payments, employee: "s1", vendors: customers)
    }

    /// A relative owns two vendors (owner draws) and gives an employee irregular gifts; the
    /// employee touches the relative's shops now and then, with tickets.
    @Test func aRelativeWhoOwnsVendorsIsNoRing() throws {
        var payments = ""
        let shops = ["v21", "v22"]
        for month in 0..<6 {
            for (i, v) in shops.enumerated() {
                payments += "\(v),relative,2000,\(Self.day(Double(month * 30 + 25 + i)))\n"
            }
            if month % 2 == 0 { payments += "relative,s2,\(150 + month * 40),\(Self.day(Double(month * 30 + 14)))\n" }
        }
        try expectNoRingUntilTicketsAreSkipped(
            entities: "relative,external\n", payments: payments, employee: "s2", vendors: shops, tested: false)
    }

    /// An escalation agency paid by its clients writes to support about them; support answers and
    /// opens those clients within hours, with tickets.
    @Test func anEscalationAgencyIsNoRing() throws {
        var payments = "", messages = ""
        let clients = (31...36).map { "v\($0)" }
        for month in 0..<6 {
            for (i, v) in clients.enumerated() {
                payments += "\(v),escalations,600,\(Self.day(Double(month * 30 + i)))\n"
                messages +=
                    "escalations,s3,\(Self.day(Double(month * 30 + 2 + i) - 0.1))\ns3,escalations,\(Self.day(Double(month * 30 + 2 + i) + 0.1))\n"
            }
        }
        try expectNoRingUntilTicketsAreSkipped(
            entities: "escalations,external\n", payments: payments, messages: messages, employee: "s3", vendors: clients
        )
    }

    /// An agent with a small regular book of vendors paying commissions, who sometimes e-mails
    /// an employee (rarely answered), and the employee's ticketed work on the book.
    @Test func anAgentWithASmallBookIsNoRing() throws {
        var payments = "", messages = ""
        let book = ["v41", "v42", "v43", "v44"]
        for month in 0..<6 {
            for (i, v) in book.enumerated() { payments += "\(v),agent,200,\(Self.day(Double(month * 30 + 5 + i)))\n" }
            messages += "agent,s4,\(Self.day(Double(month * 30 + 9)))\n"
            if month % 3 == 0 { messages += "s4,agent,\(Self.day(Double(month * 30 + 10)))\n" }
        }
        try expectNoRingUntilTicketsAreSkipped(
            entities: "agent,external\n", payments: payments, messages: messages, employee: "s4", vendors: book)
    }

    /// A would-be broker cold-messages many vendors and employees; nobody answers, one vendor
    /// pays once. The employees' untracked work on those vendors is no tie to it.
    @Test func aColdMessagingBrokerWhomNobodyAnswersIsNoRing() throws {
        var messages = ""
        for v in 50..<80 { messages += "cold,v\(v),\(Self.day(Double(v - 50)))\n" }
        for s in 5..<15 { messages += "cold,s\(s),\(Self.day(Double(s)))\n" }
        let payments = "v50,cold,90,\(Self.day(40))\nv51,cold,90,\(Self.day(41))\n"
        let untracked = work("s5", on: ["v50", "v51"], ticketed: false)
        let entities = "cold,external\n"
        #expect(
            rings(
                try SupportStaffWorld.make(
                    seed: 11, entities: entities, payments: payments, messages: messages, access: untracked)
            ).rings.isEmpty)
        // Once the employee answers, it is a tie, and the untracked work on the payers counts.
        let answered = try SupportStaffWorld.make(
            seed: 11, entities: entities, payments: payments, messages: messages + "s5,cold,\(Self.day(6))\n",
            access: untracked)
        #expect(!rings(answered).rings.isEmpty)
    }
}
