import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindRings

/// A broker's accounts: a second account, a switch half-way, and the look-alikes (two brokers
/// sharing an employee) kept apart.
extension EvidenceUnitTests {
    /// A broker that moves from account `old` to `new` half-way, paying and messaging e1 and e2,
    /// who work four vendors' accounts without tickets. The vendors pay the broker's account of
    /// the month directly, or (`viaFront`) pay `front`, which passes 95 % on to that account.
    func switchingBroker(viaFront: Bool) throws -> IngestRun {
        var payments = "", access = "", messages = ""
        let entities = "old,external\nnew,external\nfront,external\ne1,employee\ne2,employee\n"
        for month in 0..<6 {
            let account = month < 3 ? "old" : "new"
            for v in 1...4 {
                if viaFront {
                    payments += "v\(v),front,1000,\(Self.day(Double(month * 30 + v)))\n"
                    payments += "front,\(account),950,\(Self.day(Double(month * 30 + v) + 0.5))\n"
                } else {
                    payments += "v\(v),\(account),1000,\(Self.day(Double(month * 30 + v)))\n"
                }
            }
            for e in ["e1", "e2"] {
                payments += "\(account),\(e),300,\(Self.day(Double(month * 30 + 6)))\n"
                messages +=
                    "\(account),\(e),\(Self.day(Double(month * 30 + 5)))\n\(e),\(account),\(Self.day(Double(month * 30) + 5.2))\n"
                for v in 1...4 where (v + month) % 2 == (e == "e1" ? 0 : 1) {
                    access += "\(e),restore_account,v\(v),\(Self.day(Double(month * 30 + 7 + v))),\n"
                }
            }
        }
        return try world(entities: entities, payments: payments, messages: messages, access: access)
    }

    /// Broker x pays insider e1 monthly and they talk both ways; e1 does untracked favours for
    /// v1 and v2, which pay x monthly: a ring. Tests add what they are about to it.
    func twoFavouredClients() -> (entities: String, payments: String, messages: String, access: String) {
        var payments = "", access = "", messages = ""
        for month in 0..<5 {
            for v in 1...2 { payments += "v\(v),x,900,\(Self.day(Double(month * 30 + v)))\n" }
            payments += "x,e1,400,\(Self.day(Double(month * 30 + 4)))\n"
            messages += "x,e1,\(Self.day(Double(month * 30 + 3)))\ne1,x,\(Self.day(Double(month * 30) + 3.5))\n"
            for v in 1...2 { access += "e1,restore_account,v\(v),\(Self.day(Double(month * 30 + 5 + v))),\n" }
        }
        return ("x,external\ne1,employee\n", payments, messages, access)
    }

    /// A broker moves to a new account half-way: each account has half the evidence. The ring
    /// lists both accounts.
    @Test func aBrokersSecondAccountJoinsItsRing() throws {
        let run = try switchingBroker(viaFront: false)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Set(ring.members(.broker).map { run.entities.id($0.entity) }) == ["old", "new"])
        #expect(Set(ring.members(.insider).map { run.entities.id($0.entity) }) == ["e1", "e2"])
    }

    /// A broker that deals with insider e1 from account `first` for three months, then from
    /// `second`: e1 works the clients of each account of the month without tickets. The
    /// accounts' clients differ but for v3, which pays both when `sharedClient`; with
    /// `sideBySide`, both accounts deal with e1 all six months. e1 otherwise works under tickets.
    func twoAccountsOfOneInsider(sharedClient: Bool, sideBySide: Bool = false) throws -> IngestRun {
        var payments = "", access = "", messages = ""
        access += Self.routineWork(120, every: 1.5)
        let entities = "first,external\nsecond,external\ne1,employee\n"
        for month in 0..<6 {
            let accounts = sideBySide ? ["first", "second"] : [month < 3 ? "first" : "second"]
            for account in accounts {
                let clients = account == "first" ? [1, 2, 3, 7] : sharedClient ? [3, 4, 5, 6] : [4, 5, 6, 8]
                for v in clients { payments += "v\(v),\(account),1000,\(Self.day(Double(month * 30 + v)))\n" }
                payments += "\(account),e1,300,\(Self.day(Double(month * 30 + 7)))\n"
                messages +=
                    "\(account),e1,\(Self.day(Double(month * 30 + 6)))\ne1,\(account),\(Self.day(Double(month * 30) + 6.2))\n"
                for v in clients { access += "e1,restore_account,v\(v),\(Self.day(Double(month * 30 + 8 + v))),\n" }
            }
        }
        return try world(entities: entities, payments: payments, messages: messages, access: access)
    }

    /// The two accounts share one insider, one after the other, and one client pays both: one
    /// broker switched accounts. One ring lists both, and each says when the other took over.
    @Test func aBrokerThatHandsItsInsiderToANewAccountIsOneRing() throws {
        let run = try twoAccountsOfOneInsider(sharedClient: true)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Set(ring.members(.broker).map { run.entities.id($0.entity) }) == ["first", "second"])
        #expect(
            Set(ring.members(.client).map { run.entities.id($0.entity) }) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
        let first = try #require(ring.members(.broker).first { run.entities.id($0.entity) == "first" })
        #expect(
            first.reasons.contains {
                $0.hasPrefix("dealt with e1 until 2025-03-")
                    && $0.hasSuffix("another account of one broker, used after this one")
            })
    }

    /// A broker that deals with insider e1 from account `first` for three months, then from
    /// `second`; e1 does one untracked favour a month, for a client of the account of the month,
    /// and otherwise leaves one job in five unticketed. Client v3 pays both accounts when `sharedClient`. Each
    /// account alone holds three favours, too few to tell from slips among the 16 candidate
    /// accounts (14 consultancies, each paid by two vendors and paying an employee who works
    /// their accounts under tickets); together they hold six.
    func favourPerMonthFromTwoAccounts(sharedClient: Bool) throws -> IngestRun {
        var entities = "first,external\nsecond,external\ne1,employee\n", payments = "", access = "", messages = ""
        access += Self.routineWork(120, every: 1.5, untrackedEvery: 5)
        for month in 0..<6 {
            let account = month < 3 ? "first" : "second"
            let clients = account == "first" ? [1, 2, 3] : [sharedClient ? 3 : 6, 4, 5]
            for v in clients { payments += "v\(v),\(account),1000,\(Self.day(Double(month * 30 + v)))\n" }
            payments += "\(account),e1,300,\(Self.day(Double(month * 30 + 7)))\n"
            messages +=
                "\(account),e1,\(Self.day(Double(month * 30 + 6)))\ne1,\(account),\(Self.day(Double(month * 30) + 6.2))\n"
            access += "e1,restore_account,v\(clients[month % 3]),\(Self.day(Double(month * 30 + 10))),\n"
        }
        for d in 0..<14 {
            entities += "d\(d),external\n"
            for v in [200 + 2 * d, 201 + 2 * d] { payments += "v\(v),d\(d),500,\(Self.day(Double(d * 10 + 3)))\n" }
            payments += "d\(d),s\(d),200,\(Self.day(Double(d * 10 + 4)))\n"
            for v in [200 + 2 * d, 201 + 2 * d] {
                access += "s\(d),view_account,v\(v),\(Self.day(Double(d * 10 + 5))),T-D\(d)\n"
            }
        }
        return try world(entities: entities, payments: payments, messages: messages, access: access)
    }

    /// Drafts are merged strongest first. An account already a broker of a kept ring (here, with
    /// another account used after it) that is drafted again on its own — with an insider the ring
    /// holds only as an associate, so explaining away leaves it significant — joins that ring
    /// (the insider at its better tier) instead of making a second ring of the same broker.
    @Test func anAccountDraftedAgainJoinsTheRingItIsABrokerOf() throws {
        let run = try world(entities: "a,external\nb,external\ne1,employee\ne2,employee\n")
        let context = RingDetector.Context(entities: run.entities, events: run.events, parameters: .init())
        let id = { (name: String) in try #require(run.entities.entity(forID: name)) }
        let (a, b, e1, e2) = (try id("a"), try id("b"), try id("e1"), try id("e2"))
        let clients = try ["v1", "v2", "v3"].map(id)
        let candidates = [
            CandidateRing(accounts: [a, b], clients: [], pairs: [], testedContacts: 1),
            CandidateRing(accounts: [b], clients: [], pairs: [], testedContacts: 1),
        ]
        let significance = FalseDiscovery(surprises: [12, 4])
        var pair = RingAssembly.Draft(brokers: [a, b], candidates: [0], strength: 12)
        pair.insiders = [e1: .core, e2: .associate]
        for v in clients { pair.clients[v] = .core }
        var alone = RingAssembly.Draft(brokers: [b], candidates: [1], strength: 4)
        alone.insiders = [e2: .core]
        let merged = RingAssembly.mergeAccounts(
            [pair, alone], candidates: candidates, significance: significance, context: context)
        #expect(merged.count == 1)
        #expect(merged.first?.brokers == [a, b])
        #expect(merged.first?.insiders == [e1: .core, e2: .core])
        #expect(merged.first?.candidates == [0, 1])
    }

    /// Assessed together, the two accounts are one ring with both as brokers; without a client
    /// paying both they are not paired, and neither alone is a ring.
    @Test func twoAccountsUsedOneAfterTheOtherAreAssessedTogether() throws {
        let paired = try favourPerMonthFromTwoAccounts(sharedClient: true)
        let detection = RingDetector().run(entities: paired.entities, events: paired.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Set(ring.members(.broker).map { paired.entities.id($0.entity) }) == ["first", "second"])
        #expect(detection.candidates == 17)  // 16 accounts and the pair
        let first = try #require(ring.members(.broker).first { paired.entities.id($0.entity) == "first" })
        #expect(first.reasons.first?.hasPrefix("with second, assessed as one broker: paid by 5 vendors") == true)
        let unpaired = try favourPerMonthFromTwoAccounts(sharedClient: false)
        let apart = RingDetector().run(entities: unpaired.entities, events: unpaired.events)
        #expect(apart.candidates == 16)
        #expect(apart.rings.isEmpty)
    }

    /// The same succession without a client paying both accounts: two brokers that used the
    /// same employee one after the other, not one broker's accounts. (The weaker is explained
    /// away: its only insider is already the stronger ring's.)
    @Test func accountsThatShareNoClientAreNotOneBrokerEvenOneAfterTheOther() throws {
        let run = try twoAccountsOfOneInsider(sharedClient: false)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(!detection.rings.isEmpty)
        #expect(detection.rings.allSatisfy { $0.members(.broker).count == 1 })
    }

    /// Both accounts deal with the insider all along (a client pays both): two brokers sharing
    /// an employee, not a switch of accounts.
    @Test func accountsDealingWithTheInsiderSideBySideAreNotOneBroker() throws {
        let run = try twoAccountsOfOneInsider(sharedClient: true, sideBySide: true)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(!detection.rings.isEmpty)
        #expect(detection.rings.allSatisfy { $0.members(.broker).count == 1 })
    }

    /// The same broker, with its clients paying a front that passes their money on to the old
    /// account for three months and to the new one after: neither account receives half of the
    /// front's income, but together they receive nearly all of it. The front's payers are the
    /// ring's clients, and the front is its intermediary.
    @Test func aFrontServingBothOfABrokersAccountsStillMakesItsPayersClients() throws {
        let run = try switchingBroker(viaFront: true)
        let detection = RingDetector().run(entities: run.entities, events: run.events)
        #expect(detection.rings.count == 1)
        let ring = try #require(detection.rings.first)
        #expect(Set(ring.members(.broker).map { run.entities.id($0.entity) }) == ["old", "new"])
        #expect(Set(ring.members(.client).map { run.entities.id($0.entity) }) == ["v1", "v2", "v3", "v4"])
        #expect(Set(ring.members(.intermediary).map { run.entities.id($0.entity) }) == ["front"])
    }
}
