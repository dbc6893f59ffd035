import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// Which accounts are one broker's: a front that passes a broker's money on is its go-between,
/// even when it starts doing so half-way, as a switch of accounts would.
@Suite struct BrokerAccountTests {
    private static func day(_ d: Double) -> String { SupportStaffWorld.day(d) }

    /// The ids of `members`.
    private static func ids(_ members: [RingMember], in run: IngestRun) -> Set<String> {
        Set(members.map { run.entities.id($0.entity) })
    }

    /// A broker deals with insider e1 from account `first` for three months, then from `second`.
    /// Its clients v1–v3 pay `first` directly; from month 3 they pay `front`, which passes the
    /// money on to `second`. e1 works each month's clients without tickets, and its routine
    /// work under tickets. `front` reaches e1 only through `second`, so its dealings with e1
    /// follow `first`'s just as `second`'s do.
    private func switchThroughAFront() throws -> IngestRun {
        var payments = "", access = "", messages = ""
        for j in 0..<120 { access += "e1,view_account,v\(100 + j),\(Self.day(Double(j) * 1.5)),T-\(j)\n" }
        for month in 0..<6 {
            let account = month < 3 ? "first" : "second"
            for v in 1...3 {
                let at = Double(month * 30 + v)
                if month < 3 {
                    payments += "v\(v),first,1000,\(Self.day(at))\n"
                } else {
                    payments += "v\(v),front,1000,\(Self.day(at))\nfront,second,950,\(Self.day(at + 0.5))\n"
                }
                access += "e1,restore_account,v\(v),\(Self.day(Double(month * 30 + 8 + v))),\n"
            }
            payments += "\(account),e1,300,\(Self.day(Double(month * 30 + 7)))\n"
            messages +=
                "\(account),e1,\(Self.day(Double(month * 30 + 6)))\ne1,\(account),\(Self.day(Double(month * 30) + 6.2))\n"
        }
        return try SupportStaffWorld.make(
            seed: 5, entities: "first,external\nsecond,external\nfront,external\ne1,employee\n", payments: payments,
            messages: messages, access: access)
    }

    /// Only `first` and `second` are assessed as one broker's successive accounts (three
    /// accounts and one pair are tested); `front`, which deals with no employee itself, is not
    /// paired with `first`. The ring names both accounts brokers and the front its intermediary.
    @Test func aFrontIsNotASuccessorOfTheAccountsItPays() throws {
        let run = try switchThroughAFront()
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.candidates == 4)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Self.ids(ring.members(.broker), in: run) == ["first", "second"])
        #expect(Self.ids(ring.members(.intermediary), in: run) == ["front"])
        #expect(Self.ids(ring.members(.client), in: run) == ["v1", "v2", "v3"])
    }

    /// `boss` is paid by clients v1–v3 every month and passes most of it to `runner`, which
    /// pays insider e1 from it within a day; `boss` itself exchanges messages with e1. e1 does
    /// four favours on v1–v3 without a ticket; it also works the accounts of boss's ten ordinary
    /// customers (v10–v19, who paid once, after the last transfer) forty times, with tickets.
    private func brokerPayingThroughAMule() throws -> IngestRun {
        var payments = "", access = "", messages = ""
        for j in 0..<120 { access += "e1,view_account,v\(100 + j),\(Self.day(Double(j) * 1.5)),T-\(j)\n" }
        for month in 0..<6 {
            let m = Double(month * 30)
            for v in 1...3 { payments += "v\(v),boss,1000,\(Self.day(m + Double(v)))\n" }
            payments += "boss,runner,2000,\(Self.day(m + 4))\nrunner,e1,300,\(Self.day(m + 4.5))\n"
            messages += "boss,e1,\(Self.day(m + 5))\ne1,boss,\(Self.day(m + 5.2))\n"
            if month < 4 { access += "e1,restore_account,v\(1 + month % 3),\(Self.day(m + 8)),\n" }
        }
        for v in 10..<20 {
            payments += "v\(v),boss,100,\(Self.day(Double(170 + v)))\n"
            for j in 0..<4 {
                access += "e1,view_account,v\(v),\(Self.day(Double(v * 8 + j * 2) + 0.3)),T-C\(v)-\(j)\n"
            }
        }
        return try SupportStaffWorld.make(
            seed: 5, entities: "boss,external\nrunner,external\ne1,employee\n", payments: payments,
            messages: messages, access: access)
    }

    /// `runner` alone is significant (its clients are v1–v3 through `boss`, its front by the
    /// money); `boss`, diluted by its ordinary customers' ticketed work, is not. But `boss`
    /// deals with e1 itself and pays `runner`: it is the broker, `runner` its mule.
    @Test func aFrontThatDealsWithTheInsiderItselfIsTheBroker() throws {
        let run = try brokerPayingThroughAMule()
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Self.ids(ring.members(.broker), in: run) == ["boss"])
        #expect(Self.ids(ring.members(.intermediary), in: run) == ["runner"])
        #expect(Self.ids(ring.members(.insider), in: run) == ["e1"])
        #expect(Self.ids(ring.members(.client), in: run) == ["v1", "v2", "v3"])
    }

    /// A broker deals with e1 from `old` for three months, paid by v1–v4, then from `new`, which
    /// only v1 pays (and, when `linkedByFront`, `agent` instead — an external): `new` is never
    /// a candidate (too few vendors' money reaches it). e1 works v1–v4 without tickets.
    private func switchToAnAccountFewPay(linkedByFront: Bool) throws -> IngestRun {
        var payments = "", access = "", messages = ""
        for j in 0..<120 { access += "e1,view_account,v\(100 + j),\(Self.day(Double(j) * 1.5)),T-\(j)\n" }
        for month in 0..<6 {
            let account = month < 3 ? "old" : "new"
            if month < 3 {
                for v in 1...4 { payments += "v\(v),old,1000,\(Self.day(Double(month * 30 + v)))\n" }
            } else {
                payments += "\(linkedByFront ? "agent" : "v1"),new,1000,\(Self.day(Double(month * 30 + 1)))\n"
            }
            if linkedByFront && month < 3 { payments += "agent,old,500,\(Self.day(Double(month * 30 + 2)))\n" }
            payments += "\(account),e1,300,\(Self.day(Double(month * 30 + 7)))\n"
            messages +=
                "\(account),e1,\(Self.day(Double(month * 30 + 6)))\ne1,\(account),\(Self.day(Double(month * 30) + 6.2))\n"
            for v in 1...4 { access += "e1,restore_account,v\(v),\(Self.day(Double(month * 30 + 8 + v))),\n" }
        }
        return try SupportStaffWorld.make(
            seed: 5, entities: "old,external\nnew,external\nagent,external\ne1,employee\n", payments: payments,
            messages: messages, access: access)
    }

    /// `new` took e1 over from the ring's broker and is paid by the ring's client v1: another
    /// account of the broker, named with when it took over. Tied to the ring only through an
    /// external that paid both, it is not: an agent or another broker pays many.
    @Test func anAccountThatWasNeverACandidateJoinsWhenItTookTheInsiderOverAndAClientPaidIt() throws {
        let run = try switchToAnAccountFewPay(linkedByFront: false)
        let ring = try #require(RingDetector().run(entities: run.entities, events: run.events).rings.first)
        let brokers = Dictionary(
            uniqueKeysWithValues: ring.members(.broker).map { (run.entities.id($0.entity), $0) })
        #expect(Set(brokers.keys) == ["old", "new"])
        let new = try #require(brokers["new"])
        #expect(new.tier == .associate)
        #expect(new.reasons.first?.hasPrefix("never assessed on its own") == true)
        #expect(new.reasons.last?.hasSuffix("another account of one broker, used after the ring's") == true)

        let viaAgent = try switchToAnAccountFewPay(linkedByFront: true)
        let other = try #require(RingDetector().run(entities: viaAgent.entities, events: viaAgent.events).rings.first)
        #expect(other.members(.broker).map { viaAgent.entities.id($0.entity) } == ["old"])
    }

    /// A broker uses accounts `a` and `b` side by side: v1–v4 pay `a` in even months and `b` in
    /// odd ones, each account pays e1 and exchanges messages with it, and e1 works the four
    /// vendors without tickets. Every month `a` also sends `b` `transfer`, and `b` pays e1 from
    /// it within days, as a mule would relay it.
    private func twoAccountsSideBySide(transfer: Int) throws -> IngestRun {
        var payments = "", access = "", messages = ""
        for j in 0..<120 { access += "e1,view_account,v\(100 + j),\(Self.day(Double(j) * 1.5)),T-\(j)\n" }
        for month in 0..<6 {
            let account = month % 2 == 0 ? "a" : "b", start = Double(month * 30)
            for v in 1...4 {
                payments += "v\(v),\(account),1000,\(Self.day(start + Double(v)))\n"
                access += "e1,restore_account,v\(v),\(Self.day(start + 8 + Double(v))),\n"
            }
            payments += "\(account),e1,300,\(Self.day(start + 7))\n"
            payments += "a,b,\(transfer),\(Self.day(start + 15))\nb,e1,300,\(Self.day(start + 16))\n"
            messages += "\(account),e1,\(Self.day(start + 6))\ne1,\(account),\(Self.day(start + 6.2))\n"
        }
        return try SupportStaffWorld.make(
            seed: 5, entities: "a,external\nb,external\ne1,employee\n", payments: payments, messages: messages,
            access: access)
    }

    /// `b` lives on its own clients' money (12,000) and got 2,100 from `a`: it relays a payment
    /// of `a`'s, but it is not `a`'s mule — both are the broker's accounts.
    @Test func anAccountLivingOnItsOwnClientsIsABrokersAccountNotItsMule() throws {
        let run = try twoAccountsSideBySide(transfer: 350)
        let ring = try #require(RingDetector().run(entities: run.entities, events: run.events).rings.first)
        #expect(Set(ring.members(.broker).map { run.entities.id($0.entity) }) == ["a", "b"])
        #expect(ring.members(.intermediary).isEmpty)
    }

    /// The same, but `a` sends `b` 9,000 a month, most of what `b` receives: `b` is `a`'s mule.
    @Test func anAccountTheBrokerFundsIsItsMule() throws {
        let run = try twoAccountsSideBySide(transfer: 9000)
        let ring = try #require(RingDetector().run(entities: run.entities, events: run.events).rings.first)
        #expect(Set(ring.members(.broker).map { run.entities.id($0.entity) }) == ["a"])
        #expect(Set(ring.members(.intermediary).map { run.entities.id($0.entity) }) == ["b"])
    }
}
